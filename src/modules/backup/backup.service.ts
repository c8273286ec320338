/**
 * `homeward backup --out DIR`: every table of the public schema, read in one REPEATABLE READ transaction so the
 * files agree with each other, written as JSON Lines (one `row_to_json` per line; bytea as `\x` hex, so photos
 * come back byte for byte), with a manifest of row counts and SHA-256 hashes.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../../db/database.ts';
import { BackupRefused, homewardVersion, MANIFEST_FILE, type Manifest, type ManifestTable } from './manifest.ts';
import { publicTables } from './tables.ts';

const PAGE_ROWS = 500;

export async function createBackup(db: Database, dir: string, now: Date = new Date()): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new BackupRefused(`${dir} is not empty: choose a new or empty folder for the backup`);
  const version = await homewardVersion();
  const manifest = await db.transaction(async (tx) => {
    // Must be the first statement of the transaction: every table below is then read from one snapshot.
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const tables: ManifestTable[] = [];
    for (const table of await publicTables(tx)) tables.push(await writeTable(tx, dir, table.name));
    const migrations = await queryRows<{ version: number; name: string }>(tx, sql`SELECT version, name FROM schema_migrations ORDER BY version`);
    return {
      format: 'homeward-backup' as const,
      formatVersion: 1 as const,
      homewardVersion: version,
      createdAt: now.toISOString(),
      database: db.kind,
      migrations: migrations.map((m) => ({ version: Number(m.version), name: m.name })),
      tables,
    };
  });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Streams one table through a cursor, a page at a time, so a large table never sits in memory whole. */
async function writeTable(tx: Tx, dir: string, name: string): Promise<ManifestTable> {
  const file = `${name}.jsonl`;
  const out = await open(join(dir, file), 'wx');
  const hash = createHash('sha256');
  let rows = 0;
  try {
    await tx.execute(sql`DECLARE homeward_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${sql.identifier(name)} t`);
    for (;;) {
      const page = await queryRows<{ line: string }>(tx, sql`FETCH ${sql.raw(String(PAGE_ROWS))} FROM homeward_backup`);
      if (page.length === 0) break;
      const text = page.map((r) => `${r.line}\n`).join('');
      hash.update(text);
      await out.write(text);
      rows += page.length;
    }
    await tx.execute(sql`CLOSE homeward_backup`);
  } finally {
    await out.close();
  }
  return { name, file, rows, sha256: hash.digest('hex') };
}
