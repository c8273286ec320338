/**
 * Deleting a record's whole graph inside the caller's transaction: tables in reverse foreign-key order (rows that
 * refer to others go first), each by primary key. Rows of one table that refer to each other (a merged duplicate,
 * an escalation) go in the same statement, which PostgreSQL checks as a whole.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { inForeignKeyOrder } from '../backup/tables.ts';
import { primaryKeyOf, type Catalogue } from './catalogue.ts';
import { matching, type RecordGraph } from './graph.ts';

const CHUNK = 2000;

/** Deletes every row of the graph; returns how many rows each table lost. */
export async function deleteGraph(tx: Tx, catalogue: Catalogue, graph: RecordGraph): Promise<Record<string, number>> {
  const order = inForeignKeyOrder([...graph.tables.keys()], catalogue.targets).reverse();
  const counts: Record<string, number> = {};
  for (const table of order) {
    const key = primaryKeyOf(catalogue, table);
    const tuples = [...(graph.tables.get(table)?.values() ?? [])].map((row) => key.map((c) => row[c]));
    let deleted = 0;
    for (let i = 0; i < tuples.length; i += CHUNK) {
      const rows = await queryRows<{ n: number }>(tx, sql`WITH gone AS (DELETE FROM ${sql.identifier(table)} t WHERE ${matching(key, tuples.slice(i, i + CHUNK))} RETURNING 1)
        SELECT count(*)::int AS n FROM gone`);
      deleted += rows[0]?.n ?? 0;
    }
    // Fewer rows than collected means someone changed the record meanwhile: stop, and the transaction undoes it all.
    if (deleted !== tuples.length) throw new Error(`The record changed while it was being deleted (${table}); nothing was deleted. Try again.`);
    counts[table] = deleted;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
