/**
 * Table 1 — children missing from home and care (metrics.md; seed 004 Appendix 1), computed from incident
 * records at the time it is asked for. Incidents belong to the financial year in which they started.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { financialYear, peakAgeRange, ratioOf } from './measures.ts';

export interface Table1 {
  total_incidents: number;
  total_individuals: number;
  ratio_male_female: string;
  peak_age_range: string | null;
  home_incidents: number;
  home_individuals: number;
  own_care_incidents: number;
  own_care_individuals: number;
  ola_care_incidents: number;
  ola_care_individuals: number;
}

type Row = Record<string, unknown> & { classification: string | null; sex: string | null; age: number | null; g: number; incidents: number; individuals: number };

// GROUPING(classification, sex, age) bit patterns: which grouping set a row belongs to.
const BY_CLASSIFICATION = 3;
const BY_SEX = 5;
const BY_AGE = 6;
const OVERALL = 7;

export async function computeTable1(q: Tx, options: { authorityCode: string; fy: string }): Promise<Table1> {
  const { start, end } = financialYear(options.fy);
  // One scan gives per classification, per sex, per age, and the overall totals.
  const rows = await queryRows<Row>(
    q,
    sql`WITH x AS (
          SELECT i.child_id, i.classification, c.sex,
            extract(year FROM age((i.last_seen_at AT TIME ZONE 'Europe/London')::date, c.date_of_birth))::int AS age
          FROM incidents i JOIN children c ON c.id = i.child_id
          WHERE i.authority_code = ${options.authorityCode}
            AND i.last_seen_at >= ${start.toISOString()} AND i.last_seen_at < ${end.toISOString()})
        SELECT classification, sex, age, GROUPING(classification, sex, age)::int AS g,
          count(*)::int AS incidents, count(DISTINCT child_id)::int AS individuals
        FROM x GROUP BY GROUPING SETS ((classification), (sex), (age), ())`,
  );
  const total = rows.find((r) => r.g === OVERALL);
  const byClass = (c: string) => rows.find((r) => r.g === BY_CLASSIFICATION && r.classification === c);
  const individualsOfSex = (s: string) => rows.find((r) => r.g === BY_SEX && r.sex === s)?.individuals ?? 0;
  const ages = rows.filter((r) => r.g === BY_AGE && r.age !== null).flatMap((r) => Array<number>(r.incidents).fill(r.age ?? 0));
  const range = peakAgeRange(ages);
  return {
    total_incidents: total?.incidents ?? 0,
    total_individuals: total?.individuals ?? 0,
    ratio_male_female: ratioOf({ male: individualsOfSex('male'), female: individualsOfSex('female'), total: total?.individuals ?? 0 }),
    peak_age_range: range ? `${range.from}-${range.to}` : null,
    home_incidents: byClass('home')?.incidents ?? 0,
    home_individuals: byClass('home')?.individuals ?? 0,
    own_care_incidents: byClass('own_care')?.incidents ?? 0,
    own_care_individuals: byClass('own_care')?.individuals ?? 0,
    ola_care_incidents: byClass('ola_care')?.incidents ?? 0,
    ola_care_individuals: byClass('ola_care')?.individuals ?? 0,
  };
}
