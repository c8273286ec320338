/**
 * Restricted records: a child's record that only named users may open (for example a staff member's child). The
 * restriction comes before every other rule: roles, scope, need to know and break-glass all stop at it. Lists
 * leave such a child out, or show them without a name, for anyone not named.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import { Forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';

export class RecordRestricted extends Forbidden {
  constructor() {
    super('This record is restricted: only the people named by the data protection officer may open it');
    this.name = 'RecordRestricted';
  }
}

/** True where the child's record is open to this actor as far as restriction goes (not restricted, or named). */
export function restrictionAllowsSql(actor: Actor, childIdColumn: SQL): SQL {
  return sql`(NOT EXISTS (SELECT 1 FROM restricted_records rr WHERE rr.child_id = ${childIdColumn})
    OR EXISTS (SELECT 1 FROM restricted_record_users ru WHERE ru.child_id = ${childIdColumn} AND ru.user_id = ${actor.id}))`;
}

/** A child's name as a list may show it: "Restricted record" to anyone not named on a restricted record. */
export function listedChildName(actor: Actor, columns: { id: SQL | AnyColumn; forename: AnyColumn; surname: AnyColumn }) {
  const open = restrictionAllowsSql(actor, sql`${columns.id}`);
  return {
    forename: sql<string>`CASE WHEN ${open} THEN ${columns.forename} ELSE 'Restricted' END`,
    surname: sql<string>`CASE WHEN ${open} THEN ${columns.surname} ELSE 'record' END`,
  };
}

export async function restrictionAllows(tx: Tx, actor: Actor, childId: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(tx, sql`SELECT ${restrictionAllowsSql(actor, sql`${childId}::uuid`)} AS ok`);
  return Boolean(row?.ok);
}

export async function assertNotRestricted(tx: Tx, actor: Actor, childId: string): Promise<void> {
  if (!(await restrictionAllows(tx, actor, childId))) throw new RecordRestricted();
}
