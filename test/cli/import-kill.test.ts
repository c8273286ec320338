/**
 * A large CSV import killed with SIGKILL while it is writing leaves nothing behind (the import is one
 * transaction), the database opens cleanly afterwards, and running the same file again imports every row
 * exactly once. The real CLI, on a PGlite data folder and, when TEST_DATABASE_URL is set, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/db/database.ts';
import { incidents } from '../../src/db/schema.ts';
import { backends, type Backend } from '../support/databases.ts';
import { notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// Big enough that writing takes seconds even on a fast machine (about 10 s on two shared cores).
const ROWS = 20_000;
// How long to let the transaction keep writing once it has started, before the kill.
const WRITING_FOR_MS = 1000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A database for the CLI: its environment, how to open it from the test, how to tell it is being written. */
interface Target {
  env: NodeJS.ProcessEnv;
  database: DatabaseTarget;
  /** True once the import's transaction has started writing (not just reading the file). */
  writing: () => Promise<boolean>;
  cleanup: () => Promise<void>;
}

/** Starts `node bin/homeward.mjs ...args`; `killWhen` is polled and the process SIGKILLed when it says so. */
function homeward(target: Target, args: string[], killWhen?: () => Promise<boolean>): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_LOG_LEVEL: 'silent', ...target.env };
  if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/homeward.mjs', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  if (killWhen) {
    let running = true;
    void exited.then(() => (running = false));
    void (async () => {
      while (running && !(await killWhen())) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, WRITING_FOR_MS));
      if (running) child.kill('SIGKILL');
    })();
  }
  return exited;
}

/** The latest modification time of the write-ahead log: it moves only when PGlite writes. */
async function walModified(dataDir: string): Promise<number> {
  const wal = join(dataDir, 'pg_wal');
  const names = (await readdir(wal)).filter((n) => /^[0-9A-F]{24}$/.test(n));
  const times = await Promise.all(names.map(async (n) => (await stat(join(wal, n))).mtimeMs));
  return Math.max(0, ...times);
}

async function pgliteTarget(dir: string): Promise<Target> {
  const dataDir = join(dir, 'data');
  let before = Number.POSITIVE_INFINITY;
  return {
    env: { HOMEWARD_DATA_DIR: dataDir },
    database: { kind: 'pglite', dataDir },
    writing: async () => {
      const now = await walModified(dataDir);
      // The first call is the baseline, taken as the import starts: nothing has been written yet.
      if (before === Number.POSITIVE_INFINITY) before = now;
      return now > before;
    },
    cleanup: async () => undefined,
  };
}

async function postgresTarget(dir: string, adminUrl: string): Promise<Target> {
  const name = `homeward_kill_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), HOMEWARD_DATA_DIR: join(dir, 'unused') },
    database: { kind: 'postgres', url: url.toString() },
    // A transaction gets an id only when it first writes.
    writing: async () => {
      const result = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND backend_xid IS NOT NULL', [name]);
      return (result.rows[0]?.n ?? 0) > 0;
    },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function incidentCounts(target: Target): Promise<{ incidents: number; duplicated: number }> {
  const db: Database = await openDatabase(target.database);
  try {
    return await db.read(async (q) => {
      const [all] = await q.select({ n: count() }).from(incidents);
      const dupes = await q.select({ ref: incidents.policeReference }).from(incidents).groupBy(incidents.policeReference).having(sql`count(*) > 1`);
      return { incidents: all?.n ?? 0, duplicated: dupes.length };
    });
  } finally {
    await db.close();
  }
}

function describeKill(backend: Backend): void {
  describe(`import killed mid-way [${backend}]`, () => {
    let files: Awaited<ReturnType<typeof tempFolder>>;
    let target: Target;
    let csv: string;

    beforeAll(async () => {
      files = await tempFolder('homeward-kill-');
      const adminUrl = process.env.TEST_DATABASE_URL ?? '';
      target = backend === 'pglite' ? await pgliteTarget(files.dir) : await postgresTarget(files.dir, adminUrl);
      expect((await homeward(target, ['demo', '--empty'])).code).toBe(0);
      csv = await files.write('large.csv', toCsv(Array.from({ length: ROWS }, () => notificationCells())));
    });
    afterAll(async () => {
      await target.cleanup();
      await files.cleanup();
    });

    it('leaves no partial import, and the same file run again imports each row exactly once', async () => {
      const args = ['import', 'notifications', csv, '--authority', '891', '--json'];

      const killed = await homeward(target, args, target.writing);

      // Killed while writing, not finished: had it finished, it would have exited 0 with its report.
      expect({ signal: killed.signal, stdout: killed.stdout }).toEqual({ signal: 'SIGKILL', stdout: '' });
      expect(await incidentCounts(target)).toEqual({ incidents: 0, duplicated: 0 });

      const again = await homeward(target, args);

      expect([again.code, again.stderr, again.stdout]).toEqual([0, '', `{"accepted":${ROWS},"updated":0,"unchanged":0,"rejected":[]}\n`]);
      expect(await incidentCounts(target)).toEqual({ incidents: ROWS, duplicated: 0 });
    }, 240_000);
  });
}

for (const backend of backends()) describeKill(backend);
