/**
 * The report definitions again, written by hand in DuckDB SQL straight from shared/spec/metrics.md (not from
 * Homeward's code), over the same rows: the comparison for speed, and an independent check of the figures.
 * Each query answers for every authority asked for at once (one authority, or all of them).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Table1 } from '../../src/modules/reports/table1.ts';
import type { Ask, Figures, Side } from './reports-measure.ts';

export interface DuckPeriod {
  /** Null: every authority. */
  authorityCode: string | null;
  start: Date;
  end: Date;
}

type Row = Record<string, unknown>;

export async function duckRows(duck: DuckDBConnection, text: string, p: DuckPeriod, extra: Record<string, string | number> = {}): Promise<Row[]> {
  const values = { start: p.start.toISOString(), end: p.end.toISOString(), code: p.authorityCode ?? '', ...extra };
  const reader = await duck.runAndReadAll(text, values);
  return reader.getRowObjectsJS() as Row[];
}

/** Authorities filter: one code, or all when the code is empty. Always by parameter. */
export const AUTHORITY = (column: string) => `($code = '' OR ${column} = $code)`;

/**
 * Age in whole years on the Europe/London calendar date of an instant (metrics.md "Age"; a 29 February
 * birthday is reached on 1 March).
 */
export const AGE = (instant: string, dob: string) => `(year((${instant} AT TIME ZONE 'Europe/London')::DATE) - year(${dob})
  - CASE WHEN month((${instant} AT TIME ZONE 'Europe/London')::DATE) * 100 + day((${instant} AT TIME ZONE 'Europe/London')::DATE)
       < month(${dob}) * 100 + day(${dob}) THEN 1 ELSE 0 END)`;

/**
 * The peak age range of `ages(authority_code, age, k)` per authority: the shortest contiguous range of ages
 * holding at least 60% of them; ties: more of them, then the older range. The shortest range always starts
 * and ends at an age somebody has, so pairs of recorded ages are enough.
 */
export const PEAK_RANGE = `
  ranges AS (
    SELECT a.authority_code, a.age AS lo, b.age AS hi,
      (SELECT sum(c.k) FROM ages c WHERE c.authority_code = a.authority_code AND c.age BETWEEN a.age AND b.age) AS k
    FROM ages a JOIN ages b ON b.authority_code = a.authority_code AND b.age >= a.age
  ),
  peak AS (
    SELECT r.authority_code, r.lo || '-' || r.hi AS peak_age_range
    FROM ranges r JOIN (SELECT authority_code, sum(k) AS n FROM ages GROUP BY authority_code) t USING (authority_code)
    WHERE 10 * r.k >= 6 * t.n
    QUALIFY row_number() OVER (PARTITION BY r.authority_code ORDER BY r.hi - r.lo, r.k DESC, r.lo DESC) = 1
  )`;

/** Whole percentages of all the individuals (unknown sex on neither side), each rounded half up. */
const RATIO = (left: string, right: string, total: string) =>
  `CASE WHEN ${total} = 0 THEN '0:0' ELSE round(100.0 * ${left} / ${total})::INTEGER || ':' || round(100.0 * ${right} / ${total})::INTEGER END`;

const TABLE1 = `
WITH x AS (
  SELECT i.authority_code, i.child_id, i.classification, c.sex, ${AGE('i.last_seen_at', 'c.date_of_birth')} AS age
  FROM incidents i JOIN children c ON c.id = i.child_id
  WHERE ${AUTHORITY('i.authority_code')} AND i.last_seen_at >= $start::TIMESTAMPTZ AND i.last_seen_at < $end::TIMESTAMPTZ
),
ages AS (SELECT authority_code, age, count(*) AS k FROM x GROUP BY authority_code, age),
${PEAK_RANGE},
totals AS (
  SELECT authority_code, count(*) AS total_incidents, count(DISTINCT child_id) AS total_individuals,
    count(DISTINCT child_id) FILTER (WHERE sex = 'male') AS males, count(DISTINCT child_id) FILTER (WHERE sex = 'female') AS females,
    count(*) FILTER (WHERE classification = 'home') AS home_incidents,
    count(DISTINCT child_id) FILTER (WHERE classification = 'home') AS home_individuals,
    count(*) FILTER (WHERE classification = 'own_care') AS own_care_incidents,
    count(DISTINCT child_id) FILTER (WHERE classification = 'own_care') AS own_care_individuals,
    count(*) FILTER (WHERE classification = 'ola_care') AS ola_care_incidents,
    count(DISTINCT child_id) FILTER (WHERE classification = 'ola_care') AS ola_care_individuals
  FROM x GROUP BY authority_code
)
SELECT t.*, ${RATIO('males', 'females', 'total_individuals')} AS ratio_male_female, p.peak_age_range
FROM totals t LEFT JOIN peak p USING (authority_code)`;

const EMPTY_TABLE1: Table1 = {
  total_incidents: 0, total_individuals: 0, ratio_male_female: '0:0', peak_age_range: null, home_incidents: 0, home_individuals: 0,
  own_care_incidents: 0, own_care_individuals: 0, ola_care_incidents: 0, ola_care_individuals: 0,
};

/** Table 1 per authority; an authority with no incidents in the period gets the empty table. */
export async function duckTable1(duck: DuckDBConnection, p: DuckPeriod): Promise<Map<string, Table1>> {
  const out = new Map<string, Table1>();
  for (const r of await duckRows(duck, TABLE1, p)) {
    const n = (key: keyof Table1) => Number(r[key] ?? 0);
    out.set(String(r.authority_code), {
      total_incidents: n('total_incidents'), total_individuals: n('total_individuals'), ratio_male_female: String(r.ratio_male_female),
      peak_age_range: r.peak_age_range === null ? null : String(r.peak_age_range),
      home_incidents: n('home_incidents'), home_individuals: n('home_individuals'), own_care_incidents: n('own_care_incidents'),
      own_care_individuals: n('own_care_individuals'), ola_care_incidents: n('ola_care_incidents'), ola_care_individuals: n('ola_care_individuals'),
    });
  }
  if (p.authorityCode && !out.has(p.authorityCode)) out.set(p.authorityCode, { ...EMPTY_TABLE1 });
  return out;
}

export const emptyTable1 = (): Table1 => ({ ...EMPTY_TABLE1 });

/** DuckDB's committee measures per authority (reports-committee.ts), when there are any to compare. */
export type DuckCommittee = (duck: DuckDBConnection, p: DuckPeriod, settings: Record<string, unknown>) => Promise<Map<string, Figures>>;

/** The DuckDB definitions as one side of the comparison, asked one authority at a time. */
export function duckSide(duck: DuckDBConnection, committee: DuckCommittee | null): Side {
  const period = (ask: Ask): DuckPeriod => ({ authorityCode: ask.authorityCode, start: ask.start, end: ask.end });
  return {
    table1: async (ask) => (await duckTable1(duck, period(ask))).get(ask.authorityCode) ?? emptyTable1(),
    committee: committee ? async (ask) => (await committee(duck, period(ask), ask.settings)).get(ask.authorityCode) ?? {} : null,
  };
}
