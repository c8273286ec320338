/**
 * Reads everything held about a child for a subject access request, inside the caller's transaction: the child's
 * graph, the persons and locations their records link to, and every audit event about them (who, when, what).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { agencies, auditEvents, users } from '../../db/schema.ts';
import { primaryKeyOf, readCatalogue, type Catalogue } from './catalogue.ts';
import { collectGraph, rowsWhere, type RecordGraph, type Row } from './graph.ts';
import { LINKED_TABLES } from './third-party.ts';

export interface AuditLine {
  id: number;
  at: Date;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  userName: string | null;
  role: string | null;
  agencyName: string | null;
  agencyKind: string | null;
  actorKind: string | null;
}

export interface Gathered {
  catalogue: Catalogue;
  graph: RecordGraph;
  /** Rows outside the graph that its rows refer to, of LINKED_TABLES. */
  linked: Map<string, Row[]>;
  audit: AuditLine[];
  childIds: Set<string>;
}

export async function gatherChild(tx: Tx, childId: string): Promise<Gathered> {
  // Timestamps come out of to_jsonb in the session's time zone: UTC, so the export is the same on every server.
  await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
  const catalogue = await readCatalogue(tx);
  const graph = await collectGraph(tx, catalogue, { table: 'children', id: childId });
  const childIds = new Set([...(graph.tables.get('children')?.values() ?? [])].map((c) => String(c.id)));
  return { catalogue, graph, linked: await linkedRows(tx, catalogue, graph), audit: await auditOf(tx, [...childIds]), childIds };
}

/** The rows of LINKED_TABLES that the graph's rows point to (a person linked to an incident, a location where the child was found). */
async function linkedRows(tx: Tx, catalogue: Catalogue, graph: RecordGraph): Promise<Map<string, Row[]>> {
  const linked = new Map<string, Row[]>();
  for (const table of LINKED_TABLES) {
    const keyColumns = primaryKeyOf(catalogue, table);
    if (graph.tables.has(table) || keyColumns.length !== 1) continue;
    const ids = new Set<string>();
    for (const fk of catalogue.foreignKeys.filter((k) => k.target === table && k.columns.length === 1)) {
      const column = fk.columns[0] ?? '';
      for (const row of graph.tables.get(fk.table)?.values() ?? []) if (row[column] != null) ids.add(String(row[column]));
    }
    if (ids.size > 0) linked.set(table, await rowsWhere(tx, table, keyColumns, [...ids].sort().map((id) => [id])));
  }
  return linked;
}

async function auditOf(tx: Tx, childIds: string[]): Promise<AuditLine[]> {
  if (childIds.length === 0) return [];
  return tx.select({
    id: auditEvents.id, at: auditEvents.at, action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId,
    userName: users.displayName, role: users.role, agencyName: agencies.name, agencyKind: agencies.kind,
    actorKind: sql<string | null>`${auditEvents.details}->>'actorKind'`,
  }).from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .leftJoin(agencies, eq(agencies.id, auditEvents.agencyId))
    .where(inArray(auditEvents.childId, childIds))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}
