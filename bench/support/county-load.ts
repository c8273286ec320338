/**
 * The load test: ten years of a county's notifications imported through the intake service into a fresh
 * PostgreSQL database, the real app listening on loopback, Children Missing Officers signed in over HTTP, and
 * concurrent clients against a trivial route, the "missing now" dashboard and child record pages.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { children, incidents, possibleMatches, tasks } from '../../src/db/schema.ts';
import { urls } from '../../src/web/urls.ts';
import { writeNotificationCsv } from '../generate-notifications.ts';
import { openPostgresBench } from './bench-databases.ts';
import { measureRoute, signIn, type RouteLoad, type RouteResult } from './http-load.ts';
import { timeImport, type ImportRun } from './intake-runs.ts';

export interface CountyData {
  import: ImportRun;
  incidents: number;
  children: number;
  repeatChildren: number;
  openNow: number;
  openPossibleMatches: number;
  openTasks: number;
  childIds: string[];
  incidentsPerSampledChild: { min: number; max: number };
}

type Log = (line: string) => void;

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * Ten years of work would have dealt with the old "tell the responsible authority" tasks: mark done those of
 * incidents that ended more than a week ago, so the dashboard shows a working office's queue, not a backlog.
 */
async function closeOldTasks(db: Database, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const old = tx.select({ id: incidents.id }).from(incidents).where(lt(incidents.foundAt, new Date(now.getTime() - WEEK_MS)));
    await tx.update(tasks).set({ doneAt: now, doneNote: 'Done (benchmark data)' }).where(and(isNull(tasks.doneAt), inArray(tasks.incidentId, old)));
  });
}

async function describeCounty(db: Database, run: ImportRun): Promise<CountyData> {
  return db.read(async (q) => {
    const perChild = q.select({ childId: incidents.childId, n: count().as('n') }).from(incidents).groupBy(incidents.childId).as('per_child');
    const [repeat] = await q.select({ n: count() }).from(perChild).where(gte(perChild.n, 2));
    const [open] = await q.select({ n: count() }).from(incidents).where(isNull(incidents.foundAt));
    const [matches] = await q.select({ n: count() }).from(possibleMatches).where(eq(possibleMatches.status, 'open'));
    const [openTasks] = await q.select({ n: count() }).from(tasks).where(isNull(tasks.doneAt));
    const [all] = await q.select({ n: count() }).from(children);
    // Children with several incidents, ordered by their random ids: a fair sample, different each run.
    const sample = await q.select({ childId: perChild.childId, n: perChild.n }).from(perChild).where(gte(perChild.n, 3)).orderBy(perChild.childId).limit(50);
    const ns = sample.map((s) => Number(s.n));
    return {
      import: run, incidents: run.incidents, children: all?.n ?? 0, repeatChildren: repeat?.n ?? 0, openNow: open?.n ?? 0,
      openPossibleMatches: matches?.n ?? 0, openTasks: openTasks?.n ?? 0, childIds: sample.map((s) => s.childId),
      incidentsPerSampledChild: { min: Math.min(...ns), max: Math.max(...ns) },
    };
  });
}

async function startApp(db: Database, url: string): Promise<{ app: FastifyInstance; port: number }> {
  // As in production (template caching and the like), but plain HTTP on loopback, and quiet logs.
  process.env.NODE_ENV = 'production';
  const config = loadConfig({
    NODE_ENV: 'production', DATABASE_URL: url, HOMEWARD_SESSION_SECRET: randomBytes(32).toString('hex'),
    HOMEWARD_SECURE_COOKIES: '0', HOMEWARD_LOG_LEVEL: 'warn', HOMEWARD_SKIP_DEMO: '1', PORT: '0',
  });
  const app = await buildApp({ config, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : 0 };
}

function routes(county: CountyData, sessions: string[]): RouteLoad[] {
  const [one = ''] = sessions;
  return [
    { route: 'GET /health (no session, as a load balancer)', paths: [urls.health], cookies: [], judged: false },
    { route: 'GET /missing-now', paths: [urls.missingNow], cookies: sessions, judged: true },
    { route: `GET /children/:id (${county.childIds.length} children rotated)`, paths: county.childIds.map((id) => urls.child(id)), cookies: sessions, judged: true },
    { route: 'GET /missing-now, all clients in ONE session', paths: [urls.missingNow], cookies: [one], judged: false },
  ];
}

export async function countyLoadTest(adminUrl: string, o: { concurrency: number; seconds: number; rows: number }, log: Log) {
  const bench = await openPostgresBench(adminUrl, 'county');
  const csv = join(tmpdir(), `homeward-bench-county-${randomBytes(4).toString('hex')}.csv`);
  try {
    const now = new Date();
    await writeNotificationCsv(csv, { rows: o.rows, years: 10, end: new Date(now.getTime() - 15 * 60_000), seed: 891 });
    const { run } = await timeImport(bench.db, csv, o.rows);
    await closeOldTasks(bench.db, now);
    const county = await describeCounty(bench.db, run);
    log(`  County data: ${county.incidents} incidents, ${county.children} children (${county.repeatChildren} missing more than once), ${county.openNow} missing now; imported in ${(run.ms / 1000).toFixed(1)} s`);
    const { app, port } = await startApp(bench.db, bench.url ?? '');
    try {
      // One session per client, as 20 officers would have; sign-in allows 20 a minute from one address.
      const sessions: string[] = [];
      for (let k = 0; k < Math.min(o.concurrency, 20); k += 1) sessions.push(await signIn(`http://127.0.0.1:${port}`, 'missing.officer@county.example'));
      const results: RouteResult[] = [];
      for (const r of routes(county, sessions)) {
        log(`  ${r.route}: ${o.concurrency} clients for ${o.seconds} s...`);
        results.push(await measureRoute(port, r, o));
      }
      return { county, results, sessions: sessions.length, poolSize: Number(process.env.HOMEWARD_DB_POOL_SIZE ?? 10) };
    } finally {
      await app.close();
    }
  } finally {
    await rm(csv, { force: true });
    await bench.dispose();
  }
}
