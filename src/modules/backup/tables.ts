/**
 * What a backup covers, discovered from the catalogue rather than listed by hand, so a table added by a later
 * migration is backed up and restored without anyone remembering to add it here.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';

export interface TableShape {
  name: string;
  /** Columns that can be written (generated columns are left to the database). */
  columns: string[];
  primaryKey: string[];
  /** Columns that refer to another row of the same table: loaded empty, then filled in once every row exists. */
  selfReferences: string[];
  /** Columns whose default is a sequence (serial/bigserial ids): the sequence is moved past the restored ids. */
  sequenceColumns: string[];
}

export async function publicTables(q: Tx): Promise<TableShape[]> {
  const tables = await queryRows<{ name: string }>(q, sql`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const columns = await queryRows<{ table: string; column: string; generated: string; fromSequence: boolean }>(q, sql`
    SELECT table_name AS "table", column_name AS "column", is_generated AS generated,
           coalesce(column_default LIKE 'nextval(%', false) AS "fromSequence"
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
  const keys = await queryRows<{ table: string; column: string; kind: string; target: string | null }>(q, sql`
    SELECT tc.table_name AS "table", kcu.column_name AS "column", tc.constraint_type AS kind, ccu.table_name AS target
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
    LEFT JOIN information_schema.constraint_column_usage ccu
      ON tc.constraint_type = 'FOREIGN KEY' AND ccu.constraint_schema = tc.constraint_schema AND ccu.constraint_name = tc.constraint_name
    WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')
    ORDER BY tc.table_name, kcu.ordinal_position`);
  return tables.map(({ name }) => {
    const own = columns.filter((c) => c.table === name);
    const ownKeys = keys.filter((k) => k.table === name);
    return {
      name,
      columns: own.filter((c) => c.generated !== 'ALWAYS').map((c) => c.column),
      primaryKey: unique(ownKeys.filter((k) => k.kind === 'PRIMARY KEY').map((k) => k.column)),
      selfReferences: unique(ownKeys.filter((k) => k.kind === 'FOREIGN KEY' && k.target === name).map((k) => k.column)),
      sequenceColumns: own.filter((c) => c.fromSequence).map((c) => c.column),
    };
  });
}

/** Which tables each table refers to (other than itself). */
export async function foreignKeyTargets(q: Tx): Promise<Map<string, Set<string>>> {
  const rows = await queryRows<{ table: string; target: string }>(q, sql`
    SELECT DISTINCT tc.table_name AS "table", ccu.table_name AS target
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu
      ON ccu.constraint_schema = tc.constraint_schema AND ccu.constraint_name = tc.constraint_name
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name <> tc.table_name`);
  const targets = new Map<string, Set<string>>();
  for (const { table, target } of rows) targets.set(table, (targets.get(table) ?? new Set()).add(target));
  return targets;
}

/** Tables ordered so that every table comes after the tables it refers to. */
export function inForeignKeyOrder(names: readonly string[], targets: Map<string, Set<string>>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  let remaining = [...names];
  while (remaining.length > 0) {
    const ready = remaining.filter((n) => [...(targets.get(n) ?? [])].every((t) => placed.has(t) || !names.includes(t)));
    if (ready.length === 0) throw new Error(`The tables ${remaining.join(', ')} refer to each other in a cycle; a restore cannot order them`);
    for (const n of ready) placed.add(n);
    ordered.push(...ready);
    remaining = remaining.filter((n) => !placed.has(n));
  }
  return ordered;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
