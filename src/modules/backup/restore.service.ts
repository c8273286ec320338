/**
 * `homeward restore --from DIR`: checks the manifest and every file's hash, refuses a database that already holds
 * data (there is deliberately no --force: a restore never merges into or overwrites live records), migrates to the
 * backup's level, loads every table in one transaction in foreign-key order, moves the id sequences past the
 * restored ids, then applies any migrations newer than the backup.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '../../db/database.ts';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { BackupRefused, readCheckedBackup, type Manifest } from './manifest.ts';
import { foreignKeyTargets, inForeignKeyOrder, publicTables, type TableShape } from './tables.ts';

const PAGE_ROWS = 500;

export interface RestoreReport {
  manifest: Manifest;
  rows: number;
  laterMigrations: number[];
}

export async function restoreBackup(db: Database, dir: string): Promise<RestoreReport> {
  const { manifest, files } = await readCheckedBackup(dir);
  await assertMigrationsKnown(manifest);
  await assertEmpty(db);
  await migrate(db, { upTo: backupLevel(manifest) });
  const rows = await db.transaction(async (tx) => {
    const shapes = new Map((await publicTables(tx)).map((t) => [t.name, t]));
    const unknown = manifest.tables.filter((t) => !shapes.has(t.name)).map((t) => t.name);
    if (unknown.length) throw new BackupRefused(`The backup has tables this database does not: ${unknown.join(', ')}. Nothing was restored.`);
    const order = inForeignKeyOrder(manifest.tables.map((t) => t.name), await foreignKeyTargets(tx));
    let total = 0;
    for (const name of order) {
      const shape = shapes.get(name);
      if (shape) total += await loadTable(tx, shape, files.get(name) ?? '', manifest);
    }
    return total;
  });
  return { manifest, rows, laterMigrations: await migrate(db) };
}

function backupLevel(manifest: Manifest): number {
  return Math.max(0, ...manifest.migrations.map((m) => m.version));
}

/** A backup from a newer Homeward has migrations this code has never seen; its tables would not fit. */
async function assertMigrationsKnown(manifest: Manifest): Promise<void> {
  const known = new Map((await loadMigrations()).map((m) => [m.version, m.name]));
  const strange = manifest.migrations.filter((m) => known.get(m.version) !== m.name);
  if (strange.length) {
    throw new BackupRefused(`The backup was made by a newer or different Homeward (migrations ${strange.map((m) => m.name).join(', ')} are unknown here). Nothing was restored.`);
  }
}

async function assertEmpty(db: Database): Promise<void> {
  const holding = await db.read(async (q) => {
    const found: string[] = [];
    for (const table of await publicTables(q)) {
      if (table.name === 'schema_migrations') continue;
      const [row] = await queryRows<{ any: boolean }>(q, sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(table.name)}) AS any`);
      if (row?.any) found.push(table.name);
    }
    return found;
  });
  if (holding.length) {
    throw new BackupRefused(`The target database already holds data (in ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}). Restore only into a new, empty database; nothing was changed.`);
  }
}

async function loadTable(tx: Tx, shape: TableShape, text: string, manifest: Manifest): Promise<number> {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const expected = manifest.tables.find((t) => t.name === shape.name)?.rows;
  if (lines.length !== expected) throw new BackupRefused(`The backup is damaged: ${shape.name} has ${lines.length} rows, the manifest says ${expected}. Nothing was restored.`);
  const table = sql.identifier(shape.name);
  // The migrations just recorded themselves; the backup's own rows (with their original dates) replace them.
  if (shape.name === 'schema_migrations') await tx.execute(sql`DELETE FROM schema_migrations WHERE version <= ${backupLevel(manifest)}`);
  for (let i = 0; i < lines.length; i += PAGE_ROWS) {
    const page = rowsOf(lines.slice(i, i + PAGE_ROWS));
    const values = shape.columns.map((c) => (shape.selfReferences.includes(c) ? sql`NULL` : sql`src.${sql.identifier(c)}`));
    await tx.execute(sql`INSERT INTO ${table} (${sql.join(shape.columns.map((c) => sql.identifier(c)), sql`, `)})
      SELECT ${sql.join(values, sql`, `)} FROM json_populate_recordset(NULL::${table}, ${page}::json) AS src`);
  }
  if (shape.selfReferences.length) await fillSelfReferences(tx, shape, lines);
  for (const column of shape.sequenceColumns) {
    await tx.execute(sql`SELECT setval(pg_get_serial_sequence(${shape.name}, ${column}), coalesce(max(${sql.identifier(column)}), 0) + 1, false) FROM ${table}`);
  }
  return lines.length;
}

/** A row may refer to one restored after it (a merged child, an escalated alert): those links go in last. */
async function fillSelfReferences(tx: Tx, shape: TableShape, lines: string[]): Promise<void> {
  if (shape.primaryKey.length === 0) throw new BackupRefused(`${shape.name} refers to itself but has no primary key; it cannot be restored`);
  const table = sql.identifier(shape.name);
  const matches: SQL = sql.join(shape.primaryKey.map((k) => sql`${table}.${sql.identifier(k)} = src.${sql.identifier(k)}`), sql` AND `);
  for (let i = 0; i < lines.length; i += PAGE_ROWS) {
    const page = rowsOf(lines.slice(i, i + PAGE_ROWS));
    for (const column of shape.selfReferences) {
      const col = sql.identifier(column);
      await tx.execute(sql`UPDATE ${table} SET ${col} = src.${col}
        FROM json_populate_recordset(NULL::${table}, ${page}::json) AS src WHERE ${matches} AND src.${col} IS NOT NULL`);
    }
  }
}

/** The lines are row_to_json output checked by hash, so joining them makes a JSON array without re-parsing. */
function rowsOf(lines: string[]): string {
  return `[${lines.join(',')}]`;
}
