/**
 * Every row held about one record (a child, a location, a person who may pose a risk): the record's own row, then,
 * round after round, every row of any table with a foreign key into rows already collected — incidents and their
 * changes, tasks and links; return interviews and their factors, risks, actions, feedback, concerns; alerts and
 * the alerts escalating them; a duplicate record merged into this one and all of its own rows. The tables and keys
 * come from the catalogue, so a table added later is followed without changing this file.
 *
 * Audit events are not part of it (audit_events.child_id has no foreign key on purpose): they are read apart and
 * never deleted, so the audit chain stays whole.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { primaryKeyOf, rowKey, type Catalogue, type ForeignKey } from './catalogue.ts';

/** A row as PostgreSQL renders it with to_jsonb: dates as text, bytea as '\x…' hex, arrays as arrays. */
export type Row = Record<string, unknown>;

export interface GraphRoot {
  table: string;
  id: string;
}

export interface RecordGraph {
  root: GraphRoot;
  /** Table → row key → row. */
  tables: Map<string, Map<string, Row>>;
}

// Keeps each statement's parameter list well under PostgreSQL's limit of 65,535.
const CHUNK = 2000;

/** Collects the graph of `root` with one set-based query per (table, foreign key) per round. */
export async function collectGraph(tx: Tx, catalogue: Catalogue, root: GraphRoot): Promise<RecordGraph> {
  const graph: RecordGraph = { root, tables: new Map() };
  const [rootKeyColumn] = primaryKeyOf(catalogue, root.table);
  if (!rootKeyColumn) return graph;
  let frontier = keep(graph, catalogue, root.table, await rowsWhere(tx, root.table, [rootKeyColumn], [[root.id]]));
  while (frontier.size > 0) {
    const next = new Map<string, Row[]>();
    for (const fk of catalogue.foreignKeys) {
      const referenced = frontier.get(fk.target);
      if (!referenced) continue;
      const found = await rowsReferring(tx, fk, referenced);
      const added = keep(graph, catalogue, fk.table, found).get(fk.table) ?? [];
      if (added.length > 0) next.set(fk.table, [...(next.get(fk.table) ?? []), ...added]);
    }
    frontier = next;
  }
  return graph;
}

/** Adds rows not already in the graph; returns those that were new, as the next round's frontier. */
function keep(graph: RecordGraph, catalogue: Catalogue, table: string, rows: Row[]): Map<string, Row[]> {
  const key = primaryKeyOf(catalogue, table);
  const held = graph.tables.get(table) ?? new Map<string, Row>();
  const added: Row[] = [];
  for (const row of rows) {
    const k = rowKey(row, key);
    if (held.has(k)) continue;
    held.set(k, row);
    added.push(row);
  }
  if (held.size > 0) graph.tables.set(table, held);
  return new Map(added.length > 0 ? [[table, added]] : []);
}

/** The rows of fk.table whose foreign key points at one of `referenced` (rows of fk.target). */
function rowsReferring(tx: Tx, fk: ForeignKey, referenced: Row[]): Promise<Row[]> {
  const seen = new Set<string>();
  const tuples: unknown[][] = [];
  for (const row of referenced) {
    const values = fk.targetColumns.map((c) => row[c]);
    if (values.some((v) => v === null || v === undefined)) continue;
    const k = JSON.stringify(values);
    if (seen.has(k)) continue;
    seen.add(k);
    tuples.push(values);
  }
  return rowsWhere(tx, fk.table, fk.columns, tuples);
}

/** Rows of `table` whose `columns` equal one of `tuples`, in chunks. */
export async function rowsWhere(tx: Tx, table: string, columns: readonly string[], tuples: readonly unknown[][]): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < tuples.length; i += CHUNK) {
    const found = await queryRows<{ row: Row }>(tx, sql`SELECT to_jsonb(t) AS row FROM ${sql.identifier(table)} t WHERE ${matching(columns, tuples.slice(i, i + CHUNK))}`);
    out.push(...found.map((f) => f.row));
  }
  return out;
}

/** `(t.a, t.b) IN ((…), (…))`, or `t.a IN (…)` for one column; every value a parameter. */
export function matching(columns: readonly string[], tuples: readonly unknown[][]): SQL {
  if (tuples.length === 0) return sql`false`;
  const cols = columns.map((c) => sql`t.${sql.identifier(c)}`);
  if (columns.length === 1) return sql`${cols[0]} IN (${sql.join(tuples.map((t) => sql`${t[0]}`), sql`, `)})`;
  const rows = tuples.map((t) => sql`(${sql.join(t.map((v) => sql`${v}`), sql`, `)})`);
  return sql`(${sql.join(cols, sql`, `)}) IN (${sql.join(rows, sql`, `)})`;
}

/** How many rows of each table the graph holds, tables in name order. */
export function graphCounts(graph: RecordGraph): Record<string, number> {
  return Object.fromEntries([...graph.tables].sort(([a], [b]) => a.localeCompare(b)).map(([table, rows]) => [table, rows.size]));
}
