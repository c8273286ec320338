/**
 * `npm run bench:soak`: the real app with the demo partnership, 50 people (signed in as several roles, real
 * CSRF tokens and cookies) and the police system using it for SOAK_SECONDS: reads and writes mixed as a working
 * day would. Reports errors (target 0), latency per kind of request, throughput, and the server's memory every
 * minute with its slope. Figures are printed and saved to bench/results/soak-<date>.json; nothing is asserted.
 *
 * PGlite in a temporary folder by default; PostgreSQL in a new database on BENCH_DATABASE_URL's server.
 * Knobs: SOAK_SECONDS (600), SOAK_CLIENTS (50), SOAK_THINK_MS (250: mean pause between one client's requests,
 * drawn from 0 to twice it), SOAK_WARMUP_SECONDS (10, not measured), SOAK_SAMPLE_SECONDS (60).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../src/modules/access/actor.ts';
import { DEMO_AUTHORITIES, DEMO_USERS, demoEmail } from '../src/modules/demo/reference-data.ts';
import { financialYearOf } from '../src/web/reports/query.ts';
import { createPostgresDatabase } from './support/bench-databases.ts';
import { SoakClient } from './support/soak-client.ts';
import { printLatency, printMemory, SoakFigures, toMiB, type MemorySample } from './support/soak-report.ts';
import type { SoakIds, ToParent } from './support/soak-types.ts';
import { CLIENT_ROLES, nextAction, type Context } from './support/soak-workload.ts';

const env = process.env;
const SECONDS = Number(env.SOAK_SECONDS ?? 600);
const CLIENTS = Number(env.SOAK_CLIENTS ?? 50);
const THINK_MS = Number(env.SOAK_THINK_MS ?? 250);
const WARMUP_S = Number(env.SOAK_WARMUP_SECONDS ?? 10);
const SAMPLE_S = Number(env.SOAK_SAMPLE_SECONDS ?? 60);
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./support/soak-server.ts', import.meta.url));
const log = (line: string) => console.log(line);
const AUTHORITY = DEMO_AUTHORITIES.find((a) => a.code === '891');
const emailOf = (role: Role) => demoEmail(DEMO_USERS.find((u) => u.role === role)?.local ?? '', AUTHORITY?.domain ?? '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function nextMessage<T extends ToParent['type']>(child: ChildProcess, type: T): Promise<Extract<ToParent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the soak server exited with ${code}`));
    };
    const onMessage = (m: ToParent) => {
      if (m.type !== 'failed' && m.type !== type) return;
      done();
      if (m.type === 'failed') reject(new Error(`the soak server failed:\n${m.error}`));
      else resolve(m as Extract<ToParent, { type: T }>);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function memory(child: ChildProcess, startedAt: number): Promise<MemorySample> {
  const reply = nextMessage(child, 'memory');
  child.send({ type: 'memory' });
  const { usage, at } = await reply;
  return { minute: (at - startedAt) / 60_000, rssMiB: toMiB(usage.rss), heapUsedMiB: toMiB(usage.heapUsed) };
}

/** The people: each signs in from its own loopback address (the police system uses its key instead). */
async function signInClients(port: number, apiKey: string): Promise<{ role: (typeof CLIENT_ROLES)[number]; client: SoakClient }[]> {
  const people = [];
  for (let k = 0; k < CLIENTS; k += 1) {
    const role = CLIENT_ROLES[k % CLIENT_ROLES.length] ?? 'missing_officer';
    const address = `127.0.${1 + Math.floor(k / 200)}.${10 + (k % 200)}`;
    const client = new SoakClient(port, address, role === 'api' ? { authorization: `Bearer ${apiKey}` } : {});
    if (role !== 'api') await client.signIn(emailOf(role));
    people.push({ role, client });
  }
  return people;
}

async function runClients(people: Awaited<ReturnType<typeof signInClients>>, ids: SoakIds, figures: SoakFigures, until: number): Promise<void> {
  let serial = 0;
  const fy = financialYearOf(new Date(Date.now() - 365 * 86_400_000));
  await Promise.all(people.map(async ({ role, client }) => {
    const c: Context = { client, ids, record: (kind, reply, expected) => figures.record(kind, reply, expected), references: [], serial: () => (serial += 1), fy };
    while (Date.now() < until) {
      await nextAction(role)(c).catch((error: unknown) => {
        if (figures.measuring && figures.errorSamples.length < 12) figures.errorSamples.push(`client error (${role}): ${String(error)}`);
      });
      await sleep(Math.random() * 2 * THINK_MS);
    }
    client.close();
  }));
}

async function database(): Promise<{ env: Record<string, string>; label: string; dispose: () => Promise<void> }> {
  if (env.BENCH_DATABASE_URL) {
    const created = await createPostgresDatabase(env.BENCH_DATABASE_URL, 'soak');
    return { env: { SOAK_DATABASE_URL: created.url }, label: 'PostgreSQL (a new database on BENCH_DATABASE_URL)', dispose: created.drop };
  }
  const dir = await mkdtemp(join(tmpdir(), 'homeward-soak-'));
  return { env: { SOAK_DATA_DIR: dir }, label: `PGlite in ${dir}`, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the clients for the soak's length; memory is sampled when measuring starts (after the warm-up), each minute and at the end. */
async function measure(child: ChildProcess, ready: Extract<ToParent, { type: 'ready' }>): Promise<{ figures: SoakFigures; samples: MemorySample[] }> {
  log(`Demo loaded in ${(ready.demoMs / 1000).toFixed(1)} s; the app listens on 127.0.0.1:${ready.port}. Signing in ${CLIENTS} clients...`);
  const people = await signInClients(ready.port, ready.apiKey);
  const figures = new SoakFigures();
  const samples: MemorySample[] = [];
  const t0 = Date.now() + WARMUP_S * 1000;
  const sample = async () => {
    const s = await memory(child, t0);
    samples.push(s);
    const t = figures.totals();
    log(`  minute ${s.minute.toFixed(1)}: ${t.requests} requests, ${t.errors} errors; RSS ${s.rssMiB} MiB, heapUsed ${s.heapUsedMiB} MiB`);
  };
  let sampler: NodeJS.Timeout | undefined;
  const warmup = setTimeout(() => {
    figures.measuring = true;
    void sample();
    sampler = setInterval(() => void sample(), SAMPLE_S * 1000);
  }, WARMUP_S * 1000);
  await runClients(people, ready.ids, figures, t0 + SECONDS * 1000);
  clearTimeout(warmup);
  clearInterval(sampler);
  await sample();
  return { figures, samples };
}

async function report(startedAt: Date, ready: Extract<ToParent, { type: 'ready' }>, figures: SoakFigures, samples: MemorySample[]): Promise<void> {
  const t = figures.totals();
  log(`\n${printLatency(figures, SECONDS)}\n\nThroughput: ${(t.requests / SECONDS).toFixed(1)} requests/s. Errors: ${t.errors} (target 0: ${t.errors === 0 ? 'PASS' : 'MISS'}); expected 4xx (another person saved first): ${t.expected4xx}.`);
  if (figures.errorSamples.length) log(`Error samples:\n${figures.errorSamples.map((e) => `  ${e}`).join('\n')}`);
  log(`\nServer memory (after a full GC):\n${printMemory(samples)}`);
  const file = join(import.meta.dirname, 'results', `soak-${startedAt.toISOString().slice(0, 16).replace(':', '-')}.json`);
  await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
  const settings = { SECONDS, CLIENTS, THINK_MS, WARMUP_S, cpus: cpus().length, node: process.version };
  const results = { startedAt, settings, loadAverageAtEnd: loadavg(), database: ready.database, demoMs: ready.demoMs, totals: { requests: t.requests, errors: t.errors, expected4xx: t.expected4xx }, byKind: figures.summary(), errorSamples: figures.errorSamples, memory: samples };
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}. Saved ${file}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.send({ type: 'stop' });
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  log(`Homeward soak, ${startedAt.toISOString()}: ${CLIENTS} clients for ${SECONDS} s (+${WARMUP_S} s warm-up), mean think ${THINK_MS} ms; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const db = await database();
  const logFile = join(tmpdir(), `homeward-soak-server-${process.pid}.log`);
  const child = fork(RUN_TS, [SERVER], { execArgv: ['--expose-gc'], env: { ...process.env, ...db.env }, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a'), 'ipc'] });
  try {
    log(`Database: ${db.label}. Loading the demo partnership (server log: ${logFile})...`);
    const ready = await nextMessage(child, 'ready');
    const { figures, samples } = await measure(child, ready);
    await report(startedAt, ready, figures, samples);
  } finally {
    await stop(child);
    await db.dispose();
    // The server logs at warn: an empty log is removed, anything it said is pointed at.
    const said = await readFile(logFile, 'utf8').catch(() => '');
    if (said.trim()) log(`The server logged ${said.trim().split('\n').length} line(s) at warn or above: ${logFile}`);
    else await rm(logFile, { force: true });
  }
}

await main();
