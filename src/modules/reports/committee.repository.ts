/**
 * The SQL behind the committee measures (definitions in committee.ts): five set-based statements, grouped per
 * district and overall in the same pass, never a query per child or incident. Incidents by start and by end
 * are range scans of incidents_authority_start and incidents_found; there is no index on notified_at, so
 * notifications read the authority's incidents (incidents_authority_start's prefix) and filter them. Every row
 * is keyed by its column: a district id, 'unknown' (no district recorded) or 'total'.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { returnInterviewFactors, returnInterviewRisks } from '../../db/schema.ts';

export interface CommitteeQuery {
  authorityCode: string;
  start: Date;
  /** Exclusive. */
  end: Date;
  byDistrict: boolean;
  offerHours: number;
  completeHours: number;
}

/** `all_ages` is 1 on the rows over all ages, 0 on the rows of one `age`. */
export type StartedRow = {
  col: string; age: number | null; all_ages: number; incidents: number; individuals: number; female: number; male: number;
  home_individuals: number; own_care_individuals: number; ola_individuals: number;
  missing: number; missing_24h: number; missing_72h: number; absent: number; absent_24h: number; absent_72h: number;
};
export type NotifiedRow = { col: string; notifications: number; individuals: number };
export type EndedRow = {
  col: string; looked_after: boolean; ended: number; completed: number; offered_in_time: number; completed_in_time: number;
  declined: number; advice: number; not_attempted: number;
};
export type CodeRow = { col: string; list: 'factor' | 'risk'; code: string; n: number };
export type MeetingRow = { col: string; requested: number; requested_held: number; held: number };

/** The column of a grouped row; `extra` are grouping sets every query adds (age, home vs looked after). */
function columnOf(q: CommitteeQuery, extra: SQL | null) {
  const sets = (inner: SQL | null) => (inner ? sql`(${inner})` : sql`()`);
  if (!q.byDistrict) return { col: sql`'total'`, sets: sets(extra) };
  const withDistrict = extra ? sql`(district_id, ${extra})` : sql`(district_id)`;
  return {
    col: sql`CASE WHEN GROUPING(district_id) = 1 THEN 'total' ELSE COALESCE(district_id::text, 'unknown') END`,
    sets: sql`${withDistrict}, ${sets(extra)}`,
  };
}

const iso = (d: Date) => d.toISOString();

/** Incidents started in the period: sex, where from, age at the start, notification timeliness by initial grade. */
export function startedCounts(q: Tx, p: CommitteeQuery) {
  const plain = columnOf(p, null);
  const byAge = columnOf(p, sql`age`);
  return queryRows<StartedRow>(q, sql`
    WITH x AS (
      SELECT i.child_id, i.classification, i.district_id, c.sex,
        extract(year FROM age((i.last_seen_at AT TIME ZONE 'Europe/London')::date, c.date_of_birth))::int AS age,
        i.initial_risk_grade = 'no apparent risk' AS absent,
        i.notified_at <= i.reported_at + interval '24 hours' AS in_24h,
        i.notified_at <= i.reported_at + interval '72 hours' AS in_72h
      FROM incidents i JOIN children c ON c.id = i.child_id
      WHERE i.authority_code = ${p.authorityCode} AND i.last_seen_at >= ${iso(p.start)} AND i.last_seen_at < ${iso(p.end)})
    SELECT ${byAge.col} AS col, age, GROUPING(age)::int AS all_ages,
      count(*)::int AS incidents, count(DISTINCT child_id)::int AS individuals,
      count(*) FILTER (WHERE sex = 'female')::int AS female, count(*) FILTER (WHERE sex = 'male')::int AS male,
      count(DISTINCT child_id) FILTER (WHERE classification = 'home')::int AS home_individuals,
      count(DISTINCT child_id) FILTER (WHERE classification = 'own_care')::int AS own_care_individuals,
      count(DISTINCT child_id) FILTER (WHERE classification = 'ola_care')::int AS ola_individuals,
      count(*) FILTER (WHERE NOT absent)::int AS missing,
      count(*) FILTER (WHERE NOT absent AND in_24h)::int AS missing_24h, count(*) FILTER (WHERE NOT absent AND in_72h)::int AS missing_72h,
      count(*) FILTER (WHERE absent)::int AS absent,
      count(*) FILTER (WHERE absent AND in_24h)::int AS absent_24h, count(*) FILTER (WHERE absent AND in_72h)::int AS absent_72h
    FROM x GROUP BY GROUPING SETS (${plain.sets}, ${byAge.sets})`);
}

/** Notifications received in the period (by when they reached the authority) and the children they were about. */
export function notifiedCounts(q: Tx, p: CommitteeQuery) {
  const g = columnOf(p, null);
  return queryRows<NotifiedRow>(q, sql`
    SELECT ${g.col} AS col, count(*)::int AS notifications, count(DISTINCT child_id)::int AS individuals
    FROM incidents
    WHERE authority_code = ${p.authorityCode} AND notified_at >= ${iso(p.start)} AND notified_at < ${iso(p.end)}
    GROUP BY GROUPING SETS (${g.sets})`);
}

/** Return interviews of the incidents ended in the period, home vs looked after; windows in exact elapsed time. */
export function endedCounts(q: Tx, p: CommitteeQuery) {
  const g = columnOf(p, sql`looked_after`);
  // An interview that took place was offered, even if the offer was not recorded separately (clocks.ts).
  return queryRows<EndedRow>(q, sql`
    WITH e AS (
      -- Incidents ended (found) in the period, each with its return interview if one was requested.
      SELECT i.district_id, i.classification <> 'home' AS looked_after, i.found_at, r.outcome, r.offered_at, r.completed_at
      FROM incidents i LEFT JOIN return_interviews r ON r.incident_id = i.id
      WHERE i.authority_code = ${p.authorityCode} AND i.found_at >= ${iso(p.start)} AND i.found_at < ${iso(p.end)})
    SELECT ${g.col} AS col, looked_after, count(*)::int AS ended,
      count(*) FILTER (WHERE outcome = 'completed')::int AS completed,
      count(*) FILTER (WHERE COALESCE(offered_at, completed_at) <= found_at + ${p.offerHours}::float8 * interval '1 hour')::int AS offered_in_time,
      count(*) FILTER (WHERE completed_at <= found_at + ${p.completeHours}::float8 * interval '1 hour')::int AS completed_in_time,
      count(*) FILTER (WHERE outcome = 'declined')::int AS declined,
      count(*) FILTER (WHERE outcome = 'advice_given')::int AS advice,
      count(*) FILTER (WHERE outcome = 'not_attempted')::int AS not_attempted
    FROM e GROUP BY GROUPING SETS (${g.sets})`);
}

/** Push/pull factors and risks identified at the return interviews of incidents ended in the period. */
export function codeCounts(q: Tx, p: CommitteeQuery) {
  const g = columnOf(p, sql`list, code`);
  // Joined directly (not through a materialised CTE) so each list is read by its primary key, interview by interview.
  const endedWith = (table: typeof returnInterviewFactors | typeof returnInterviewRisks) => sql`
    FROM incidents i JOIN return_interviews r ON r.incident_id = i.id JOIN ${table} x ON x.return_interview_id = r.id
    WHERE i.authority_code = ${p.authorityCode} AND i.found_at >= ${iso(p.start)} AND i.found_at < ${iso(p.end)}`;
  return queryRows<CodeRow>(q, sql`
    SELECT ${g.col} AS col, list, code, count(*)::int AS n FROM (
      SELECT i.district_id, 'factor' AS list, x.code ${endedWith(returnInterviewFactors)}
      UNION ALL
      SELECT i.district_id, 'risk' AS list, x.code ${endedWith(returnInterviewRisks)}) codes
    GROUP BY GROUPING SETS (${g.sets})`);
}

/**
 * Meeting requests dated in the period (by the start of the incident that met the threshold) and meetings held
 * in it. A request's district is that of the linked incident starting nearest its date: the one that met the
 * threshold, even after a correction moved it a little.
 */
export function meetingCounts(q: Tx, p: CommitteeQuery) {
  const g = columnOf(p, null);
  const district = p.byDistrict
    ? sql`(SELECT i.district_id FROM meeting_request_incidents l JOIN incidents i ON i.id = l.incident_id
           WHERE l.meeting_request_id = m.id
           ORDER BY abs(extract(epoch FROM i.last_seen_at - m.requested_for)), i.last_seen_at DESC, i.id LIMIT 1)`
    : sql`NULL::int`;
  const requested = sql`m.requested_for >= ${iso(p.start)} AND m.requested_for < ${iso(p.end)}`;
  const heldIn = sql`m.held_at >= ${iso(p.start)} AND m.held_at < ${iso(p.end)}`;
  return queryRows<MeetingRow>(q, sql`
    WITH x AS (
      SELECT ${district} AS district_id, (${requested}) AS requested,
        (m.held_at IS NOT NULL AND m.status <> 'cancelled') AS held, (${heldIn} AND m.status <> 'cancelled') AS held_in
      FROM meeting_requests m
      WHERE m.authority_code = ${p.authorityCode} AND ((${requested}) OR (${heldIn})))
    SELECT ${g.col} AS col, count(*) FILTER (WHERE requested)::int AS requested,
      count(*) FILTER (WHERE requested AND held)::int AS requested_held, count(*) FILTER (WHERE held_in)::int AS held
    FROM x GROUP BY GROUPING SETS (${g.sets})`);
}
