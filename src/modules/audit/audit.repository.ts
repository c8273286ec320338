import type { Tx } from '../../db/database.ts';
import { auditEvents } from '../../db/schema.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Actor } from '../access/actor.ts';

export interface AuditEntry {
  action: string;
  childId?: string | null;
  subjectType?: string;
  subjectId?: string;
  /** Ids and codes only: never names or free text about a child. */
  details?: Record<string, unknown>;
}

/** Writes audit rows inside the caller's transaction, so the change and its audit stand or fall together. */
export async function writeAudit(tx: Tx, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = new Date();
  await bulkInsert(
    tx,
    auditEvents,
    list.map((e) => ({
      at,
      authorityCode: actor.authorityCode,
      userId: actor.kind === 'user' ? actor.id : null,
      agencyId: actor.agencyId,
      action: e.action,
      childId: e.childId ?? null,
      subjectType: e.subjectType ?? null,
      subjectId: e.subjectId ?? null,
      correlationId: actor.correlationId,
      details: { actorKind: actor.kind, actorId: actor.id, ...e.details },
    })),
  );
}
