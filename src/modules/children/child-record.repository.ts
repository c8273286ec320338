/** SQL for a child's record: the child, their incidents and changes, care periods, tasks and match decisions. */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/database.ts';
import { agencies, auditEvents, carePeriods, children, districts, incidentChanges, incidents, possibleMatches, tasks, users } from '../../db/schema.ts';

export async function findChild(q: Tx, authorityCode: string, id: string) {
  const [row] = await q
    .select({ child: children, districtName: districts.name })
    .from(children)
    .leftJoin(districts, eq(districts.id, children.districtId))
    .where(and(eq(children.id, id), eq(children.authorityCode, authorityCode)));
  return row ?? null;
}

/** Whether the force sent at least one notification about this child: a police user's way in to the record. */
export async function forceSentIncidentAbout(q: Tx, childId: string, agencyId: string): Promise<boolean> {
  const [row] = await q
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.childId, childId), eq(incidents.sourceAgencyId, agencyId)))
    .limit(1);
  return row !== undefined;
}

export async function childIncidents(q: Tx, childId: string, sourceAgencyId: string | null) {
  return q
    .select({ incident: incidents, districtName: districts.name, agencyName: agencies.name })
    .from(incidents)
    .leftJoin(districts, eq(districts.id, incidents.districtId))
    .leftJoin(agencies, eq(agencies.id, incidents.sourceAgencyId))
    .where(and(eq(incidents.childId, childId), sourceAgencyId ? eq(incidents.sourceAgencyId, sourceAgencyId) : undefined))
    .orderBy(desc(incidents.lastSeenAt));
}

/** Changes to these incidents with who made them: a user's name, else the agency (an API key, a file). */
export async function changesWithAuthors(q: Tx, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return q
    .select({ change: incidentChanges, userName: users.displayName, agencyName: agencies.name })
    .from(incidentChanges)
    .leftJoin(users, eq(users.id, incidentChanges.changedByUser))
    .leftJoin(agencies, eq(agencies.id, incidentChanges.changedByAgency))
    .where(inArray(incidentChanges.incidentId, incidentIds))
    .orderBy(asc(incidentChanges.changedAt), asc(incidentChanges.id));
}

/** Care periods, each with the person who recorded it where the audit trail names one. */
export async function carePeriodsWithAuthors(q: Tx, childId: string) {
  return q
    .select({ period: carePeriods, recordedBy: users.displayName })
    .from(carePeriods)
    .leftJoin(auditEvents, and(
      eq(auditEvents.childId, carePeriods.childId),
      eq(auditEvents.action, 'care-status.recorded'),
      sql`${auditEvents.subjectId} = ${carePeriods.id}::text`,
    ))
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(carePeriods.childId, childId))
    .orderBy(desc(carePeriods.startsAt));
}

export async function childTasks(q: Tx, childId: string) {
  return q
    .select({ task: tasks, doneByName: users.displayName, policeReference: incidents.policeReference })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.doneBy))
    .leftJoin(incidents, eq(incidents.id, tasks.incidentId))
    .where(eq(tasks.childId, childId))
    .orderBy(desc(tasks.createdAt));
}

/** Possible-same-child pairs this child is part of, with the other child's name. */
export async function childMatches(q: Tx, childId: string) {
  const first = alias(children, 'first_child');
  const second = alias(children, 'second_child');
  return q
    .select({
      match: possibleMatches, decidedByName: users.displayName,
      childName: sql<string>`${first.forename} || ' ' || ${first.surname}`,
      candidateName: sql<string>`${second.forename} || ' ' || ${second.surname}`,
    })
    .from(possibleMatches)
    .innerJoin(first, eq(first.id, possibleMatches.childId))
    .innerJoin(second, eq(second.id, possibleMatches.candidateChildId))
    .leftJoin(users, eq(users.id, possibleMatches.decidedBy))
    .where(or(eq(possibleMatches.childId, childId), eq(possibleMatches.candidateChildId, childId)))
    .orderBy(desc(possibleMatches.createdAt));
}

export type ChildIncidentRow = Awaited<ReturnType<typeof childIncidents>>[number];
export type ChangeRow = Awaited<ReturnType<typeof changesWithAuthors>>[number];
export type CarePeriodRow = Awaited<ReturnType<typeof carePeriodsWithAuthors>>[number];
export type TaskRow = Awaited<ReturnType<typeof childTasks>>[number];
export type MatchRow = Awaited<ReturnType<typeof childMatches>>[number];

export async function districtNames(q: Tx, authorityCode: string): Promise<Map<number, string>> {
  const rows = await q.select({ id: districts.id, name: districts.name }).from(districts).where(eq(districts.authorityCode, authorityCode));
  return new Map(rows.map((d) => [d.id, d.name]));
}
