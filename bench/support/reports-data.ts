/**
 * What the committee measures read, added in SQL to the rule benchmark's data (rules-data.ts, rules-history.ts)
 * on PostgreSQL or PGlite: districts; unknown sex for a few children; where each incident was from (home, this
 * authority's care, another authority's child placed here; a child can move between them); when the
 * notification reached the authority (most within hours of the police report, some days late); a few risk
 * re-grades; a return interview for every ended incident (outcomes, offer and completion times, both clocks,
 * push/pull factors and risks for completed ones); some meeting requests cancelled instead of completed.
 */
import type { Database } from '../../src/db/database.ts';
import { timed } from './report.ts';

/** A query runner over one connection: a pg client, or PGlite itself. */
export type RunSql = (text: string, values?: unknown[]) => Promise<unknown>;

/** A bench query's rows on either backend (outside Homeward's own code; not serialised with it on PGlite). */
export async function rowsOf<T>(db: Database, text: string, values: unknown[] = []): Promise<T[]> {
  const result = db.raw.kind === 'postgres' ? await db.raw.pool.query(text, values) : await db.raw.client.query(text, values);
  return result.rows as T[];
}

const DISTRICTS_PER_AUTHORITY = 6;

const DISTRICTS = `
INSERT INTO districts (authority_code, name)
SELECT a.code, 'District ' || k FROM authorities a CROSS JOIN generate_series(1, ${DISTRICTS_PER_AUTHORITY}) AS k`;

// About 3% of children have no recorded sex (metrics.md: in the denominators, on neither side of a ratio).
const CHILDREN = `
UPDATE children c SET sex = CASE WHEN random() < 0.03 THEN NULL ELSE c.sex END, district_id = d.id
FROM districts d
WHERE d.authority_code = c.authority_code AND d.name = 'District ' || (1 + abs(hashtext(c.id::text)) % ${DISTRICTS_PER_AUTHORITY})`;

// $1 now. A child is mostly missing from one place (62% home, 28% this authority's care, 10% another
// authority's child placed here); 6% of incidents are from the other kind of place. Notifications: 82% within
// 6 hours of the police report, 10% 6-24 hours, 5% 24-72 hours, 3% later (up to two weeks), never after now.
const INCIDENTS = `
UPDATE incidents i SET
  classification = x.cls,
  reported_missing_from = CASE x.cls WHEN 'home' THEN 'home' WHEN 'own_care' THEN 'care' ELSE 'ola care' END,
  responsible_authority = CASE WHEN x.cls = 'ola_care' THEN 'Another authority (benchmark data)' END,
  district_id = x.district_id,
  notified_at = least($1::timestamptz, i.reported_at + CASE
    WHEN x.r1 < 0.82 THEN x.r2 * interval '6 hours' + interval '5 minutes'
    WHEN x.r1 < 0.92 THEN interval '6 hours' + x.r2 * interval '18 hours'
    WHEN x.r1 < 0.97 THEN interval '24 hours' + x.r2 * interval '48 hours'
    ELSE interval '72 hours' + x.r2 * interval '14 days' END),
  risk_grade = CASE WHEN x.r3 < 0.04 THEN 'high' ELSE i.risk_grade END
FROM (
  SELECT i2.id, c.district_id, random() AS r1, random() AS r2, random() AS r3,
    CASE WHEN (abs(hashtext(c.id::text)) % 100 < 62) = (random() >= 0.06)
      THEN 'home' WHEN abs(hashtext(c.id::text)) % 100 < 90 THEN 'own_care' ELSE 'ola_care' END AS cls
  FROM incidents i2 JOIN children c ON c.id = i2.child_id
) AS x
WHERE x.id = i.id`;

// $1 now. One return interview per ended incident, with the authority's charity as provider. Open (no outcome
// yet) only for recent returns: the chance falls from 1 at the return to 0 ten days on. Outcomes: 62%
// completed, 12% declined, 8% unable to contact, 6% missing again, 7% advice given, 5% not attempted. Offers:
// 70% within 48 hours of the return, 15% in 48-72 hours, 15% later; completions up to 72 hours after the offer.
const RETURN_INTERVIEWS = `
INSERT INTO return_interviews (id, authority_code, incident_id, child_id, provider_agency_id, requested_at, returned_at,
  offered_at, offer_method, outcome, not_attempted_reason, completed_at, closed_at, offer_met, completion_met, created_at, updated_at)
SELECT gen_random_uuid(), authority_code, incident_id, child_id, provider, found_at, found_at, offered_at,
  CASE WHEN offered_at IS NOT NULL THEN (ARRAY['phone', 'in_person', 'text_message', 'letter'])[1 + floor(r_method * 4)::int] END,
  outcome, CASE WHEN outcome = 'not_attempted' THEN 'Placed out of area: the placing authority arranged it (benchmark data)' END,
  completed_at, closed_at,
  CASE WHEN coalesce(offered_at, completed_at) IS NOT NULL THEN coalesce(offered_at, completed_at) <= found_at + interval '72 hours'
    WHEN closed_at IS NOT NULL OR $1::timestamptz > found_at + interval '72 hours' THEN false END,
  CASE WHEN completed_at IS NOT NULL THEN completed_at <= found_at + interval '72 hours'
    WHEN closed_at IS NOT NULL OR $1::timestamptz > found_at + interval '72 hours' THEN false END,
  found_at, coalesce(closed_at, found_at)
FROM (
  SELECT *, CASE WHEN outcome IS NOT NULL THEN least($1::timestamptz, coalesce(completed_at, offered_at + interval '1 day', found_at + interval '5 days')) END AS closed_at
  FROM (
    SELECT *, CASE WHEN outcome = 'completed' THEN least($1::timestamptz, offered_at + r_comp * interval '72 hours') END AS completed_at
    FROM (
      SELECT *, CASE WHEN (outcome IS NULL OR outcome IN ('completed', 'declined', 'advice_given')) AND offer_at <= $1::timestamptz
        THEN offer_at WHEN outcome IN ('completed', 'declined', 'advice_given') THEN $1::timestamptz END AS offered_at
      FROM (
        SELECT *, found_at + CASE WHEN r_off < 0.7 THEN r_delay * interval '48 hours'
            WHEN r_off < 0.85 THEN interval '48 hours' + r_delay * interval '24 hours'
            ELSE interval '72 hours' + r_delay * interval '7 days' END AS offer_at,
          CASE WHEN found_at > $1::timestamptz - r_open * interval '10 days' THEN NULL
            WHEN r_out < 0.62 THEN 'completed' WHEN r_out < 0.74 THEN 'declined' WHEN r_out < 0.82 THEN 'unable_to_contact'
            WHEN r_out < 0.88 THEN 'missing_again' WHEN r_out < 0.95 THEN 'advice_given' ELSE 'not_attempted' END AS outcome
        FROM (
          SELECT i.authority_code, i.id AS incident_id, i.child_id, i.found_at, ag.id AS provider, random() AS r_out,
            random() AS r_off, random() AS r_delay, random() AS r_comp, random() AS r_open, random() AS r_method
          FROM incidents i JOIN agencies ag ON ag.authority_code = i.authority_code AND ag.kind = 'charity'
          WHERE i.found_at IS NOT NULL
        ) AS drawn
      ) AS decided
    ) AS offered
  ) AS completed
) AS closed
ORDER BY found_at`;

// About 1.7 push/pull factors and 0.5 risks per completed interview, the commonest first (seed 004 para 13).
// The draw is made per interview and code in a subquery's select list: a volatile condition on the VALUES list
// alone would be evaluated once per code, not per pair.
const FACTORS = `
INSERT INTO return_interview_factors (return_interview_id, code)
SELECT id, code FROM (
  SELECT r.id, f.code, f.p, random() AS u FROM return_interviews r
  CROSS JOIN (VALUES ('boundaries', 0.35), ('family_conflict', 0.3), ('siblings', 0.05), ('relationships', 0.12),
    ('school', 0.1), ('drugs_alcohol', 0.12), ('mental_health', 0.1), ('peers', 0.2), ('exploitation', 0.05),
    ('see_family_friends', 0.15), ('placement', 0.06), ('other', 0.05)) AS f(code, p)
  WHERE r.outcome = 'completed'
) AS drawn WHERE u < p`;

const RISKS = `
INSERT INTO return_interview_risks (return_interview_id, code)
SELECT id, code FROM (
  SELECT r.id, k.code, k.p, random() AS u FROM return_interviews r
  CROSS JOIN (VALUES ('adults_posing_risk', 0.08), ('sexual_exploitation', 0.05), ('criminal_exploitation', 0.07),
    ('offending', 0.05), ('substance_misuse', 0.1), ('mental_health', 0.08), ('self_harm', 0.03), ('trafficking', 0.01),
    ('online_harm', 0.03), ('other', 0.02)) AS k(code, p)
  WHERE r.outcome = 'completed'
) AS drawn WHERE u < p`;

// 8% of the meetings the history completed were cancelled instead, so "% completed" is not 100.
const CANCELLED_MEETINGS = `
UPDATE meeting_requests SET status = 'cancelled', cancelled_at = requested_for + interval '10 days',
  cancel_reason = 'The child moved to another area (benchmark data)', held_at = NULL, completed_at = NULL
WHERE status = 'completed' AND random() < 0.08`;

const SUMMARY = `
SELECT (SELECT count(*) FROM return_interviews)::int AS return_interviews,
  (SELECT count(*) FROM return_interviews WHERE outcome IS NULL)::int AS open_return_interviews,
  (SELECT count(*) FROM return_interview_factors)::int AS factors, (SELECT count(*) FROM return_interview_risks)::int AS risks,
  (SELECT count(*) FROM meeting_requests)::int AS meeting_requests,
  (SELECT count(*) FROM children WHERE sex IS NULL)::int AS children_sex_unknown,
  (SELECT count(*) FROM districts)::int AS districts`;

export interface ReportsData {
  returnInterviews: number;
  openReturnInterviews: number;
  factors: number;
  risks: number;
  meetingRequests: number;
  childrenSexUnknown: number;
  districts: number;
  ms: Record<string, number>;
}

/** Adds what the reports read to the loaded rule data (after the meeting history). */
export async function addReportsData(run: RunSql, now: Date, log: (line: string) => void): Promise<ReportsData> {
  const ms: Record<string, number> = {};
  const step = async (name: string, text: string, values: unknown[] = []) => {
    ms[name] = (await timed(() => run(text, values))).ms;
    log(`  ${name}: ${(ms[name] / 1000).toFixed(1)} s`);
  };
  await step('districts', DISTRICTS);
  await step('children (sex, district)', CHILDREN);
  await step('incidents (where from, notified, district)', INCIDENTS, [now.toISOString()]);
  await step('return interviews', RETURN_INTERVIEWS, [now.toISOString()]);
  await step('factors', FACTORS);
  await step('risks', RISKS);
  await step('cancelled meetings', CANCELLED_MEETINGS);
  const result = (await run(SUMMARY)) as { rows: Record<string, number>[] };
  const r = result.rows[0] ?? {};
  return {
    returnInterviews: r.return_interviews ?? 0, openReturnInterviews: r.open_return_interviews ?? 0, factors: r.factors ?? 0,
    risks: r.risks ?? 0, meetingRequests: r.meeting_requests ?? 0, childrenSexUnknown: r.children_sex_unknown ?? 0,
    districts: r.districts ?? 0, ms,
  };
}

/**
 * The updates above leave a dead copy of every incident and child row; ten years of a live system would not
 * have doubled the tables, so they are rewritten (in the same physical order) before the statistics.
 */
export async function compactAndAnalyse(run: RunSql): Promise<number> {
  const { ms } = await timed(async () => {
    await run('VACUUM (FULL) incidents');
    await run('VACUUM (FULL) children');
    await run('VACUUM (FULL) meeting_requests');
    await run('VACUUM (ANALYZE)');
  });
  return ms;
}
