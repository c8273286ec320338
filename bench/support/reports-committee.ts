/**
 * The committee measures (metrics.md, seed 000 paragraphs 27-29) on both sides, flattened to one object of
 * figures per authority: the measures by their metrics.md keys, each push/pull factor (`factor_<code>`) and risk
 * (`risk_<code>`), and the RHI timeliness of each group (the chart's numbers).
 *
 * Homeward: `computeCommittee` (src/modules/reports/committee.ts). DuckDB: the definitions below, written from
 * metrics.md; where metrics.md leaves a choice open, the choice committee.ts documents is taken (and named
 * here), so that a difference means a mistake on one side, not two readings:
 * - notifications by `notified_at`; sex, where from, age and notification timeliness over incidents started in
 *   the period; RHI figures over incidents ended (found) in the period, all of them the base of each percentage;
 * - "offered within" counts a completed interview with no offer recorded as offered at its completion;
 * - meetings completed = held in the period and not cancelled; % completed = of the requests dated in the
 *   period, those held (not cancelled) by now;
 * - percentages are null when their base is 0.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { computeCommittee } from '../../src/modules/reports/committee.ts';
import type { Committee } from '../../src/modules/reports/committee-measures.ts';
import { PUSH_PULL_FACTORS, RHI_RISKS } from '../../src/modules/return-interviews/outcomes.ts';
import { AGE, AUTHORITY, duckRows, PEAK_RANGE, type DuckCommittee, type DuckPeriod } from './reports-duckdb.ts';
import type { Figures, HomewardCommittee } from './reports-measure.ts';

function flatten(c: Committee): Figures {
  const t = c.rhiTimeliness;
  return {
    ...c.measures,
    ...Object.fromEntries(c.factors.map((f) => [`factor_${f.code}`, f.count])),
    ...Object.fromEntries(c.risks.map((r) => [`risk_${r.code}`, r.count])),
    timeliness_home_offered: t.home.offered, timeliness_home_completed: t.home.completed,
    timeliness_looked_after_offered: t.lookedAfter.offered, timeliness_looked_after_completed: t.lookedAfter.completed,
  };
}

export const HOMEWARD_COMMITTEE: HomewardCommittee = async (q, ask) =>
  flatten(await computeCommittee(q, { authorityCode: ask.authorityCode, start: ask.start, end: ask.end, settings: ask.settings }));

const IN = (column: string) => `${column} >= $start::TIMESTAMPTZ AND ${column} < $end::TIMESTAMPTZ`;
const PCT = (n: string, base: string) => `CASE WHEN coalesce(${base}, 0) = 0 THEN NULL ELSE 100::DOUBLE * coalesce(${n}, 0) / ${base} END`;
const N = (column: string) => `coalesce(${column}, 0)`;

const MEASURES = `
WITH a AS (SELECT code AS authority_code FROM authorities WHERE ${AUTHORITY('code')}),
started AS (
  SELECT i.authority_code, i.child_id, i.classification, c.sex, ${AGE('i.last_seen_at', 'c.date_of_birth')} AS age,
    i.initial_risk_grade = 'no apparent risk' AS absent, i.notified_at - i.reported_at AS lag
  FROM incidents i JOIN children c ON c.id = i.child_id
  WHERE ${AUTHORITY('i.authority_code')} AND ${IN('i.last_seen_at')}
),
s AS (
  SELECT authority_code, count(*) AS incidents, count(DISTINCT child_id) AS individuals,
    count(*) FILTER (WHERE sex = 'female') AS female, count(*) FILTER (WHERE sex = 'male') AS male,
    count(DISTINCT child_id) FILTER (WHERE classification = 'home') AS home, count(DISTINCT child_id) FILTER (WHERE classification = 'own_care') AS own_care,
    count(DISTINCT child_id) FILTER (WHERE classification = 'ola_care') AS ola,
    count(*) FILTER (WHERE NOT absent) AS missing, count(*) FILTER (WHERE NOT absent AND lag <= INTERVAL 24 HOUR) AS missing_24,
    count(*) FILTER (WHERE NOT absent AND lag <= INTERVAL 72 HOUR) AS missing_72, count(*) FILTER (WHERE absent) AS absent,
    count(*) FILTER (WHERE absent AND lag <= INTERVAL 24 HOUR) AS absent_24, count(*) FILTER (WHERE absent AND lag <= INTERVAL 72 HOUR) AS absent_72
  FROM started GROUP BY authority_code
),
ages AS (SELECT authority_code, age, count(*) AS k FROM started GROUP BY authority_code, age),
${PEAK_RANGE},
modal AS (SELECT authority_code, age AS peak_age FROM ages QUALIFY row_number() OVER (PARTITION BY authority_code ORDER BY k DESC, age DESC) = 1),
notified AS (
  SELECT authority_code, count(*) AS n, count(DISTINCT child_id) AS individuals FROM incidents
  WHERE ${AUTHORITY('authority_code')} AND ${IN('notified_at')} GROUP BY authority_code
),
e AS (
  SELECT i.authority_code, count(*) AS ended,
    count(*) FILTER (WHERE i.classification = 'home') AS home, count(*) FILTER (WHERE i.classification <> 'home') AS la,
    count(*) FILTER (WHERE i.classification = 'home' AND r.outcome = 'completed') AS home_completed,
    count(*) FILTER (WHERE i.classification <> 'home' AND r.outcome = 'completed') AS la_completed,
    count(*) FILTER (WHERE i.classification = 'home' AND coalesce(r.offered_at, r.completed_at) <= i.found_at + $offer) AS home_offered_in_time,
    count(*) FILTER (WHERE i.classification <> 'home' AND coalesce(r.offered_at, r.completed_at) <= i.found_at + $offer) AS la_offered_in_time,
    count(*) FILTER (WHERE i.classification = 'home' AND r.completed_at <= i.found_at + $complete) AS home_completed_in_time,
    count(*) FILTER (WHERE i.classification <> 'home' AND r.completed_at <= i.found_at + $complete) AS la_completed_in_time,
    count(*) FILTER (WHERE r.outcome = 'declined') AS declined, count(*) FILTER (WHERE r.outcome = 'advice_given') AS advice,
    count(*) FILTER (WHERE r.outcome = 'not_attempted') AS not_attempted
  FROM incidents i LEFT JOIN return_interviews r ON r.incident_id = i.id
  WHERE ${AUTHORITY('i.authority_code')} AND ${IN('i.found_at')} GROUP BY i.authority_code
),
m AS (
  SELECT authority_code, count(*) FILTER (WHERE ${IN('requested_for')}) AS requested,
    count(*) FILTER (WHERE ${IN('requested_for')} AND held_at IS NOT NULL AND status <> 'cancelled') AS requested_held,
    count(*) FILTER (WHERE ${IN('held_at')} AND status <> 'cancelled') AS held
  FROM meeting_requests WHERE ${AUTHORITY('authority_code')} GROUP BY authority_code
)
SELECT a.authority_code, ${N('notified.n')} AS notifications, ${N('notified.individuals')} AS notification_individuals,
  ${N('s.incidents')} AS incidents, ${N('s.individuals')} AS individuals,
  ${PCT('s.female', 's.incidents')} AS episodes_female_pct, ${PCT('s.male', 's.incidents')} AS episodes_male_pct,
  ${PCT('s.home', 's.individuals')} AS individuals_home_pct, ${PCT('s.own_care', 's.individuals')} AS individuals_own_care_pct,
  ${PCT('s.ola', 's.individuals')} AS individuals_ola_pct, modal.peak_age, peak.peak_age_range, ${N('e.ended')} AS incidents_ended,
  ${PCT('e.home_completed', 'e.home')} AS rhi_completed_pct_home, ${PCT('e.la_completed', 'e.la')} AS rhi_completed_pct_looked_after,
  ${PCT('e.home_offered_in_time + e.la_offered_in_time', 'e.ended')} AS rhi_offered_within_72h_pct,
  ${PCT('e.home_completed_in_time + e.la_completed_in_time', 'e.ended')} AS rhi_completed_within_72h_pct,
  ${PCT('e.declined', 'e.ended')} AS rhi_declined_pct, ${PCT('e.advice', 'e.ended')} AS rhi_advice_pct,
  ${PCT('e.not_attempted', 'e.ended')} AS rhi_not_attempted_pct,
  ${N('m.requested')} AS meetings_requested, ${N('m.held')} AS meetings_completed, ${PCT('m.requested_held', 'm.requested')} AS meetings_completed_pct,
  ${PCT('s.missing_24', 's.missing')} AS notified_within_24h_pct_missing, ${PCT('s.missing_72', 's.missing')} AS notified_within_72h_pct_missing,
  ${PCT('s.absent_24', 's.absent')} AS notified_within_24h_pct_absent, ${PCT('s.absent_72', 's.absent')} AS notified_within_72h_pct_absent,
  ${PCT('e.home_offered_in_time', 'e.home')} AS timeliness_home_offered, ${PCT('e.home_completed_in_time', 'e.home')} AS timeliness_home_completed,
  ${PCT('e.la_offered_in_time', 'e.la')} AS timeliness_looked_after_offered, ${PCT('e.la_completed_in_time', 'e.la')} AS timeliness_looked_after_completed
FROM a LEFT JOIN s USING (authority_code) LEFT JOIN peak USING (authority_code) LEFT JOIN modal USING (authority_code)
  LEFT JOIN notified USING (authority_code) LEFT JOIN e USING (authority_code) LEFT JOIN m USING (authority_code)`;

// Each factor and risk recorded at the return interviews of incidents ended in the period.
const CODES = `
WITH r AS (
  SELECT i.authority_code, r.id FROM incidents i JOIN return_interviews r ON r.incident_id = i.id
  WHERE ${AUTHORITY('i.authority_code')} AND ${IN('i.found_at')}
)
SELECT r.authority_code, 'factor_' || f.code AS key, count(*) AS n FROM r JOIN return_interview_factors f ON f.return_interview_id = r.id GROUP BY ALL
UNION ALL
SELECT r.authority_code, 'risk_' || k.code AS key, count(*) AS n FROM r JOIN return_interview_risks k ON k.return_interview_id = r.id GROUP BY ALL`;

/** The RHI windows in hours (settings.rhiClocks; anything not a positive number is the 72-hour default). */
function hours(settings: Record<string, unknown>, key: 'offerHours' | 'completeHours'): number {
  const clocks = settings.rhiClocks;
  const v = typeof clocks === 'object' && clocks !== null ? (clocks as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 72;
}

const toNumber = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);

export const DUCK_COMMITTEE: DuckCommittee = async (duck: DuckDBConnection, p: DuckPeriod, settings: Record<string, unknown>) => {
  const windows = { offer: hours(settings, 'offerHours'), complete: hours(settings, 'completeHours') };
  // Exact elapsed time: the windows as microseconds.
  const text = MEASURES.replaceAll(/\$(offer|complete)\b/g, (_, name: string) => `to_microseconds(CAST($${name} * 3600000000 AS BIGINT))`);
  const out = new Map<string, Figures>();
  for (const row of await duckRows(duck, text, p, windows)) {
    const { authority_code: code, ...rest } = row;
    const codes = Object.fromEntries([...PUSH_PULL_FACTORS.map((f) => `factor_${f.code}`), ...RHI_RISKS.map((r) => `risk_${r.code}`)].map((k) => [k, 0]));
    out.set(String(code), { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toNumber(v)])), ...codes });
  }
  for (const row of await duckRows(duck, CODES, p)) {
    const figures = out.get(String(row.authority_code));
    if (figures) figures[String(row.key)] = toNumber(row.n);
  }
  return out;
};
