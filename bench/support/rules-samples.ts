/**
 * The children the rule benchmark adds incidents to: picked at random from the whole population (any child
 * with no open incident and none ended in the last four days, so the new ones fit after their history), and
 * each sample's two new incidents. Each is the child's next incident, continuing their own pattern: it starts
 * about one of the child's usual intervals (0.5-1.5 times their mean interval between starts; 7-365 days for
 * a child missing once before) after their latest, capped a few days before now. So a frequently missing
 * child's new incident lands close after their recent ones and may meet the rule, as it would in the live
 * system, and a child missing once a year rarely does.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../src/db/database.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import type { NotificationInput } from '../../src/modules/missing/notification.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SampleChild {
  childId: string;
  authorityCode: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  sex: 'male' | 'female' | null;
  laChildId: string;
  policePersonId: string | null;
  /** Incidents before the benchmark added any. */
  incidents: number;
  lastStartedAt: Date;
  lastEndedAt: Date;
  /** Mean time between the starts of the child's incidents; null when there was only one. */
  meanIntervalMs: number | null;
}

export interface NewIncident {
  lastSeenAt: Date;
  foundAt: Date;
}

/** A small seeded generator (mulberry32): the same seed gives the same gaps and durations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const wholeMinute = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE);

/**
 * The incident after `previous` (its start and end) in the child's pattern: an interval later (never before
 * `previous` ended), starting no later than `latestStart`, lasting 1-24 hours.
 */
export function nextIncident(previous: { startedAt: Date; endedAt: Date }, meanIntervalMs: number | null, latestStart: Date, random: () => number): NewIncident {
  const interval = meanIntervalMs === null ? (7 + 358 * random()) * DAY : meanIntervalMs * (0.5 + random());
  const start = Math.min(Math.max(previous.startedAt.getTime() + interval, previous.endedAt.getTime() + HOUR), latestStart.getTime());
  const lastSeenAt = wholeMinute(start);
  return { lastSeenAt, foundAt: wholeMinute(lastSeenAt.getTime() + (1 + 23 * random()) * HOUR) };
}

interface PickedRow extends Record<string, unknown> {
  child_id: string; authority_code: string; forename: string; surname: string; date_of_birth: string; sex: string | null;
  la_child_id: string; police_person_id: string | null; n: number; first_start: Date; last_start: Date; last_end: Date | null; open: boolean;
}

/** `count` children at random from the whole population, with what the benchmark needs about each. */
export async function pickChildren(q: Tx, count: number, now: Date): Promise<SampleChild[]> {
  // Twice as many as needed, then the ineligible (missing now, or back in the last four days) are left out.
  const rows = await queryRows<PickedRow>(q, sql`
    WITH picked AS (SELECT id FROM children ORDER BY random() LIMIT ${count * 2 + 50})
    SELECT c.id AS child_id, c.authority_code, c.forename, c.surname, c.date_of_birth, c.sex, c.la_child_id, c.police_person_id,
      agg.n, agg.first_start, agg.last_start, agg.last_end, agg.open
    FROM picked JOIN children c ON c.id = picked.id
    CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(last_seen_at) AS first_start, max(last_seen_at) AS last_start,
      max(found_at) AS last_end, bool_or(found_at IS NULL) AS open
      FROM incidents WHERE child_id = c.id) AS agg`);
  const cutoff = now.getTime() - 4 * DAY;
  return rows
    .filter((r) => !r.open && r.last_end !== null && new Date(r.last_end).getTime() < cutoff)
    .slice(0, count)
    .map((r) => ({
      childId: r.child_id, authorityCode: r.authority_code, forename: r.forename, surname: r.surname, dateOfBirth: r.date_of_birth,
      sex: r.sex === 'male' || r.sex === 'female' ? r.sex : null, laChildId: r.la_child_id, policePersonId: r.police_person_id,
      incidents: r.n, lastStartedAt: new Date(r.last_start), lastEndedAt: new Date(r.last_end ?? 0),
      meanIntervalMs: r.n > 1 ? (new Date(r.last_start).getTime() - new Date(r.first_start).getTime()) / (r.n - 1) : null,
    }));
}

/** The police force's system sending notifications through the API, as most notifications arrive. */
export function policeApiActor(authorityCode: string, policeAgencyId: string): Actor {
  return {
    kind: 'api_key', id: '00000000-0000-4000-8000-000000000001', role: 'police', authorityCode, agencyId: policeAgencyId,
    agencyKind: 'police', displayName: 'Bench police system', correlationId: 'bench-rules',
  };
}

export async function policeAgencies(q: Tx): Promise<Map<string, string>> {
  const rows = await queryRows<{ code: string; id: string }>(q, sql`SELECT authority_code AS code, id FROM agencies WHERE kind = 'police'`);
  return new Map(rows.map((r) => [r.code.trim(), r.id]));
}

/** The notification the police would send for this child's new incident, found already (so no clash). */
export function notificationFor(child: SampleChild, reference: string, incident: NewIncident): NotificationInput {
  const reportedAt = new Date(incident.lastSeenAt.getTime() + HOUR);
  return {
    policeReference: reference, reportedAt, notifiedAt: new Date(reportedAt.getTime() + 20 * MINUTE), lastSeenAt: incident.lastSeenAt,
    foundAt: incident.foundAt, riskGrade: 'medium', forename: child.forename, surname: child.surname, dateOfBirth: child.dateOfBirth,
    sex: child.sex, laChildId: child.laChildId, policePersonId: child.policePersonId, missingFrom: 'home', responsibleAuthority: null,
    district: null, missingFromPostcode: null, foundLocation: null, foundPostcode: null, circumstances: null,
  };
}

/** How many (meeting request, incident) links the child has: it grows exactly when the rule was met. */
export async function countedLinks(q: Tx, childId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(q, sql`
    SELECT count(*)::int AS n FROM meeting_request_incidents mri JOIN incidents i ON i.id = mri.incident_id WHERE i.child_id = ${childId}`);
  return row?.n ?? 0;
}
