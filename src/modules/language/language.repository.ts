/**
 * The SQL behind the language guide report: the phrases advised in a financial year, counted per team, phrase
 * and quarter in one statement (a range scan of language_advice_period). Quarters are cut at the boundaries the
 * caller gives, worked out in UK time, so a phrase advised at 00:30 on 1 July (BST) is in Q2.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';

export type AdviceCountRow = { team: string; phrase_code: string; quarter: number; n: number };

export interface AdviceCountQuery {
  authorityCode: string;
  /** The start of each quarter, Q1 to Q4, then the end of the year (exclusive). */
  boundaries: readonly [Date, Date, Date, Date, Date];
}

const iso = (d: Date) => d.toISOString();

export function adviceCounts(q: Tx, p: AdviceCountQuery): Promise<AdviceCountRow[]> {
  const [start, q2, q3, q4, end] = p.boundaries;
  return queryRows<AdviceCountRow>(q, sql`
    SELECT team, phrase_code,
      (CASE WHEN advised_at < ${iso(q2)} THEN 1 WHEN advised_at < ${iso(q3)} THEN 2 WHEN advised_at < ${iso(q4)} THEN 3 ELSE 4 END)::int AS quarter,
      count(*)::int AS n
    FROM language_advice
    WHERE authority_code = ${p.authorityCode} AND advised_at >= ${iso(start)} AND advised_at < ${iso(end)}
    GROUP BY 1, 2, 3`);
}
