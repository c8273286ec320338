/**
 * Care status over time: at home, looked after by this authority (placement, possibly out of area), or looked
 * after by another authority and placed here. Periods are dated and never overlap; a new period closes the
 * one before it.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { carePeriods, children } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import type { CareStatus } from '../missing/classification.ts';

export interface CarePeriodInput {
  status: CareStatus;
  startsAt: Date;
  placement: string | null;
  outOfArea: boolean;
  responsibleAuthority: string | null;
}

export function validateCarePeriod(input: CarePeriodInput): { field: string; message: string }[] {
  const problems = [];
  if (input.status === 'ola_care' && !input.responsibleAuthority?.trim()) {
    problems.push({ field: 'responsibleAuthority', message: 'Enter the authority responsible for the child' });
  }
  if (input.status === 'home' && input.outOfArea) {
    problems.push({ field: 'outOfArea', message: 'A child at home has no placement out of area' });
  }
  return problems;
}

export async function listCarePeriods(q: Tx, childId: string) {
  return q.select().from(carePeriods).where(eq(carePeriods.childId, childId)).orderBy(asc(carePeriods.startsAt));
}

/** Records a change of care status from a date. Later periods are not rewritten: back-dating is refused. */
export async function recordCareStatus(db: Database, actor: Actor, childId: string, input: CarePeriodInput): Promise<void> {
  assertCan(actor, 'care-status:record');
  const problems = validateCarePeriod(input);
  if (problems.length) throw new ValidationFailed(problems);
  await db.transaction(async (tx) => {
    const [child] = await tx.select({ id: children.id }).from(children).where(and(eq(children.id, childId), eq(children.authorityCode, actor.authorityCode)));
    if (!child) throw new NotFound('There is no such child');
    const later = await tx.select({ id: carePeriods.id }).from(carePeriods).where(and(eq(carePeriods.childId, childId), or(gt(carePeriods.startsAt, input.startsAt))));
    if (later.length) throw new ValidationFailed([{ field: 'startsAt', message: 'The date must be after the start of the current care status' }]);
    await tx.update(carePeriods).set({ endsAt: input.startsAt }).where(and(eq(carePeriods.childId, childId), isNull(carePeriods.endsAt)));
    const id = randomUUID();
    await tx.insert(carePeriods).values({ id, authorityCode: actor.authorityCode, childId, ...input, responsibleAuthority: input.status === 'ola_care' ? input.responsibleAuthority : null });
    await writeAudit(tx, actor, { action: 'care-status.recorded', childId, subjectType: 'care_period', subjectId: id, details: { status: input.status } });
  });
}
