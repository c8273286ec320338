/**
 * `npm run bench:intake`: notification intake throughput on PostgreSQL (beside a raw COPY of the same rows)
 * and on PGlite, then a load test of the dashboard and child pages on ten years of a county's data.
 * Figures are printed and saved to bench/results/; targets are reported, never asserted.
 *
 * PostgreSQL: BENCH_DATABASE_URL (an admin URL where databases can be created), else a throwaway cluster.
 * Knobs: BENCH_ROWS (100000), BENCH_REPEATS (3), BENCH_LOAD_SECONDS (10), BENCH_CONCURRENCY (20),
 * BENCH_COUNTY_ROWS (31000), BENCH_SKIP=intake,pglite,load (parts to leave out).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { writeNotificationCsv } from './generate-notifications.ts';
import { countyLoadTest } from './support/county-load.ts';
import { pgliteSeries, postgresSeries, type Series } from './support/intake-runs.ts';
import { printIntake, printLoad, TARGETS } from './support/print-results.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

const env = process.env;
const ROWS = Number(env.BENCH_ROWS ?? 100_000);
const REPEATS = Number(env.BENCH_REPEATS ?? 3);
const SKIP = new Set((env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const LOAD = { concurrency: Number(env.BENCH_CONCURRENCY ?? 20), seconds: Number(env.BENCH_LOAD_SECONDS ?? 10), rows: Number(env.BENCH_COUNTY_ROWS ?? 31_000) };
const log = (line: string) => console.log(line);

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return rows[0]?.v ?? 'unknown';
  } finally {
    await client.end();
  }
}

async function postgresServer(): Promise<{ url: string; throwaway: ThrowawayPostgres | null }> {
  if (env.BENCH_DATABASE_URL) {
    log('PostgreSQL: BENCH_DATABASE_URL (databases are created and dropped there).');
    return { url: env.BENCH_DATABASE_URL, throwaway: null };
  }
  log('PostgreSQL: BENCH_DATABASE_URL is not set, so starting a throwaway PostgreSQL 15 cluster (stopped at the end)...');
  const throwaway = await startThrowawayPostgres();
  log(`  throwaway cluster on 127.0.0.1:${throwaway.port}, data in ${throwaway.dataDir}`);
  return { url: throwaway.url, throwaway };
}

async function intakeRuns(url: string, csv: string, postgresVersion: string) {
  const generated = await writeNotificationCsv(csv, { rows: ROWS, years: 10, end: new Date(), seed: 20_240_401 });
  log(`Generated ${csv}: ${generated.rows} rows (${generated.incidents} incidents, ${generated.children} children, ${generated.updates} updates).\n`);
  log(`Intake on PostgreSQL ${postgresVersion}: ${REPEATS} runs each on fresh databases...`);
  const postgres = await postgresSeries(url, csv, ROWS, REPEATS, log);
  const pglite: Series[] = [];
  if (!SKIP.has('pglite')) {
    log('Intake on PGlite...');
    for (const where of ['memory', 'disk'] as const) pglite.push(await pgliteSeries(where, csv, ROWS, REPEATS, 90_000, log));
  }
  return { generated, postgres, pglite };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: loadavg().map((l) => Number(l.toFixed(2))), node: process.version };
  log(`Homeward intake benchmark, ${startedAt.toISOString()}: ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverage.join(' ')}, Node ${machine.node}`);
  log('Caveat: this machine is shared and noisy; each figure is the median of fresh runs, but expect +-20% between runs.\n');
  const { url, throwaway } = await postgresServer();
  const csv = join(tmpdir(), `homeward-bench-${ROWS}-${process.pid}.csv`);
  const removeCsv = () => rmSync(csv, { force: true });
  process.once('exit', removeCsv);
  const stopOnSignal = () => void throwaway?.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  try {
    const postgresVersion = await serverVersion(url);
    const intake = SKIP.has('intake') ? null : await intakeRuns(url, csv, postgresVersion);
    if (intake) log(`\n${printIntake({ rows: ROWS, postgres: intake.postgres, pglite: intake.pglite })}`);
    let load: Awaited<ReturnType<typeof countyLoadTest>> | { error: string } | null = null;
    if (!SKIP.has('load')) {
      log(`\nLoad test on PostgreSQL ${postgresVersion}:`);
      // A failure here must not lose the intake figures above: it is reported and saved instead.
      load = await countyLoadTest(url, LOAD, log).catch((error: unknown) => ({ error: error instanceof Error ? error.stack ?? error.message : String(error) }));
      log(`\n${'error' in load ? `The load test failed: ${load.error}` : printLoad(load, LOAD)}`);
    }
    const file = join(import.meta.dirname, 'results', `intake-${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
    await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
    const finished = { at: new Date(), loadAverage: loadavg().map((l) => Number(l.toFixed(2))) };
    const results = { startedAt, finished, machine, postgres: { version: postgresVersion, throwaway: throwaway !== null }, rows: ROWS, targets: TARGETS, intake, load };
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nLoad average at the end: ${finished.loadAverage.join(' ')}. Saved ${file}`);
  } finally {
    await rm(csv, { force: true });
    await throwaway?.stop();
    process.off('SIGINT', stopOnSignal);
  }
}

await main();
