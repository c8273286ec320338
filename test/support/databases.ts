/**
 * Runs a database test suite on every backend: PGlite (in memory) always, and PostgreSQL when
 * TEST_DATABASE_URL points at a server where databases can be created. In CI (CI=true) PostgreSQL is required.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadReferenceData } from '../../src/modules/demo/reference-data.ts';

export type Backend = 'pglite' | 'postgres';

const adminUrl = process.env.TEST_DATABASE_URL;
let warned = false;

export function backends(): Backend[] {
  if (adminUrl) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites are required in CI');
  if (!warned) {
    warned = true;
    console.warn('\n*** SKIPPED: PostgreSQL database suites (TEST_DATABASE_URL is not set). Set it to a server URL, e.g. postgres://postgres@127.0.0.1:5432/postgres, to run them. ***\n');
  }
  return ['pglite'];
}

/** Opens a fresh, migrated database: PGlite in memory, or a new throwaway PostgreSQL database. */
export async function openTestDatabase(backend: Backend, options: { referenceData?: boolean } = {}): Promise<{ db: Database; drop: () => Promise<void> }> {
  let db: Database;
  let drop = async () => undefined as void;
  if (backend === 'pglite') {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
  } else {
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `homeward_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = await openDatabase({ kind: 'postgres', url: url.toString() });
    drop = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  await migrate(db);
  if (options.referenceData !== false) await loadReferenceData(db);
  return { db, drop };
}

/**
 * Declares the suite once per backend. `use()` inside a test returns that backend's database, opened once
 * for the suite (tests inside should not depend on each other's rows beyond what they create).
 */
export function describeEachDatabase(name: string, body: (use: () => Database, backend: Backend) => void, options: { referenceData?: boolean } = {}): void {
  for (const backend of backends()) {
    describe(`${name} [${backend}]`, () => {
      let handle: { db: Database; drop: () => Promise<void> } | null = null;
      beforeAll(async () => {
        handle = await openTestDatabase(backend, options);
      });
      afterAll(async () => {
        if (!handle) return;
        await handle.db.close();
        await handle.drop();
      });
      body(() => {
        if (!handle) throw new Error('database not open yet');
        return handle.db;
      }, backend);
    });
  }
}
