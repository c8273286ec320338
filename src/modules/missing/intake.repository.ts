/** SQL for notification intake: loading what a batch of notifications needs, and writing the result. */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import {
  carePeriods,
  childKnownNames,
  children,
  districts,
  incidentChanges,
  incidents,
  possibleMatches,
  tasks,
} from '../../db/schema.ts';

export type ChildRow = typeof children.$inferSelect;
/** What matching needs to know of a child: ids, normalised names, date of birth. */
export type CandidateChild = Pick<ChildRow, 'id' | 'forenameNorm' | 'surnameNorm' | 'dateOfBirth' | 'laChildId' | 'policePersonId'>;
export type IncidentRow = typeof incidents.$inferSelect;
export type CarePeriodRow = typeof carePeriods.$inferSelect;
export type NewChild = typeof children.$inferInsert;
export type NewIncident = typeof incidents.$inferInsert;
export type NewIncidentChange = typeof incidentChanges.$inferInsert;
export type NewPossibleMatch = typeof possibleMatches.$inferInsert;
export type NewTask = typeof tasks.$inferInsert;

export async function findIncidentsByReference(tx: Tx, authorityCode: string, refs: string[]) {
  if (refs.length === 0) return [];
  return tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.authorityCode, authorityCode), inArray(incidents.policeReference, refs)));
}

/** Children who could be the subject of these notifications: by either id, or by date of birth (exact or swapped). */
export async function findCandidateChildren(
  tx: Tx,
  authorityCode: string,
  keys: { laChildIds: string[]; policePersonIds: string[]; datesOfBirth: string[] },
): Promise<CandidateChild[]> {
  const clauses = [];
  if (keys.laChildIds.length) clauses.push(inArray(children.laChildId, keys.laChildIds));
  if (keys.policePersonIds.length) clauses.push(inArray(children.policePersonId, keys.policePersonIds));
  if (keys.datesOfBirth.length) clauses.push(inArray(children.dateOfBirth, keys.datesOfBirth));
  if (clauses.length === 0) return [];
  return tx
    .select({
      id: children.id,
      forenameNorm: children.forenameNorm,
      surnameNorm: children.surnameNorm,
      dateOfBirth: children.dateOfBirth,
      laChildId: children.laChildId,
      policePersonId: children.policePersonId,
    })
    .from(children)
    .where(and(eq(children.authorityCode, authorityCode), isNull(children.mergedInto), or(...clauses)));
}

/** Other names of children with one of these dates of birth: a match on one is put to a person, never linked. */
export async function findKnownNames(tx: Tx, authorityCode: string, datesOfBirth: string[]) {
  if (datesOfBirth.length === 0) return [];
  return tx
    .select({ childId: childKnownNames.childId, forenameNorm: childKnownNames.forenameNorm, surnameNorm: childKnownNames.surnameNorm, dateOfBirth: childKnownNames.dateOfBirth })
    .from(childKnownNames)
    .where(and(eq(childKnownNames.authorityCode, authorityCode), inArray(childKnownNames.dateOfBirth, datesOfBirth)));
}

export async function findCarePeriods(tx: Tx, childIds: string[]): Promise<CarePeriodRow[]> {
  if (childIds.length === 0) return [];
  return tx.select().from(carePeriods).where(inArray(carePeriods.childId, childIds));
}

export async function findOpenIncidents(tx: Tx, childIds: string[]) {
  if (childIds.length === 0) return [];
  return tx
    .select({ id: incidents.id, childId: incidents.childId, policeReference: incidents.policeReference })
    .from(incidents)
    .where(and(inArray(incidents.childId, childIds), isNull(incidents.foundAt)));
}

export async function districtIdsByName(tx: Tx, authorityCode: string): Promise<Map<string, number>> {
  const rows = await tx.select().from(districts).where(eq(districts.authorityCode, authorityCode));
  return new Map(rows.map((d) => [d.name.toLowerCase(), d.id]));
}

export interface IntakeWrites {
  children: NewChild[];
  incidents: NewIncident[];
  changes: NewIncidentChange[];
  possibleMatches: NewPossibleMatch[];
  tasks: NewTask[];
}

/** Writes a batch's new rows in dependency order, each table in one statement. */
export async function insertIntakeWrites(tx: Tx, w: IntakeWrites): Promise<void> {
  await bulkInsert(tx, children, w.children);
  await bulkInsert(tx, incidents, w.incidents);
  await bulkInsert(tx, incidentChanges, w.changes);
  await bulkInsert(tx, possibleMatches, w.possibleMatches, { onConflictDoNothing: true });
  await bulkInsert(tx, tasks, w.tasks, { onConflictDoNothing: true });
}

/** Applies a patch and moves the incident's version on, so concurrent edits can be detected. */
export async function updateIncident(tx: Tx, id: string, patch: Partial<NewIncident>): Promise<void> {
  await tx
    .update(incidents)
    .set({ ...patch, version: sql`${incidents.version} + 1` })
    .where(eq(incidents.id, id));
}
