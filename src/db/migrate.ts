/**
 * Applies the plain SQL files in ./migrations in order, each in its own transaction, once.
 * The same files run on PGlite and PostgreSQL.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any fixed number: it stops two app instances migrating a PostgreSQL database at the same time.
const MIGRATION_LOCK_KEY = 8_910_892;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(MIGRATIONS_DIR + file, 'utf8'),
    })),
  );
}

/** Brings the schema up to date (or only up to `upTo`, for a restore); returns the versions it applied. */
export async function migrate(db: Database, options: { upTo?: number } = {}): Promise<number[]> {
  await db.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: number[] = [];
  for (const migration of await loadMigrations()) {
    if (options.upTo !== undefined && migration.version > options.upTo) break;
    const ran = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      const done = await queryRows(tx, sql`SELECT 1 FROM schema_migrations WHERE version = ${migration.version}`);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`,
      );
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** The highest applied migration version, or null on an empty database. */
export async function currentVersion(db: Database): Promise<number | null> {
  return db.read(async (q) => {
    const rows = await queryRows<{ version: number | null }>(q, sql`SELECT max(version) AS version FROM schema_migrations`);
    const version = rows[0]?.version;
    return version === null || version === undefined ? null : Number(version);
  });
}

/**
 * Splits a migration file into statements at semicolons that end a line. Migrations are our own files:
 * a statement that needs a semicolon mid-line (a function body) must use dollar quoting on one line per `;`.
 */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
}
