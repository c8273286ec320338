/**
 * What the database holds and how its rows refer to each other, read from the catalogue (as backups do, in
 * ../backup/tables.ts) so that a table added by a later migration is covered by retention and subject access
 * without anyone remembering to list it.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { foreignKeyTargets, publicTables } from '../backup/tables.ts';

/** One foreign key: `table(columns)` refers to `target(targetColumns)`, column for column. */
export interface ForeignKey {
  table: string;
  columns: string[];
  target: string;
  targetColumns: string[];
}

export interface Catalogue {
  primaryKeys: Map<string, string[]>;
  foreignKeys: ForeignKey[];
  /** Which tables each table refers to (other than itself), for ordering deletes. */
  targets: Map<string, Set<string>>;
  /** Each table's columns and their types as information_schema names them ('date', 'bytea', 'ARRAY' ...). */
  columnTypes: Map<string, Map<string, string>>;
}

export async function readCatalogue(tx: Tx): Promise<Catalogue> {
  const tables = await publicTables(tx);
  const keys = await queryRows<{ name: string; table: string; columns: string[]; target: string; targetColumns: string[] }>(tx, sql`
    SELECT c.conname AS name, src.relname::text AS "table", dst.relname::text AS target,
           array_agg(sa.attname::text ORDER BY k.ord) AS columns, array_agg(da.attname::text ORDER BY k.ord) AS "targetColumns"
    FROM pg_constraint c
    JOIN pg_class src ON src.oid = c.conrelid
    JOIN pg_class dst ON dst.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace
    CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(src_att, dst_att, ord)
    JOIN pg_attribute sa ON sa.attrelid = c.conrelid AND sa.attnum = k.src_att
    JOIN pg_attribute da ON da.attrelid = c.confrelid AND da.attnum = k.dst_att
    WHERE c.contype = 'f' AND n.nspname = 'public'
    GROUP BY c.conname, src.relname, dst.relname
    ORDER BY src.relname, c.conname`);
  const types = await queryRows<{ table: string; column: string; type: string }>(tx, sql`
    SELECT table_name AS "table", column_name AS "column", data_type AS type
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  const columnTypes = new Map<string, Map<string, string>>();
  for (const t of types) columnTypes.set(t.table, (columnTypes.get(t.table) ?? new Map<string, string>()).set(t.column, t.type));
  return {
    primaryKeys: new Map(tables.map((t) => [t.name, t.primaryKey])),
    foreignKeys: keys.map(({ table, columns, target, targetColumns }) => ({ table, columns, target, targetColumns })),
    targets: await foreignKeyTargets(tx),
    columnTypes,
  };
}

/** The primary key of a table; a table without one cannot be kept apart row by row, so it is refused loudly. */
export function primaryKeyOf(catalogue: Catalogue, table: string): string[] {
  const key = catalogue.primaryKeys.get(table);
  if (!key || key.length === 0) throw new Error(`The table ${table} has no primary key: retention and subject access need one on every table`);
  return key;
}

/** A row's identity within its table: its primary key values, joined with '/' for composite keys. */
export function rowKey(row: Record<string, unknown>, primaryKey: readonly string[]): string {
  return primaryKey.map((c) => String(row[c])).join('/');
}
