/**
 * The national half of `npm run bench:reports`: the rule benchmark's data (rules-data.ts, rules-history.ts)
 * plus what the reports read (reports-data.ts) in a fresh PostgreSQL database, then one report as a person
 * would ask for it (the largest authority, the last full financial year) timed through Homeward's own
 * functions, with the plans of their queries.
 */
import type { Database } from '../../src/db/database.ts';
import { parsePeriod } from '../../src/modules/reports/framework.ts';
import { COMMITTEE_REPORT } from '../../src/modules/reports/committee-report.ts';
import { TABLE1_REPORT } from '../../src/modules/reports/table1-report.ts';
import { computeTable1 } from '../../src/modules/reports/table1.ts';
import { addReportsData, compactAndAnalyse, rowsOf, type ReportsData } from './reports-data.ts';
import { explainReport, type QueryPlan } from './reports-explain.ts';
import {
  homewardSide, timeReport, type Ask, type HomewardCommittee, type ReportTiming, type Side,
} from './reports-measure.ts';
import { dropPlan, loadNationalData, type NationalData } from './rules-data.ts';
import { loadMeetingHistory, type MeetingHistory } from './rules-history.ts';

type Log = (line: string) => void;

export interface NationalLoad {
  data: NationalData;
  history: MeetingHistory;
  reports: ReportsData;
  loadMs: { total: number; compactAndAnalyse: number };
  postgresVersion: string;
}

export async function loadNational(db: Database, o: { incidents: number; now: Date }, log: Log): Promise<NationalLoad> {
  if (db.raw.kind !== 'postgres') throw new Error('the national data is loaded into PostgreSQL');
  const pool = db.raw.pool;
  const started = performance.now();
  log(`Loading ${o.incidents.toLocaleString('en-GB')} incidents (the rule benchmark's generator), then what the reports read...`);
  const data = await loadNationalData(pool, { incidents: o.incidents, authorities: 150, now: o.now, seed: 0.42 }, log);
  const history = await loadMeetingHistory(pool, o.now);
  log(`  meeting history: ${(history.ms / 1000).toFixed(1)} s`);
  await dropPlan(pool);
  const client = await pool.connect();
  try {
    await client.query("SET work_mem = '256MB'");
    const run = (text: string, values?: unknown[]) => client.query(text, values);
    const reports = await addReportsData(run, o.now, log);
    const compact = await compactAndAnalyse(run);
    log(`  VACUUM (FULL) of the updated tables, VACUUM (ANALYZE): ${(compact / 1000).toFixed(1)} s`);
    const version = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return { data, history, reports, loadMs: { total: performance.now() - started, compactAndAnalyse: compact }, postgresVersion: version.rows[0]?.v ?? 'unknown' };
  } finally {
    client.release();
  }
}

/** The last financial year that has ended by `now`, e.g. 2025/26 in November 2026. */
export function lastFullYear(now: Date): string {
  const month = now.getUTCMonth();
  const first = now.getUTCFullYear() - (month < 3 ? 2 : 1);
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

/** The authority with most incidents started in the year, and its settings: the report a person would ask for. */
export async function largestAsk(db: Database, fy: string): Promise<Ask & { incidents: number; authorityName: string }> {
  const period = parsePeriod(fy);
  const rows = await rowsOf<{ code: string; name: string; settings: Record<string, unknown>; n: number }>(db,
    `SELECT i.authority_code AS code, a.name, a.settings, count(*)::int AS n FROM incidents i JOIN authorities a ON a.code = i.authority_code
     WHERE i.last_seen_at >= $1 AND i.last_seen_at < $2 GROUP BY i.authority_code, a.name, a.settings ORDER BY n DESC, i.authority_code LIMIT 1`,
    [period.start.toISOString(), period.end.toISOString()]);
  const top = rows[0];
  if (!top) throw new Error(`no incidents in ${fy}`);
  return { authorityCode: top.code, authorityName: top.name, fy, start: period.start, end: period.end, settings: top.settings, incidents: top.n };
}

export interface HomewardFigures {
  timing: ReportTiming;
  /**
   * The two report definitions' `build`, as the web page, CLI and API produce them: Table 1 with the four years
   * before it and the trend chart; the committee measures by district beside the total, with their charts.
   */
  builds: ReportTiming;
  plans: QueryPlan[];
}

/** Homeward's report for one authority-year, timed; then the plans of the queries behind it. */
export async function measureHomeward(db: Database, ask: Ask & { authorityName: string }, committee: HomewardCommittee,
  o: { warmUp: number; runs: number }, now: Date): Promise<{ side: Side; figures: HomewardFigures }> {
  const side = homewardSide(db, committee);
  const reportTiming = await timeReport(side, ask, o);
  const ctx = { authorityCode: ask.authorityCode, authorityName: ask.authorityName, period: parsePeriod(ask.fy), now, settings: ask.settings };
  const builds = await timeReport({
    table1: () => db.read((q) => TABLE1_REPORT.build(q, ctx)),
    committee: () => db.read((q) => COMMITTEE_REPORT.build(q, ctx)),
  }, ask, o);
  const plans = await explainReport(db, async (tx) => {
    await computeTable1(tx, { authorityCode: ask.authorityCode, fy: ask.fy });
    await committee(tx, ask);
  });
  return { side, figures: { timing: reportTiming, builds, plans } };
}
