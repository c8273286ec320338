/**
 * The server of the soak, in a process of its own so its memory is measured alone: the real app as production runs
 * it (background work on, logs at warn) on a fresh database with the demo partnership loaded, on loopback. It
 * tells its parent (IPC) the port, an API key for the police force and ids to visit; on request it reports its
 * memory after a full garbage collection (started with --expose-gc), and closes when told.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { agencies, children, incidents, returnInterviews } from '../../src/db/schema.ts';
import { loadDemo } from '../../src/modules/demo/load.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import type { SoakIds, ToParent, ToServer } from './soak-types.ts';

const AUTHORITY = '891';
const send = (message: ToParent) => process.send?.(message);

/** What the clients visit: children with incidents, recent incidents, open return interviews, surnames to search. */
async function idsToVisit(db: Database): Promise<SoakIds> {
  return db.read(async (q) => {
    const recent = await q.select({ id: incidents.id, childId: incidents.childId }).from(incidents)
      .where(eq(incidents.authorityCode, AUTHORITY)).orderBy(desc(incidents.lastSeenAt)).limit(300);
    const open = await q.select({ id: returnInterviews.id }).from(returnInterviews)
      .where(and(eq(returnInterviews.authorityCode, AUTHORITY), isNull(returnInterviews.outcome))).limit(200);
    const names = await q.select({ surname: children.surname }).from(children).where(eq(children.authorityCode, AUTHORITY)).orderBy(sql`random()`).limit(100);
    return {
      childIds: [...new Set(recent.map((r) => r.childId))].slice(0, 150),
      incidentIds: recent.map((r) => r.id).slice(0, 150),
      rhiIds: open.map((r) => r.id),
      surnames: [...new Set(names.map((n) => n.surname))],
    };
  });
}

async function policeKey(db: Database): Promise<string> {
  const [police] = await db.read((q) => q.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.authorityCode, AUTHORITY), eq(agencies.kind, 'police'))));
  if (!police) throw new Error(`no police agency in ${AUTHORITY}`);
  return (await createApiKey(db, null, { authorityCode: AUTHORITY, agencyId: police.id, name: 'Soak control room system' })).key;
}

async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'production', HOMEWARD_SESSION_SECRET: randomBytes(32).toString('hex'), HOMEWARD_SECURE_COOKIES: '0',
    HOMEWARD_LOG_LEVEL: 'warn', HOMEWARD_SKIP_DEMO: '1', PORT: '0',
    ...(process.env.SOAK_DATABASE_URL ? { DATABASE_URL: process.env.SOAK_DATABASE_URL } : { HOMEWARD_DATA_DIR: process.env.SOAK_DATA_DIR ?? '' }),
  });
  const db = await openDatabase(config.database);
  await migrate(db);
  const started = performance.now();
  await loadDemo(db);
  const demoMs = performance.now() - started;
  const app = await buildApp({ config, db, backgroundWork: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  send({ type: 'ready', port, apiKey: await policeKey(db), ids: await idsToVisit(db), demoMs, database: config.database.kind });
  process.on('message', (message: ToServer) => {
    if (message.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'memory', at: Date.now(), usage: process.memoryUsage() });
    } else if (message.type === 'stop') {
      void app.close().then(() => db.close()).then(() => process.exit(0));
    }
  });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
