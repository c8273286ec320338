/**
 * Databases for the benchmarks: a fresh PostgreSQL database per measurement (created and dropped through an
 * admin URL), or PGlite in memory or on disk; each migrated and given the reference data, as `homeward demo
 * --empty` would. Also the raw COPY baseline: the same CSV into a bare table of text columns.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadReferenceData } from '../../src/modules/demo/reference-data.ts';
import { NOTIFICATION_COLUMNS } from '../../src/modules/missing/notification-parse.ts';
import { timed } from './report.ts';

export interface OpenBench {
  db: Database;
  /** The PostgreSQL database's URL; null for PGlite. */
  url: string | null;
  /** Closes the database and removes it (the PostgreSQL database, or the PGlite folder). */
  dispose(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the admin URL's server; returns its URL and how to drop it. */
export async function createPostgresDatabase(adminUrl: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // Our own name, letters, digits and underscores only: safe to put in the statement.
  const name = `homeward_bench_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function prepared(db: Database): Promise<Database> {
  await migrate(db);
  await loadReferenceData(db);
  return db;
}

export async function openPostgresBench(adminUrl: string, label: string): Promise<OpenBench> {
  const created = await createPostgresDatabase(adminUrl, label);
  const db = await prepared(await openDatabase({ kind: 'postgres', url: created.url }));
  // src/db/database.ts gives its pool no 'error' listener, so a pooled connection the server ends (here when
  // the database is dropped) would crash the process; the benchmark listens so it can finish its report.
  if (db.raw.kind === 'postgres') db.raw.pool.on('error', () => undefined);
  return {
    db,
    url: created.url,
    dispose: async () => {
      await db.close();
      await created.drop();
    },
  };
}

export async function openPgliteBench(where: 'memory' | 'disk'): Promise<OpenBench> {
  const dir = where === 'disk' ? await mkdtemp(join(tmpdir(), 'homeward-bench-pglite-')) : null;
  const db = await prepared(await openDatabase({ kind: 'pglite', dataDir: dir }));
  return {
    db,
    url: null,
    dispose: async () => {
      await db.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The floor for loading these rows into PostgreSQL: COPY of the same file, streamed from this process, into a
 * table with the same columns, all text, no constraints or indexes. Times the COPY alone.
 */
export async function rawCopy(adminUrl: string, csvPath: string): Promise<{ rows: number; ms: number }> {
  const created = await createPostgresDatabase(adminUrl, 'copy');
  const client = new pg.Client({ connectionString: created.url });
  await client.connect();
  try {
    const columns = NOTIFICATION_COLUMNS.join(', ');
    await client.query(`CREATE TABLE bare_notifications (${NOTIFICATION_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const { ms } = await timed(async () => {
      const copy = client.query(copyFrom(`COPY bare_notifications (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(csvPath), copy);
    });
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bare_notifications');
    return { rows: rows[0]?.n ?? 0, ms };
  } finally {
    await client.end();
    await created.drop();
  }
}
