/**
 * A proposed rewrite, measured: the committee's reasons-and-risks statement (`codeCounts`) joins the incidents
 * ended in the period to their interviews twice, once per list. The rewrite reads them once and looks up both
 * lists per interview (a LATERAL union, which the planner keeps as per-interview index probes). Both are timed
 * over the same rows; their answers must be equal.
 */
import type { Database } from '../../src/db/database.ts';
import { codeCounts } from '../../src/modules/reports/committee.repository.ts';
import { rowsOf } from './reports-data.ts';
import { timing, type Ask, type Timing } from './reports-measure.ts';
import { fmt, table } from './report.ts';

const REWRITE = `
SELECT c.list, c.code, count(*)::int AS n
FROM incidents i JOIN return_interviews r ON r.incident_id = i.id
CROSS JOIN LATERAL (
  SELECT 'factor' AS list, f.code FROM return_interview_factors f WHERE f.return_interview_id = r.id
  UNION ALL
  SELECT 'risk' AS list, k.code FROM return_interview_risks k WHERE k.return_interview_id = r.id) AS c
WHERE i.authority_code = $1 AND i.found_at >= $2 AND i.found_at < $3
GROUP BY c.list, c.code`;

export interface Rewrite {
  statement: string;
  current: Timing;
  rewritten: Timing;
  sameAnswer: boolean;
}

const key = (rows: { list: string; code: string; n: number }[]) => rows.map((r) => `${r.list}/${r.code}=${r.n}`).sort().join(' ');

export async function tryCodesRewrite(db: Database, ask: Ask, o: { warmUp: number; runs: number }): Promise<Rewrite> {
  const p = { authorityCode: ask.authorityCode, start: ask.start, end: ask.end, byDistrict: false, offerHours: 72, completeHours: 72 };
  const current = () => db.read((q) => codeCounts(q, p));
  const rewritten = () => rowsOf<{ list: string; code: string; n: number }>(db, REWRITE, [ask.authorityCode, ask.start.toISOString(), ask.end.toISOString()]);
  const ms = { current: [] as number[], rewritten: [] as number[] };
  for (let k = 0; k < o.warmUp + o.runs; k += 1) {
    // Alternated, so both see the same machine.
    for (const [name, run] of [['current', current], ['rewritten', rewritten]] as const) {
      const started = performance.now();
      await run();
      if (k >= o.warmUp) ms[name].push(performance.now() - started);
    }
  }
  const sameAnswer = key(await current()) === key(await rewritten());
  return { statement: 'committee: reasons and risks (codeCounts)', current: timing(ms.current), rewritten: timing(ms.rewritten), sameAnswer };
}

export function printRewrite(r: Rewrite): string {
  return table(['Statement, one authority-year', 'Runs', 'As it is, median ms', 'Rewritten, median ms', 'Same answer'],
    [[r.statement, fmt.int(r.current.runs), fmt.ms(r.current.median), fmt.ms(r.rewritten.median), r.sameAnswer ? 'yes' : 'NO']]);
}
