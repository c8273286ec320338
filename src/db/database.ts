/**
 * The one factory that opens the database: PGlite (embedded, a data folder on disk or in memory) or PostgreSQL
 * (through DATABASE_URL). Everything above this file sees the same Drizzle query layer and the same
 * `transaction`/`read` calls, whichever backend is underneath.
 */
import { PGlite } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A query handle: the database itself or an open transaction. Repositories take one of these. */
export type Tx = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: all of it is written, or none of it. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs read-only work. On PGlite it waits its turn like a transaction, so it never sees half a write. */
  read<T>(fn: (q: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several SQL statements (migrations, restores). Not for user input. */
  execScript(sqlText: string): Promise<void>;
  /** Raw driver access for bulk paths that Drizzle does not cover (COPY in benchmarks). */
  readonly raw: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: pg.Pool };
  /**
   * Hears NOTIFY on `channel` from every connection (on PostgreSQL, other processes too). Returns the way to stop.
   * On PostgreSQL a dedicated connection listens and is re-opened if it drops.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// pg returns `date` columns as JS Dates by default; Homeward treats dates of birth as calendar strings.
pg.types.setTypeParser(1082, (value: string) => value);

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target.url);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const db = drizzlePglite({ client, schema });
  // PGlite is one connection: a transaction from one request must never interleave with another's queries,
  // so every unit of work, read or write, takes this lock.
  const lock = new Mutex();
  return {
    kind: 'pglite',
    transaction: (fn) => lock.runExclusive(() => db.transaction((tx) => fn(tx))),
    read: (fn) => lock.runExclusive(() => fn(db)),
    execScript: async (text) => {
      await lock.runExclusive(() => client.exec(text));
    },
    raw: { kind: 'pglite', client },
    listen: async (channel, onPayload) => {
      const stop = await lock.runExclusive(() => client.listen(channel, onPayload));
      return async () => {
        if (!client.closed) await lock.runExclusive(() => stop());
      };
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.HOMEWARD_DB_POOL_SIZE ?? 10) });
  // An idle connection closed by the server (a restart, a terminated backend) must not take the app down:
  // the pool drops it and opens a new one for the next query. Only the error code is logged, never SQL.
  pool.on('error', (error: Error & { code?: string }) => {
    console.error(`PostgreSQL closed an idle connection (${error.code ?? 'no code'}); it will be replaced`);
  });
  // Fail at start-up, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    transaction: (fn) => db.transaction((tx) => fn(tx)),
    read: (fn) => fn(db),
    execScript: async (text) => {
      await pool.query(text);
    },
    raw: { kind: 'postgres', pool },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    close: () => pool.end(),
  };
}

/** A connection of its own that LISTENs, re-opened a few seconds after it drops, until stopped. */
async function listenPostgres(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', (error: Error & { code?: string }) => {
      console.error(`The live-update connection to PostgreSQL failed (${error.code ?? 'no code'}); reconnecting`);
      c.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect().catch(() => undefined), 3000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}

/**
 * Runs a raw SQL query (built with drizzle's `sql` tag, so values are always parameters) and returns its rows.
 * Both drivers answer with `{ rows }`; the row type is the caller's declaration of the SELECT list.
 */
export async function queryRows<T extends Record<string, unknown>>(q: Tx, query: SQL): Promise<T[]> {
  const result: unknown = await q.execute(query);
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as T[];
  }
  throw new Error('Unexpected database driver result');
}
