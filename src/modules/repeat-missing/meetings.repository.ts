/**
 * Queries for multi-agency meeting requests. The reaction's loads are set-based over a chunk's children (an
 * import passes up to 1,000 at once), never one query per child.
 */
import { and, count, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { listedChildName } from '../access/restriction.ts';
import {
  agencies, authorities, children, incidents, meetingActions, meetingAttendance, meetingDecisions, meetingRequestIncidents, meetingRequests,
} from '../../db/schema.ts';
import type { IncidentStart } from './rule.ts';

export const OPEN_STATUSES = ['requested', 'scheduled', 'held'] as const;
export type MeetingRow = typeof meetingRequests.$inferSelect;

export async function authoritySettings(tx: Tx, authorityCode: string): Promise<Record<string, unknown>> {
  const [row] = await tx.select({ settings: authorities.settings }).from(authorities).where(eq(authorities.code, authorityCode));
  return row?.settings ?? {};
}

/** Every incident start of these children, grouped by child. */
export async function incidentStartsByChild(tx: Tx, childIds: string[]): Promise<Map<string, IncidentStart[]>> {
  const rows = await tx.select({ id: incidents.id, childId: incidents.childId, startedAt: incidents.lastSeenAt }).from(incidents).where(inArray(incidents.childId, childIds));
  return groupBy(rows, (r) => r.childId, (r) => ({ id: r.id, startedAt: r.startedAt }));
}

/** The open meeting of each child that has one (never more than one: unique index). */
export async function openMeetingByChild(tx: Tx, childIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.select({ id: meetingRequests.id, childId: meetingRequests.childId }).from(meetingRequests)
    .where(and(inArray(meetingRequests.childId, childIds), inArray(meetingRequests.status, [...OPEN_STATUSES])));
  return new Map(rows.map((r) => [r.childId, r.id]));
}

/**
 * The child's incidents already counted by any meeting request. Found through the incidents, not the requests,
 * so incidents moved to this child by a merge keep what they were counted for.
 */
export async function countedIncidentsByChild(tx: Tx, childIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await tx.selectDistinct({ incidentId: meetingRequestIncidents.incidentId, childId: incidents.childId })
    .from(meetingRequestIncidents)
    .innerJoin(incidents, eq(incidents.id, meetingRequestIncidents.incidentId))
    .where(inArray(incidents.childId, childIds));
  const grouped = groupBy(rows, (r) => r.childId, (r) => r.incidentId);
  return new Map([...grouped].map(([k, v]) => [k, new Set(v)]));
}

function groupBy<R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
}

const listColumns = (actor: Actor) => ({
  id: meetingRequests.id, status: meetingRequests.status, requestedFor: meetingRequests.requestedFor, explanation: meetingRequests.explanation,
  scheduledFor: meetingRequests.scheduledFor, heldAt: meetingRequests.heldAt, completedAt: meetingRequests.completedAt, cancelledAt: meetingRequests.cancelledAt,
  childId: children.id, ...listedChildName(actor, { id: children.id, forename: children.forename, surname: children.surname }),
});

/** Open requests, oldest request first, so the longest waiting is at the top. */
export function openMeetings(tx: Tx, actor: Actor, limit?: number) {
  const authorityCode = actor.authorityCode;
  const query = tx.select(listColumns(actor)).from(meetingRequests).innerJoin(children, eq(children.id, meetingRequests.childId))
    .where(and(eq(meetingRequests.authorityCode, authorityCode), inArray(meetingRequests.status, [...OPEN_STATUSES])))
    .orderBy(asc(meetingRequests.requestedFor));
  return limit === undefined ? query : query.limit(limit);
}

export async function countOpenMeetings(tx: Tx, authorityCode: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(meetingRequests)
    .where(and(eq(meetingRequests.authorityCode, authorityCode), inArray(meetingRequests.status, [...OPEN_STATUSES])));
  return row?.n ?? 0;
}

/** Completed and cancelled requests, latest request first. */
export function closedMeetings(tx: Tx, actor: Actor, limit: number) {
  const authorityCode = actor.authorityCode;
  return tx.select(listColumns(actor)).from(meetingRequests).innerJoin(children, eq(children.id, meetingRequests.childId))
    .where(and(eq(meetingRequests.authorityCode, authorityCode), notInArray(meetingRequests.status, [...OPEN_STATUSES])))
    .orderBy(desc(meetingRequests.requestedFor)).limit(limit);
}

export async function findMeeting(tx: Tx, authorityCode: string, id: string, options: { lock?: boolean } = {}): Promise<MeetingRow | null> {
  const query = tx.select().from(meetingRequests).where(and(eq(meetingRequests.id, id), eq(meetingRequests.authorityCode, authorityCode)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Everything the meeting page shows besides the request itself. */
export async function meetingDetails(tx: Tx, meeting: MeetingRow) {
  const id = meeting.id;
  const [child] = await tx.select({ id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, meeting.childId));
  const counted = await tx.select({ id: incidents.id, policeReference: incidents.policeReference, lastSeenAt: incidents.lastSeenAt, foundAt: incidents.foundAt })
    .from(meetingRequestIncidents).innerJoin(incidents, eq(incidents.id, meetingRequestIncidents.incidentId))
    .where(eq(meetingRequestIncidents.meetingRequestId, id)).orderBy(asc(incidents.lastSeenAt));
  const attendance = await tx.select({ agencyId: agencies.id, name: agencies.name, attended: meetingAttendance.attended })
    .from(meetingAttendance).innerJoin(agencies, eq(agencies.id, meetingAttendance.agencyId))
    .where(eq(meetingAttendance.meetingRequestId, id)).orderBy(asc(agencies.name));
  const decisions = await tx.select().from(meetingDecisions).where(eq(meetingDecisions.meetingRequestId, id)).orderBy(asc(meetingDecisions.createdAt));
  const actions = await tx.select({ action: meetingActions, agencyName: agencies.name })
    .from(meetingActions).innerJoin(agencies, eq(agencies.id, meetingActions.agencyId))
    .where(eq(meetingActions.meetingRequestId, id)).orderBy(asc(meetingActions.dueOn), asc(meetingActions.description));
  const partnerAgencies = await authorityAgencies(tx, meeting.authorityCode);
  if (!child) throw new Error(`meeting ${id} has no child`);
  return { child, counted, attendance, decisions, actions, agencies: partnerAgencies };
}

export function authorityAgencies(tx: Tx, authorityCode: string) {
  return tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.authorityCode, authorityCode)).orderBy(asc(agencies.name));
}

/** Bumps the version only if nobody else has; false when the row moved on since it was read. */
export async function saveMeeting(tx: Tx, id: string, expectedVersion: number, patch: Partial<MeetingRow>): Promise<boolean> {
  const rows = await tx.update(meetingRequests).set({ ...patch, version: sql`${meetingRequests.version} + 1` })
    .where(and(eq(meetingRequests.id, id), eq(meetingRequests.version, expectedVersion))).returning({ id: meetingRequests.id });
  return rows.length === 1;
}
