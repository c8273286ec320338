/**
 * Table 2 (child sexual exploitation) and Table 3 (child criminal exploitation), metrics.md, computed from the
 * exploitation records at the time they are asked for, for several financial years in one pass. Meanings:
 *  - a concern, meeting or conference "of type criminal" names 'criminal' or 'county_lines' (county lines is
 *    criminal exploitation); "of type sexual" names 'sexual'. A concern naming both counts in both tables;
 *  - concerns (and MASH referrals: concerns with source 'mash') count by the date identified (received);
 *  - an assessment counts by when it was completed (UK time): a single-type form of the type, or a combined
 *    form whose judgement of risk for the type (county lines for criminal) is above "none";
 *  - CPC-led meetings: cpc_initial / cpc_review meetings of the type held in the year; ICPCs and RCPCs are the
 *    conferences held in the year for the children at those meetings that year, whatever types they name;
 *  - peak age range and ratio: over the children at risk, by age at their first concern of the type in the
 *    year; ratios F:M as whole percentages of all those children (sex not known: on neither side);
 *  - panel children: distinct children with a monitoring entry on the panel (MASE, CCEP) overlapping the year.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { financialYear, peakAgeRange, roundHalfUp } from './measures.ts';

export type Table23Type = 'sexual' | 'criminal';

export interface Table23 {
  children_at_risk: number;
  mash_referrals: number;
  risk_assessments_completed: number;
  cpc_meeting_children: number;
  cpc_initial_meetings: number;
  cpc_review_meetings: number;
  icpc: number;
  rcpc: number;
  peak_age_range: string | null;
  ratio_female_male: string;
  panel_children: number;
}

/** The types a record must name to be of the table's type. */
export const TYPES_COUNTED: Readonly<Record<Table23Type, readonly string[]>> = {
  sexual: ['sexual'],
  criminal: ['criminal', 'county_lines'],
};

/** The panel whose monitoring list the table counts. */
export const PANEL_OF: Readonly<Record<Table23Type, 'mase' | 'ccep'>> = { sexual: 'mase', criminal: 'ccep' };

/** Female to male as whole percentages of ALL the children (unknown sex on neither side), e.g. "89:11". */
export function ratioFemaleMale(counts: { female: number; male: number; total: number }): string {
  if (counts.total === 0) return '0:0';
  return `${roundHalfUp((100 * counts.female) / counts.total)}:${roundHalfUp((100 * counts.male) / counts.total)}`;
}

const textArray = (values: readonly string[]) => sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/** The years as rows (fy, first day, day after the last, and the same as UK-time instants). */
function yearsCte(years: readonly string[]): SQL {
  const rows = years.map((fy) => {
    const { start, end } = financialYear(fy);
    const first = Number(fy.slice(0, 4));
    return sql`(${fy}::text, ${`${first}-04-01`}::date, ${`${first + 1}-04-01`}::date, ${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz)`;
  });
  return sql`y(fy, d0, d1, t0, t1) AS (VALUES ${sql.join(rows, sql`, `)})`;
}

type AtRiskRow = { fy: string; sex: string | null; age: number | null; g: number; n: number };
const BY_SEX = 1;
const BY_AGE = 2;
const OVERALL = 3;

/** Children at risk per year, by sex and by age at their first concern of the type in the year. */
function atRiskQuery(authorityCode: string, type: Table23Type, years: readonly string[]): SQL {
  return sql`WITH ${yearsCte(years)},
    firsts AS (
      SELECT y.fy, e.child_id, min(e.identified_on) AS first_on
      FROM exploitation_concerns e JOIN y ON e.identified_on >= y.d0 AND e.identified_on < y.d1
      WHERE e.authority_code = ${authorityCode} AND e.types && ${textArray(TYPES_COUNTED[type])}
      GROUP BY y.fy, e.child_id),
    k AS (
      SELECT f.fy, c.sex, extract(year FROM age(f.first_on, c.date_of_birth))::int AS age
      FROM firsts f JOIN children c ON c.id = f.child_id)
    SELECT fy, sex, age, GROUPING(sex, age)::int AS g, count(*)::int AS n
    FROM k GROUP BY GROUPING SETS ((fy), (fy, sex), (fy, age))`;
}

type CountsRow = Omit<Table23, 'children_at_risk' | 'peak_age_range' | 'ratio_female_male'> & { fy: string };

/** Every count but the children at risk, per year, in one statement. */
function countsQuery(authorityCode: string, type: Table23Type, years: readonly string[]): SQL {
  const types = textArray(TYPES_COUNTED[type]);
  const inYear = (column: SQL) => sql`${column} >= y.d0 AND ${column} < y.d1`;
  const conferences = (kind: string) => sql`(SELECT count(*) FROM exploitation_meetings m
      JOIN cpc_children k ON k.child_id = m.child_id AND k.fy = y.fy
      WHERE m.authority_code = ${authorityCode} AND m.kind = ${kind} AND ${inYear(sql`m.held_on`)})::int`;
  return sql`WITH ${yearsCte(years)},
    cpc AS (
      SELECT y.fy, m.child_id, m.kind FROM exploitation_meetings m JOIN y ON ${inYear(sql`m.held_on`)}
      WHERE m.authority_code = ${authorityCode} AND m.kind IN ('cpc_initial', 'cpc_review') AND m.types && ${types}),
    cpc_children AS (SELECT DISTINCT fy, child_id FROM cpc)
    SELECT y.fy,
      (SELECT count(*) FROM exploitation_concerns e WHERE e.authority_code = ${authorityCode} AND e.source = 'mash'
        AND e.types && ${types} AND ${inYear(sql`e.identified_on`)})::int AS mash_referrals,
      (SELECT count(*) FROM risk_assessments r WHERE r.authority_code = ${authorityCode}
        AND r.completed_at >= y.t0 AND r.completed_at < y.t1
        AND (r.kind = ${type} OR (r.kind = 'combined' AND EXISTS (SELECT 1 FROM risk_assessment_judgements j
          WHERE j.assessment_id = r.id AND j.type = ANY(${types}) AND j.level <> 'none'))))::int AS risk_assessments_completed,
      (SELECT count(*) FROM cpc_children k WHERE k.fy = y.fy)::int AS cpc_meeting_children,
      (SELECT count(*) FROM cpc WHERE cpc.fy = y.fy AND cpc.kind = 'cpc_initial')::int AS cpc_initial_meetings,
      (SELECT count(*) FROM cpc WHERE cpc.fy = y.fy AND cpc.kind = 'cpc_review')::int AS cpc_review_meetings,
      ${conferences('icpc')} AS icpc,
      ${conferences('rcpc')} AS rcpc,
      (SELECT count(DISTINCT pm.child_id) FROM panel_monitoring pm JOIN panels p ON p.id = pm.panel_id
        WHERE p.authority_code = ${authorityCode} AND p.kind = ${PANEL_OF[type]}
          AND pm.added_on < y.d1 AND (pm.removed_on IS NULL OR pm.removed_on >= y.d0))::int AS panel_children
    FROM y`;
}

/** Table 2 (sexual) or Table 3 (criminal) for each of the financial years given, keyed by year. */
export async function computeTable23(
  q: Tx,
  options: { authorityCode: string; type: Table23Type; years: readonly string[]; peakAgeShare?: number },
): Promise<Map<string, Table23>> {
  const { authorityCode, type, years } = options;
  const result = new Map<string, Table23>();
  if (years.length === 0) return result;
  const atRisk = await queryRows<AtRiskRow>(q, atRiskQuery(authorityCode, type, years));
  const counts = await queryRows<CountsRow>(q, countsQuery(authorityCode, type, years));
  for (const fy of years) {
    const mine = atRisk.filter((r) => r.fy === fy);
    const total = mine.find((r) => r.g === OVERALL)?.n ?? 0;
    const ofSex = (s: string) => mine.find((r) => r.g === BY_SEX && r.sex === s)?.n ?? 0;
    const ages = mine.filter((r) => r.g === BY_AGE && r.age !== null).flatMap((r) => Array<number>(r.n).fill(r.age ?? 0));
    const range = peakAgeRange(ages, options.peakAgeShare ?? 0.6);
    result.set(fy, {
      children_at_risk: total,
      ...withoutYear(counts.find((r) => r.fy === fy) ?? emptyCounts(fy)),
      peak_age_range: range ? `${range.from}-${range.to}` : null,
      ratio_female_male: ratioFemaleMale({ female: ofSex('female'), male: ofSex('male'), total }),
    });
  }
  return result;
}

const withoutYear = ({ fy: _fy, ...counts }: CountsRow) => counts;

function emptyCounts(fy: string): CountsRow {
  return { fy, mash_referrals: 0, risk_assessments_completed: 0, cpc_meeting_children: 0, cpc_initial_meetings: 0, cpc_review_meetings: 0, icpc: 0, rcpc: 0, panel_children: 0 };
}
