/**
 * `npm run bench:reports`: Table 1 and the committee measures for one authority and one financial year
 * (issue 4). (a) National scale on PostgreSQL (BENCH_INCIDENTS incidents, about 600,000 children, 150
 * authorities, ten years; the rule benchmark's generator plus what the reports read), beside DuckDB computing
 * the same definitions, written by hand from metrics.md, over the same rows copied out in the same run:
 * targets at most 1 s and at most 2x DuckDB. (b) County scale on PGlite (BENCH_COUNTY_INCIDENTS incidents for
 * one authority): target at most 300 ms. Targets are reported, never asserted. Exits non-zero when DuckDB's
 * figures differ from Homeward's, or a part fails.
 *
 * PostgreSQL: BENCH_DATABASE_URL (an admin URL where databases can be created), else a throwaway cluster.
 * Knobs: BENCH_INCIDENTS (2000000), BENCH_COUNTY_INCIDENTS (30000), BENCH_RUNS (20), BENCH_EXPLAIN=1 (print
 * the plans of the report's queries even when the targets are met), BENCH_SKIP=postgres,duckdb,proposals,pglite
 * (proposals: the proposed setting and index tried after the national figures).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPostgresDatabase } from './support/bench-databases.ts';
import { runCounty } from './support/reports-county-part.ts';
import { runNational } from './support/reports-national-part.ts';
import { startThrowawayPostgres } from './support/throwaway-postgres.ts';

const env = process.env;
const SKIP = new Set((env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const options = {
  incidents: Number(env.BENCH_INCIDENTS ?? 2_000_000),
  countyIncidents: Number(env.BENCH_COUNTY_INCIDENTS ?? 30_000),
  runs: Number(env.BENCH_RUNS ?? 20),
  warmUp: 3,
  duckdb: !SKIP.has('duckdb'),
  proposals: !SKIP.has('proposals'),
  explain: env.BENCH_EXPLAIN === '1',
};
const log = (line: string) => console.log(line);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

async function national(now: Date) {
  const throwaway = env.BENCH_DATABASE_URL ? null : await startThrowawayPostgres();
  const url = env.BENCH_DATABASE_URL ?? throwaway?.url ?? '';
  log(throwaway ? `PostgreSQL: a throwaway PostgreSQL 15 cluster on 127.0.0.1:${throwaway.port} (BENCH_DATABASE_URL is not set).` : 'PostgreSQL: BENCH_DATABASE_URL (a database is created and dropped there).');
  const stopOnSignal = () => void throwaway?.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  const created = await createPostgresDatabase(url, 'reports');
  const db = await openDatabase({ kind: 'postgres', url: created.url });
  try {
    await migrate(db);
    return { throwaway: throwaway !== null, ...(await runNational(db, created.url, options, now, log)) };
  } finally {
    await db.close();
    await created.drop();
    await throwaway?.stop();
    process.off('SIGINT', stopOnSignal);
  }
}

async function county(now: Date) {
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrate(db);
    return await runCounty(db, options, now, log);
  } finally {
    await db.close();
  }
}

const PARTS = { postgres: national, pglite: county } satisfies Record<string, (now: Date) => Promise<{ allWell: boolean }>>;

async function main(): Promise<void> {
  const startedAt = new Date();
  const now = new Date(Math.floor(startedAt.getTime() / 60_000) * 60_000);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverage: load(), node: process.version };
  log(`Homeward reports benchmark, ${startedAt.toISOString()}: ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverage.join(' ')}, Node ${machine.node}`);
  log('Caveat: this machine is shared and noisy; timings move by tens of per cent with what else runs.\n');
  const results: Record<string, unknown> = {};
  let allWell = true;
  for (const [name, part] of Object.entries(PARTS)) {
    if (SKIP.has(name)) continue;
    try {
      const result = await part(now);
      results[name] = result;
      allWell &&= result.allWell;
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`\nThe ${name} part failed: ${text}`);
      results[name] = { error: text };
      allWell = false;
    }
  }
  const finished = { at: new Date(), loadAverage: load() };
  const file = join(import.meta.dirname, 'results', `reports-${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
  await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
  await writeFile(file, `${JSON.stringify({ startedAt, finished, machine, options: { ...options, skip: [...SKIP] }, ...results }, null, 2)}\n`);
  log(`\nLoad average at the end: ${finished.loadAverage.join(' ')}. Saved ${file}`);
  if (!allWell) process.exitCode = 1;
}

await main();
