/**
 * "Who has seen this child": every audit event about one child, newest first, for the data protection officer.
 * Ids, people and actions only: the officer does not see the child's record itself.
 */
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { agencies, auditEvents, children, users } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { NotFound } from '../errors.ts';
import { writeAudit } from './audit.repository.ts';

export const ACCESS_LOG_PAGE_SIZE = 50;

export interface AccessLogEntry {
  at: Date;
  action: string;
  /** Null for the system itself or an API key. */
  userName: string | null;
  role: string | null;
  agencyName: string | null;
  actorKind: string | null;
}

export interface AccessLogPage {
  childId: string;
  entries: AccessLogEntry[];
  page: number;
  pageCount: number;
  total: number;
}

export async function childAccessLog(db: Database, actor: Actor, childId: string, page: number): Promise<AccessLogPage> {
  assertCan(actor, 'audit:view');
  return db.transaction(async (tx) => {
    const [child] = await tx.select({ id: children.id }).from(children)
      .where(and(eq(children.id, childId), eq(children.authorityCode, actor.authorityCode)));
    if (!child) throw new NotFound('There is no such child');
    const [counted] = await tx.select({ n: count() }).from(auditEvents).where(eq(auditEvents.childId, childId));
    const entries = await tx
      .select({
        at: auditEvents.at, action: auditEvents.action, userName: users.displayName, role: users.role,
        agencyName: agencies.name, actorKind: sql<string | null>`${auditEvents.details}->>'actorKind'`,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.userId))
      .leftJoin(agencies, eq(agencies.id, auditEvents.agencyId))
      .where(eq(auditEvents.childId, childId))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(ACCESS_LOG_PAGE_SIZE)
      .offset((page - 1) * ACCESS_LOG_PAGE_SIZE);
    // Looking at who looked is itself an access to the child's history.
    await writeAudit(tx, actor, { action: 'child.access-log.viewed', childId, subjectType: 'child', subjectId: childId, details: { page } });
    const total = counted?.n ?? 0;
    return { childId, entries, page, pageCount: Math.max(1, Math.ceil(total / ACCESS_LOG_PAGE_SIZE)), total };
  });
}
