/**
 * Care status over time: at home, looked after by this authority (placement, possibly out of area), or looked
 * after by another authority and placed here. Periods are dated and never overlap; a new period closes the
 * one before it. Incidents keep the classification they had at their start: a change here never rewrites them.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, gte, isNull, ne, or } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { carePeriods, incidents } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { DomainRuleBroken, ValidationFailed } from '../errors.ts';
import { formatUkDate, londonDate } from '../missing/uk-time.ts';
import { careStatusLabel, checkCareStatus, sameAsCurrent, type CareStatusInput } from './care-status.ts';
import { findVisibleChild } from './child-record.service.ts';

export async function listCarePeriods(q: Tx, childId: string) {
  return q.select().from(carePeriods).where(eq(carePeriods.childId, childId)).orderBy(desc(carePeriods.startsAt));
}

async function openChild(tx: Tx, actor: Actor, childId: string) {
  const found = await findVisibleChild(tx, actor, childId);
  if (found.child.mergedInto) throw new DomainRuleBroken('This record was merged into another child’s record: record the care status there');
  return found.child;
}

/** What the care status form shows: the child, and the care status in force. Audited as a view of the child. */
export async function careStatusForm(db: Database, actor: Actor, childId: string) {
  assertCan(actor, 'care-status:record');
  return db.transaction(async (tx) => {
    const child = await openChild(tx, actor, childId);
    const [latest] = await listCarePeriods(tx, child.id);
    await writeAudit(tx, actor, { action: 'child.viewed', childId: child.id, subjectType: 'child', subjectId: child.id, details: { page: 'care-status' } });
    return { child: { id: child.id, forename: child.forename, surname: child.surname, dateOfBirth: child.dateOfBirth }, current: latest ?? null };
  });
}

export interface CareStatusRecorded {
  periodId: string;
  /** Incidents since the new start that are classified otherwise: a person may want to override them. */
  incidentsToReview: { id: string; policeReference: string }[];
}

/** Records a change of care status from a date. Back-dating before the current period's start is refused. */
export async function recordCareStatus(db: Database, actor: Actor, childId: string, input: CareStatusInput, now: Date): Promise<CareStatusRecorded> {
  assertCan(actor, 'care-status:record');
  const checked = checkCareStatus(input, now);
  if (!checked.ok) throw new ValidationFailed(checked.problems);
  const change = checked.value;
  return db.transaction(async (tx) => {
    const child = await openChild(tx, actor, childId);
    const [latest] = await listCarePeriods(tx, child.id);
    if (latest && change.startsAt.getTime() <= latest.startsAt.getTime()) {
      throw new ValidationFailed([{ field: 'startsOn', message: `The date must be after ${formatUkDate(londonDate(latest.startsAt))}, when the current care status started` }]);
    }
    if (latest && latest.endsAt === null && sameAsCurrent(change, latest)) {
      throw new ValidationFailed([{ field: 'status', message: `The child is already recorded as "${careStatusLabel(latest.status)}" with these details` }]);
    }
    await tx.update(carePeriods).set({ endsAt: change.startsAt })
      .where(and(eq(carePeriods.childId, child.id), or(isNull(carePeriods.endsAt), gt(carePeriods.endsAt, change.startsAt))));
    const id = randomUUID();
    await tx.insert(carePeriods).values({
      id, authorityCode: actor.authorityCode, childId: child.id, status: change.status, startsAt: change.startsAt,
      placement: change.placement, outOfArea: change.outOfArea, responsibleAuthority: change.responsibleAuthority,
    });
    await writeAudit(tx, actor, { action: 'care-status.recorded', childId: child.id, subjectType: 'care_period', subjectId: id, details: { status: change.status } });
    const incidentsToReview = await tx
      .select({ id: incidents.id, policeReference: incidents.policeReference })
      .from(incidents)
      .where(and(eq(incidents.childId, child.id), gte(incidents.lastSeenAt, change.startsAt), ne(incidents.classification, change.status)));
    return { periodId: id, incidentsToReview };
  });
}
