/**
 * `npm run bench:panels`: a panel of 100 children at county scale (issue 5). A county of about 18,500 children
 * with ten years of incidents (BENCH_PANEL_INCIDENTS, 60,000), its MASE panel monitoring the 100 most recently
 * missing children, each with concerns, a completed assessment with every indicator answered, plan and panel
 * actions, and 20 more children newly meeting the criteria. Timed through the app as the exploitation lead:
 * generating the meeting's agenda, then rendering every agenda child's pen picture (the whole pen pictures
 * page); BENCH_RUNS runs (10) after 2 warm-up runs, median and p95. Target: at most 1 s for both together.
 * On PGlite (in memory) always, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a database
 * is created there and dropped). Figures are printed, never asserted; the run fails only if a part fails.
 */
import { cpus, loadavg } from 'node:os';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPostgresDatabase } from './support/bench-databases.ts';
import { loadCounty, sqlOf } from './support/panels-county.ts';
import { loadPanel } from './support/panels-data.ts';
import { measurePanel, type PanelRuns } from './support/panels-measure.ts';
import { fmt, median, percentile, table, verdict } from './support/report.ts';

const env = process.env;
const options = { incidents: Number(env.BENCH_PANEL_INCIDENTS ?? 60_000), runs: Number(env.BENCH_RUNS ?? 10), warmUp: 2 };
const TARGET_MS = 1000;
const log = (line: string) => console.log(line);

async function run(name: string, db: Database, now: Date): Promise<PanelRuns> {
  log(`\n${name}: a county of ${fmt.int(options.incidents)} incidents over ten years, generated in SQL...`);
  await migrate(db);
  const county = await loadCounty(db, { incidents: options.incidents, now }, log);
  log(`  ${fmt.int(county.children)} children, ${fmt.int(county.incidents)} incidents (${fmt.s(county.ms)} s). The MASE panel:`);
  const panel = await loadPanel(sqlOf(db).run, now, log);
  log(`  ${panel.children} children monitored, ${panel.criteria} newly meeting the criteria. ${options.warmUp} warm-up runs, then ${options.runs} timed...`);
  return measurePanel(db, { panelId: panel.panelId, leadId: panel.leadId, now, runs: options.runs, warmUp: options.warmUp });
}

function rows(name: string, r: PanelRuns): string[][] {
  const line = (what: string, ms: number[], judged: boolean) => [name, what, fmt.ms(median(ms)), fmt.ms(percentile(ms, 95)), judged ? `${verdict(median(ms) <= TARGET_MS)} (≤ ${TARGET_MS})` : ''];
  return [line('generate the agenda', r.agendaMs, false), line(`${r.pictures} pen pictures (${r.htmlKiB} KiB)`, r.picturesMs, false), line('both', r.totalMs, true)];
}

async function main(): Promise<void> {
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  log(`Homeward panels benchmark, ${now.toISOString()}: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
  log('Caveat: this machine is shared and noisy; timings move by tens of per cent with what else runs.');
  const results: [string, PanelRuns][] = [];
  let failed = false;
  const parts: [string, () => Promise<{ db: Database; dispose: () => Promise<void> }>][] = [
    ['PGlite', async () => {
      const db = await openDatabase({ kind: 'pglite', dataDir: null });
      return { db, dispose: () => db.close() };
    }],
  ];
  const adminUrl = env.BENCH_DATABASE_URL ?? env.TEST_DATABASE_URL;
  if (adminUrl) {
    parts.push(['PostgreSQL', async () => {
      const created = await createPostgresDatabase(adminUrl, 'panels');
      const db = await openDatabase({ kind: 'postgres', url: created.url });
      if (db.raw.kind === 'postgres') db.raw.pool.on('error', () => undefined);
      return { db, dispose: async () => (await db.close(), await created.drop()) };
    }]);
  } else log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to an admin URL where databases can be created).');
  for (const [name, open] of parts) {
    const { db, dispose } = await open();
    try {
      results.push([name, await run(name, db, now)]);
    } catch (error) {
      failed = true;
      log(`\nThe ${name} part failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await dispose();
    }
  }
  log(`\n${table(['Database', 'Timed', 'median ms', 'p95 ms', 'Target'], results.flatMap(([name, r]) => rows(name, r)))}`);
  for (const [name, r] of results) log(`${name}: statements sent per run: ${r.statements.agenda} to generate the agenda, ${r.statements.pictures} for the pen pictures page.`);
  log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (failed) process.exitCode = 1;
}

await main();
