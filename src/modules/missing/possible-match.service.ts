/**
 * "Possible same child" decisions (police-notifications.md): a near match never links silently, so a Missing
 * Officer confirms (the newer record is merged into the existing child) or rejects (they are different children).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { carePeriods, childKnownNames, children, incidents, possibleMatches, tasks } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { normaliseName } from '../children/child-matching.ts';
import { recordKnownName } from '../children/known-names.ts';
import { Conflict, DomainRuleBroken, NotFound, ValidationFailed } from '../errors.ts';
import { incidentsChanged } from './incident-events.ts';
import { actorUserId } from './intake.service.ts';
import { isUniqueViolation, ONE_OPEN_INCIDENT } from './incident.repository.ts';

export type MatchDecision = 'confirm' | 'reject';

type Period = { startsAt: Date; endsAt: Date | null };
const overlaps = (a: Period, b: Period) =>
  a.startsAt.getTime() < (b.endsAt?.getTime() ?? Infinity) && b.startsAt.getTime() < (a.endsAt?.getTime() ?? Infinity);

/** The record a child id stands for now, following merges. */
async function survivingChild(tx: Tx, authorityCode: string, id: string) {
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const [row] = await tx.select().from(children).where(and(eq(children.id, current), eq(children.authorityCode, authorityCode))).for('update');
    if (!row) throw new NotFound('There is no such child');
    if (!row.mergedInto) return row;
    current = row.mergedInto;
  }
  throw new Error('merge chain too long');
}

async function refuseClashes(tx: Tx, fromId: string, intoId: string): Promise<void> {
  const open = await tx.select({ childId: incidents.childId, ref: incidents.policeReference }).from(incidents)
    .where(and(inArray(incidents.childId, [fromId, intoId]), isNull(incidents.foundAt)));
  if (open.length > 1) {
    throw new DomainRuleBroken(`Both records have a child missing now (${open.map((o) => o.ref).join(' and ')}). A child can be missing only once at a time: record one incident as found, or correct it, before merging.`);
  }
  const periods = await tx.select().from(carePeriods).where(inArray(carePeriods.childId, [fromId, intoId]));
  const from = periods.filter((p) => p.childId === fromId);
  const into = periods.filter((p) => p.childId === intoId);
  if (from.some((a) => into.some((b) => overlaps(a, b)))) {
    throw new DomainRuleBroken('Both records have care status periods covering the same dates, so they cannot be joined as they are. Ask for the care status of the newer record to be corrected first.');
  }
}

/** The merged record's names (and its own known names) become names the surviving child is known by. */
async function keepNamesOf(tx: Tx, from: typeof children.$inferSelect, into: typeof children.$inferSelect): Promise<void> {
  const all = [
    { forename: from.forename, surname: from.surname, dateOfBirth: from.dateOfBirth },
    ...(await tx.select().from(childKnownNames).where(eq(childKnownNames.childId, from.id))),
  ];
  const own = `${into.forenameNorm} ${into.surnameNorm} ${into.dateOfBirth}`;
  const names = all.filter((n) => `${normaliseName(n.forename)} ${normaliseName(n.surname)} ${n.dateOfBirth}` !== own);
  for (const n of names) {
    await recordKnownName(tx, { authorityCode: from.authorityCode, childId: into.id, forename: n.forename, surname: n.surname, dateOfBirth: n.dateOfBirth, source: 'merge' });
  }
}

/** Moves the newer record's incidents, care periods and tasks to the existing child and marks it merged. */
async function mergeChildren(tx: Tx, actor: Actor, from: typeof children.$inferSelect, into: typeof children.$inferSelect, now: Date) {
  await refuseClashes(tx, from.id, into.id);
  let moved: { id: string }[];
  try {
    moved = await tx.update(incidents).set({ childId: into.id, updatedAt: now, version: sql`${incidents.version} + 1` }).where(eq(incidents.childId, from.id)).returning({ id: incidents.id });
  } catch (error) {
    if (isUniqueViolation(error, ONE_OPEN_INCIDENT)) throw new DomainRuleBroken('Both records have a child missing now: record one incident as found before merging.');
    throw error;
  }
  await tx.update(carePeriods).set({ childId: into.id }).where(eq(carePeriods.childId, from.id));
  await tx.update(tasks).set({ childId: into.id }).where(eq(tasks.childId, from.id));
  // Ids the existing record lacks move across, so later notifications quoting them find the right child.
  const takeLa = !into.laChildId && from.laChildId ? from.laChildId : null;
  await tx.update(children).set({ mergedInto: into.id, laChildId: takeLa ? null : from.laChildId, updatedAt: now, version: sql`${children.version} + 1` }).where(eq(children.id, from.id));
  await tx.update(children).set({
    laChildId: into.laChildId ?? takeLa, policePersonId: into.policePersonId ?? from.policePersonId,
    districtId: into.districtId ?? from.districtId, sex: into.sex ?? from.sex, updatedAt: now, version: sql`${children.version} + 1`,
  }).where(eq(children.id, into.id));
  await keepNamesOf(tx, from, into);
  const details = { mergedChildId: from.id, intoChildId: into.id, incidentsMoved: moved.length };
  await writeAudit(tx, actor, [
    { action: 'child.merged', childId: into.id, subjectType: 'child', subjectId: into.id, details },
    { action: 'child.merged', childId: from.id, subjectType: 'child', subjectId: from.id, details },
  ]);
}

/**
 * Confirms or rejects a possible same child. Confirming merges the newer record into the existing child in one
 * transaction; the answer names the child whose record to show next.
 */
export async function decidePossibleMatch(db: Database, actor: Actor, id: string, decision: string, now: Date): Promise<{ decision: MatchDecision; childId: string }> {
  assertCan(actor, 'possible-match:decide');
  if (decision !== 'confirm' && decision !== 'reject') throw new ValidationFailed([{ field: 'decision', message: 'Choose whether they are the same child or different children' }]);
  const matchId = recordId(id, 'possible match');
  return db.transaction(async (tx) => {
    const [match] = await tx.select().from(possibleMatches)
      .where(and(eq(possibleMatches.id, matchId), eq(possibleMatches.authorityCode, actor.authorityCode))).for('update');
    if (!match) throw new NotFound('There is no such possible match');
    if (match.status !== 'open') throw new Conflict(`This possible match was already ${match.status}`);
    const status = decision === 'confirm' ? 'confirmed' : 'rejected';
    let childId = match.candidateChildId;
    if (decision === 'confirm') {
      const newer = await survivingChild(tx, actor.authorityCode, match.childId);
      const existing = await survivingChild(tx, actor.authorityCode, match.candidateChildId);
      if (newer.id !== existing.id) {
        await mergeChildren(tx, actor, newer, existing, now);
        // The surviving child's history now holds the merged record's incidents too.
        await incidentsChanged(tx, actor, { childIds: [existing.id], endedIncidentIds: [], now });
      }
      childId = existing.id;
    }
    await tx.update(possibleMatches).set({ status, decidedBy: actorUserId(actor), decidedAt: now }).where(eq(possibleMatches.id, match.id));
    await writeAudit(tx, actor, { action: `possible-match.${status}`, childId: match.childId, subjectType: 'possible_match', subjectId: match.id, details: { candidateChildId: match.candidateChildId } });
    return { decision, childId };
  });
}
