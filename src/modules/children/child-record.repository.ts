/**
 * SQL for a child's record: the child, their incidents and changes, care periods, tasks, match decisions, return
 * interviews with the child's feedback, and repeat-missing meeting requests.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/database.ts';
import {
  agencies, auditEvents, carePeriods, children, districts, incidentChanges, incidents, meetingRequests, possibleMatches, returnInterviews,
  rhiFeedback, tasks, users,
} from '../../db/schema.ts';

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

/**
 * The child and any record merged into it: meeting requests and audit rows stay with the record they began on
 * (a merge moves incidents, and interviews follow their incidents).
 */
const childAndMerged = (childId: string) => sql`(SELECT ${children.id} FROM ${children} WHERE ${children.id} = ${childId} OR ${children.mergedInto} = ${childId})`;

/** The return interviews of these incidents (one each at most) with their provider and worker. */
export async function incidentReturnInterviews(q: Tx, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return q
    .select({ rhi: returnInterviews, policeReference: incidents.policeReference, providerName: agencies.name, workerName: users.displayName })
    .from(returnInterviews)
    .innerJoin(incidents, eq(incidents.id, returnInterviews.incidentId))
    .leftJoin(agencies, eq(agencies.id, returnInterviews.providerAgencyId))
    .leftJoin(users, eq(users.id, returnInterviews.workerUserId))
    .where(inArray(returnInterviews.incidentId, incidentIds));
}

/** The child's feedback on the interviews of these incidents, with the worker who recorded it when it was them. */
export async function incidentInterviewFeedback(q: Tx, incidentIds: string[]) {
  if (incidentIds.length === 0) return [];
  return q
    .select({ feedback: rhiFeedback, recordedByName: users.displayName, policeReference: incidents.policeReference, incidentId: incidents.id })
    .from(rhiFeedback)
    .innerJoin(returnInterviews, eq(returnInterviews.id, rhiFeedback.returnInterviewId))
    .innerJoin(incidents, eq(incidents.id, returnInterviews.incidentId))
    .leftJoin(users, eq(users.id, rhiFeedback.recordedBy))
    .where(inArray(returnInterviews.incidentId, incidentIds));
}

export async function childMeetingRequests(q: Tx, childId: string) {
  return q.select().from(meetingRequests).where(sql`${meetingRequests.childId} IN ${childAndMerged(childId)}`);
}

/** Audit actions that say who moved an interview or a meeting on: the records keep only when. */
export const CASEWORK_AUDIT_ACTIONS = [
  'return-interview.recorded', 'meeting-request.scheduled', 'meeting-request.held', 'meeting-request.completed', 'meeting-request.cancelled',
] as const;

/** Those audit rows for the child, oldest first, with the name of the user (none when the system acted). */
export async function childCaseworkAudit(q: Tx, childId: string) {
  return q
    .select({ id: auditEvents.id, at: auditEvents.at, action: auditEvents.action, subjectId: auditEvents.subjectId, details: auditEvents.details, userName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(sql`${auditEvents.childId} IN ${childAndMerged(childId)}`, inArray(auditEvents.action, [...CASEWORK_AUDIT_ACTIONS])))
    .orderBy(asc(auditEvents.id));
}

export type ChildIncidentRow = Awaited<ReturnType<typeof childIncidents>>[number];
export type ChangeRow = Awaited<ReturnType<typeof changesWithAuthors>>[number];
export type CarePeriodRow = Awaited<ReturnType<typeof carePeriodsWithAuthors>>[number];
export type TaskRow = Awaited<ReturnType<typeof childTasks>>[number];
export type MatchRow = Awaited<ReturnType<typeof childMatches>>[number];
export type InterviewRow = Awaited<ReturnType<typeof incidentReturnInterviews>>[number];
export type InterviewFeedbackRow = Awaited<ReturnType<typeof incidentInterviewFeedback>>[number];
export type MeetingRequestRow = Awaited<ReturnType<typeof childMeetingRequests>>[number];
export type CaseworkAuditRow = Awaited<ReturnType<typeof childCaseworkAudit>>[number];

export async function districtNames(q: Tx, authorityCode: string): Promise<Map<number, string>> {
  const rows = await q.select({ id: districts.id, name: districts.name }).from(districts).where(eq(districts.authorityCode, authorityCode));
  return new Map(rows.map((d) => [d.id, d.name]));
}
