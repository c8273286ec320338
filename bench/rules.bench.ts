/**
 * `npm run bench:rules`: the repeat-missing rule at national scale (issue 3). On PostgreSQL, with
 * BENCH_INCIDENTS incidents over ten years for about 600,000 children in 150 authorities (generated in SQL),
 * the time to evaluate the rule for one new incident (target: median at most 5 ms), with the whole intake of
 * a notification beside it; then raising and delivering 1,000 alerts by e-mail. Figures are printed and saved
 * to bench/results/; the target is reported, never asserted. Exits non-zero only when the stored meeting
 * requests disagree with the rule evaluated from scratch.
 *
 * PostgreSQL: BENCH_DATABASE_URL (an admin URL where databases can be created), else a throwaway cluster.
 * Knobs: BENCH_INCIDENTS (2000000), BENCH_SAMPLES (1000), BENCH_ALERTS (1000), BENCH_EXPLAIN=1 (print the
 * rule's query plans in full), BENCH_SKIP=rules,alerts (parts to leave out).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { fmt } from './support/report.ts';
import { createPostgresDatabase } from './support/bench-databases.ts';
import { raiseAndDeliver } from './support/rules-alerts.ts';
import { analyse, dropPlan, loadNationalData } from './support/rules-data.ts';
import { loadMeetingHistory } from './support/rules-history.ts';
import { runRulesPart } from './support/rules-part.ts';
import { printAlerts, printData } from './support/rules-print.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

const env = process.env;
const INCIDENTS = Number(env.BENCH_INCIDENTS ?? 2_000_000);
const SAMPLES = Number(env.BENCH_SAMPLES ?? 1000);
const ALERTS = Number(env.BENCH_ALERTS ?? 1000);
const SKIP = new Set((env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const SEED = 20_260_401;
const log = (line: string) => console.log(line);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

interface PartContext {
  db: Database;
  now: Date;
}

/** The parts, run in this order; each reports its own figures, and a failure of one does not lose the other's. */
const PARTS = {
  rules: (c: PartContext) => runRulesPart(c.db, c.now, { samples: SAMPLES, warmUp: 20, checks: 100, seed: SEED, explain: env.BENCH_EXPLAIN === '1' }, log),
  // Raising and delivering alerts: the alerts module's raiseAlerts and e-mail outbox, to a local SMTP server.
  alerts: async (c: PartContext) => {
    log(`\nAlerts: raising ${ALERTS} alerts, one per transaction, then delivering the outbox to an SMTP server on loopback...`);
    const result = await raiseAndDeliver(c.db, ALERTS, log);
    log(printAlerts(result));
    return result;
  },
} satisfies Record<string, (c: PartContext) => Promise<unknown>>;

async function postgresServer(): Promise<{ url: string; throwaway: ThrowawayPostgres | null }> {
  if (env.BENCH_DATABASE_URL) {
    log('PostgreSQL: BENCH_DATABASE_URL (a database is created and dropped there).');
    return { url: env.BENCH_DATABASE_URL, throwaway: null };
  }
  log('PostgreSQL: BENCH_DATABASE_URL is not set, so starting a throwaway PostgreSQL 15 cluster (stopped at the end)...');
  const throwaway = await startThrowawayPostgres();
  log(`  throwaway cluster on 127.0.0.1:${throwaway.port}, data in ${throwaway.dataDir}`);
  return { url: throwaway.url, throwaway };
}

/** The national data, timed from the first row to the statistics: what `Load took` reports. */
async function loadData(db: Database, now: Date) {
  if (db.raw.kind !== 'postgres') throw new Error('the rule benchmark runs on PostgreSQL');
  const pool = db.raw.pool;
  const started = performance.now();
  log(`Loading ${fmt.int(INCIDENTS)} incidents (INSERT ... SELECT generate_series; meeting history by COPY)...`);
  const data = await loadNationalData(pool, { incidents: INCIDENTS, authorities: 150, now, seed: 0.42 }, log);
  const history = await loadMeetingHistory(pool, now);
  log(`  meeting history: ${fmt.s(history.ms)} s`);
  await dropPlan(pool);
  const analyseMs = await analyse(pool);
  const loadMs = { total: performance.now() - started, analyse: analyseMs };
  log(printData(data, history, loadMs));
  const version = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return { data, history, loadMs, postgresVersion: version.rows[0]?.v ?? 'unknown' };
}

async function runParts(context: PartContext): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(PARTS)) {
    if (SKIP.has(name)) continue;
    results[name] = await part(context).catch((error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`\nThe ${name} part failed: ${text}`);
      return { error: text };
    });
  }
  return results;
}

/** False when a part failed, the rule disagreed with its from-scratch answer, or e-mails went missing. */
function allWell(parts: Record<string, unknown>): boolean {
  if (Object.values(parts).some((p) => typeof p === 'object' && p !== null && 'error' in p)) return false;
  const rules = parts.rules as { check: { agree: number; checked: number } } | undefined;
  const alerts = parts.alerts as { alerts: number; arrived: number } | undefined;
  return (!rules || rules.check.agree === rules.check.checked) && (!alerts || alerts.arrived === ALERTS);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const now = new Date(Math.floor(startedAt.getTime() / 60_000) * 60_000);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: load(), node: process.version };
  log(`Homeward rule benchmark, ${startedAt.toISOString()}: ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverage.join(' ')}, Node ${machine.node}`);
  log('Caveat: this machine is shared and noisy; latencies move by tens of per cent with what else runs.\n');
  const { url, throwaway } = await postgresServer();
  const stopOnSignal = () => void throwaway?.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  const created = await createPostgresDatabase(url, 'rules');
  let db: Database | null = null;
  try {
    db = await openDatabase({ kind: 'postgres', url: created.url });
    await migrate(db);
    const loaded = await loadData(db, now);
    const parts = await runParts({ db, now });
    const finished = { at: new Date(), loadAverage: load() };
    const file = join(import.meta.dirname, 'results', `rules-${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
    await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
    const options = { incidents: INCIDENTS, samples: SAMPLES, alerts: ALERTS, skip: [...SKIP] };
    await writeFile(file, `${JSON.stringify({ startedAt, finished, machine, postgres: { version: loaded.postgresVersion, throwaway: throwaway !== null }, options, ...loaded, ...parts }, null, 2)}\n`);
    log(`\nLoad average at the end: ${finished.loadAverage.join(' ')}. Saved ${file}`);
    if (!allWell(parts)) process.exitCode = 1;
  } finally {
    await db?.close();
    await created.drop();
    await throwaway?.stop();
    process.off('SIGINT', stopOnSignal);
  }
}

await main();
