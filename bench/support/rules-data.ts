/**
 * The national data for `npm run bench:rules`, generated in SQL (INSERT ... SELECT generate_series) straight
 * into a migrated database: 150 authorities, about 600,000 children and BENCH_INCIDENTS incidents over ten
 * years, then the meeting requests the rule would have raised over those years (rules-history.ts).
 *
 * Skew: 55% of children go missing once, 20% twice, 20% 3-9 times, 5% 10-60 times (most near 10). Each
 * child's incidents are spread over a period of their life at a spacing typical of their group (a
 * frequently missing child every 4-20 days); some children of each group are "current" (their period ends in
 * the last month). Incidents are inserted in the order they started, as ten years of intake would have
 * written them, so one child's incidents sit on different pages of the table. Times are whole minutes.
 */
import type pg from 'pg';
import { timed } from './report.ts';

export interface NationalOptions {
  incidents: number;
  authorities: number;
  now: Date;
  /** For setseed: the same options give the same shape of data (ids differ). */
  seed: number;
}

export interface NationalData {
  authorities: number;
  children: number;
  incidents: number;
  openIncidents: number;
  childrenByGroup: { once: number; twice: number; threeToNine: number; tenOrMore: number };
  maxIncidentsPerChild: number;
  /** Authorities with a rule other than the default (every tenth: 3 incidents in 60 days). */
  authoritiesWithOwnRule: number;
  ms: Record<string, number>;
}

// Generic, common names combined at random (never real people's names).
const FORENAMES = ['Alex', 'Sam', 'Jordan', 'Casey', 'Riley', 'Morgan', 'Jamie', 'Charlie', 'Robin', 'Taylor', 'Ellis', 'Rowan', 'Harper', 'Quinn', 'Avery', 'Reese'];
const SURNAMES = ['Smith', 'Jones', 'Brown', 'Wilson', 'Walker', 'Green', 'Hall', 'Wood', 'Hughes', 'Turner', 'Hill', 'Cooper', 'Ward', 'King', 'Baker', 'Clark', 'Scott', 'Young', 'Shaw', 'Mills', 'Webb', 'Ellis', 'Dixon', 'Fletcher', 'Parker', 'Bailey', 'Knight', 'Palmer', 'Foster', 'Stone'];

/** Mean incidents per child of the CASE below; children are drawn with a margin and cut at the target. */
const MEAN_INCIDENTS_PER_CHILD = 3.25;

const AUTHORITIES = `
INSERT INTO authorities (code, name, settings)
SELECT (200 + k)::text, 'Bench Authority ' || (200 + k),
  CASE WHEN k % 10 = 0 THEN '{"repeatMissing": {"incidents": 3, "days": 60}}'::jsonb ELSE '{}'::jsonb END
FROM generate_series(0, $1::int - 1) AS k`;

const AGENCIES = `
INSERT INTO agencies (id, authority_code, name, kind)
SELECT gen_random_uuid(), a.code, a.name || ' ' || v.label, v.kind
FROM authorities a CROSS JOIN (VALUES ('Children''s Services', 'local_authority'), ('Police', 'police'), ('Return Interviews (charity)', 'charity')) AS v(label, kind)`;

// One Missing Officer and one social worker per authority: the alerts the rule raises are e-mailed to them.
const USERS = `
INSERT INTO users (id, authority_code, agency_id, email, display_name, role, password_hash)
SELECT gen_random_uuid(), a.code, ag.id, v.local || '@a' || a.code || '.bench.invalid', v.label || ' ' || a.code, v.role, 'no sign-in (benchmark)'
FROM authorities a JOIN agencies ag ON ag.authority_code = a.code AND ag.kind = 'local_authority'
CROSS JOIN (VALUES ('missing.officer', 'Missing Officer', 'missing_officer'), ('social.worker', 'Social Worker', 'social_worker')) AS v(local, label, role)`;

// $1 children to draw, $2 incidents wanted, $3 authorities, $4 now. slot_days: days between consecutive starts.
const PLAN = `
CREATE UNLOGGED TABLE bench_plan AS
WITH drawn AS (
  SELECT g AS child_no, random() AS u, random() AS v, random() AS w, random() AS c, random() AS p, random() AS q
  FROM generate_series(1, $1::int) AS g
), sized AS (
  SELECT *, CASE WHEN u < 0.55 THEN 1 WHEN u < 0.75 THEN 2 WHEN u < 0.95 THEN 3 + floor(v * 7)::int
    ELSE 10 + floor(51 * v ^ 3)::int END AS drawn_n
  FROM drawn
), cut AS (
  SELECT *, sum(drawn_n) OVER (ORDER BY child_no) - drawn_n AS first_no FROM sized
), spaced AS (
  SELECT child_no, first_no, q, least(drawn_n, $2::bigint - first_no)::int AS n,
    (200 + least($3::int - 1, floor($3::int * power(w, 1.5))::int))::text AS authority_code,
    CASE WHEN drawn_n = 1 THEN 10 WHEN drawn_n = 2 THEN 7 + 358 * p WHEN drawn_n < 10 THEN 10 + 140 * p ELSE 4 + 16 * p END AS slot_days,
    c < CASE WHEN drawn_n >= 10 THEN 0.3 WHEN drawn_n >= 3 THEN 0.1 ELSE 0.03 END AS current
  FROM cut WHERE first_no < $2::bigint
)
SELECT child_no, gen_random_uuid() AS child_id, authority_code, n, first_no, slot_days,
  CASE WHEN current THEN $4::timestamptz - make_interval(days => 1) * (n * slot_days + 0.5 + 29.5 * q)
    ELSE $4::timestamptz - make_interval(days => 3652) + make_interval(days => 1) * q * (3622 - n * slot_days) END AS starts_at
FROM spaced`;

// $1 forenames, $2 surnames. Aged 8 to 16 at their first incident.
const CHILDREN = `
INSERT INTO children (id, authority_code, forename, surname, forename_norm, surname_norm, date_of_birth, sex,
  la_child_id, police_person_id, created_via, created_at, updated_at)
SELECT child_id, authority_code, f, s, lower(f), lower(s),
  (starts_at - make_interval(days => 2922 + floor(random() * 2922)::int))::date,
  CASE WHEN child_no % 2 = 0 THEN 'male' ELSE 'female' END, 'LA' || child_no, 'PN' || child_no, 'csv', starts_at, starts_at
FROM (SELECT p.*, ($1::text[])[1 + (child_no::bigint * 7919) % cardinality($1::text[])] AS f,
  ($2::text[])[1 + (child_no::bigint * 104729) % cardinality($2::text[])] AS s FROM bench_plan p) AS named
ORDER BY starts_at`;

// $1 now. Incident k of a child starts in the first half of its slot and lasts 1-72 hours (at most 40% of the
// slot), so a child's incidents never overlap. A current child's last incident in the last week may be open.
const INCIDENTS = `
INSERT INTO incidents (id, authority_code, child_id, source_agency_id, police_reference, reported_at, notified_at,
  last_seen_at, found_at, risk_grade, initial_risk_grade, reported_missing_from, classification, created_at, updated_at)
SELECT gen_random_uuid(), x.authority_code, x.child_id, ag.id, 'BM-' || (x.first_no + x.k),
  x.seen + x.hours * interval '15 minutes', x.seen + x.hours * interval '15 minutes' + interval '20 minutes',
  x.seen, CASE WHEN x.open THEN NULL ELSE x.seen + x.hours * interval '1 hour' END, x.grade, x.grade,
  CASE WHEN x.child_no % 3 = 0 THEN 'care' ELSE 'home' END, CASE WHEN x.child_no % 3 = 0 THEN 'own_care' ELSE 'home' END,
  x.seen + x.hours * interval '15 minutes' + interval '20 minutes', x.seen + x.hours * interval '1 hour'
FROM (
  SELECT p.*, k, seen, round(least(p.slot_days * 9.6, 1 + 71 * random()))::int AS hours,
    k = p.n - 1 AND seen > $1::timestamptz - interval '7 days' AND random() < 0.5 AS open,
    (ARRAY['high', 'medium', 'medium', 'medium', 'medium', 'low', 'low', 'low', 'very low', 'no apparent risk'])[1 + floor(random() * 10)::int] AS grade
  FROM bench_plan p CROSS JOIN LATERAL generate_series(0, p.n - 1) AS k
  CROSS JOIN LATERAL (SELECT date_trunc('minute', p.starts_at + make_interval(days => 1) * p.slot_days * (k + 0.5 * random())) AS seen) AS s
) AS x JOIN agencies ag ON ag.authority_code = x.authority_code AND ag.kind = 'police'
ORDER BY x.seen`;

const SUMMARY = `
SELECT (SELECT count(*) FROM authorities)::int AS authorities, count(*)::int AS children, coalesce(sum(n), 0)::int AS incidents,
  (SELECT count(*) FROM incidents WHERE found_at IS NULL)::int AS open_incidents,
  count(*) FILTER (WHERE n = 1)::int AS once, count(*) FILTER (WHERE n = 2)::int AS twice,
  count(*) FILTER (WHERE n BETWEEN 3 AND 9)::int AS three_to_nine, count(*) FILTER (WHERE n >= 10)::int AS ten_or_more,
  coalesce(max(n), 0)::int AS max_n,
  (SELECT count(*) FROM authorities WHERE settings ? 'repeatMissing')::int AS own_rule
FROM bench_plan`;

interface SummaryRow {
  authorities: number; children: number; incidents: number; open_incidents: number; once: number; twice: number;
  three_to_nine: number; ten_or_more: number; max_n: number; own_rule: number;
}

/** Loads authorities, agencies, children and incidents; leaves `bench_plan` (one row per child) for the next steps. */
export async function loadNationalData(pool: pg.Pool, o: NationalOptions, log: (line: string) => void): Promise<NationalData> {
  const client = await pool.connect();
  const ms: Record<string, number> = {};
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const { ms: took } = await timed(() => client.query(text, values));
    ms[name] = took;
    log(`  ${name}: ${(took / 1000).toFixed(1)} s`);
  };
  try {
    // The incident insert sorts two million rows by start: let it do so in memory rather than in many files.
    await client.query("SET work_mem = '256MB'");
    await client.query('SELECT setseed($1)', [o.seed]);
    await step('authorities', AUTHORITIES, [o.authorities]);
    await step('agencies', AGENCIES);
    await step('users', USERS);
    const drawn = Math.ceil((o.incidents / MEAN_INCIDENTS_PER_CHILD) * 1.1) + 100;
    await step('plan (one row per child)', PLAN, [drawn, o.incidents, o.authorities, o.now.toISOString()]);
    await step('children', CHILDREN, [FORENAMES, SURNAMES]);
    await step('incidents', INCIDENTS, [o.now.toISOString()]);
    const { rows } = await client.query<SummaryRow>(SUMMARY);
    const r = rows[0];
    if (!r) throw new Error('no summary of the generated data');
    return {
      authorities: r.authorities, children: r.children, incidents: r.incidents, openIncidents: r.open_incidents,
      childrenByGroup: { once: r.once, twice: r.twice, threeToNine: r.three_to_nine, tenOrMore: r.ten_or_more },
      maxIncidentsPerChild: r.max_n, authoritiesWithOwnRule: r.own_rule, ms,
    };
  } finally {
    client.release();
  }
}

/** Planner statistics for the loaded tables, as autovacuum would have gathered over ten years. */
export async function analyse(pool: pg.Pool): Promise<number> {
  const { ms } = await timed(() => pool.query('ANALYZE'));
  return ms;
}

export async function dropPlan(pool: pg.Pool): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS bench_plan');
}
