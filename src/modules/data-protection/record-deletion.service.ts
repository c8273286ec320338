/**
 * Audited deletion of a record past its retention date: the record and everything that hangs from it (its graph)
 * go in one transaction, or nothing does. A record not yet due, or on legal hold, is refused with the reason.
 * The audit trail keeps its rows (they hold ids, never what was written about the child) and gains one,
 * `record.deleted`, with the rule and the number of rows per table: the chain stays verifiable.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { legalHolds } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { londonDate } from '../missing/uk-time.ts';
import { readCatalogue } from './catalogue.ts';
import { deleteGraph } from './deletion.ts';
import { collectGraph, graphCounts } from './graph.ts';
import { assertDeletable, parseSubject, ROOT_TABLE, subjectStatus, type Subject, type SubjectInput, type SubjectStatus } from './retention-subjects.ts';

export interface DeletionPreview {
  status: SubjectStatus;
  /** Rows per table that deleting would remove. */
  counts: Record<string, number>;
}

/** What deleting the record would remove; refused like the deletion itself when it is not due or is held. */
export async function deletionPreview(db: Database, actor: Actor, input: SubjectInput, now: Date): Promise<DeletionPreview> {
  assertCan(actor, 'retention:manage');
  const subject = parseSubject(input.type, input.id);
  return db.transaction(async (tx) => {
    const status = await subjectStatus(tx, actor.authorityCode, subject, londonDate(now));
    assertDeletable(status);
    const graph = await collectGraph(tx, await readCatalogue(tx), { table: ROOT_TABLE[subject.type], id: subject.id });
    await writeAudit(tx, actor, { action: 'record.deletion-previewed', ...about(subject) });
    return { status, counts: graphCounts(graph) };
  });
}

/** Deletes the record's whole graph; returns the rows removed per table. */
export async function deleteRecord(db: Database, actor: Actor, input: SubjectInput, now: Date): Promise<{ status: SubjectStatus; counts: Record<string, number> }> {
  assertCan(actor, 'retention:manage');
  const subject = parseSubject(input.type, input.id);
  return db.transaction(async (tx) => {
    // Held first, so nothing can be added to the record between reading its graph and deleting it.
    await lockRoot(tx, subject);
    const status = await subjectStatus(tx, actor.authorityCode, subject, londonDate(now));
    assertDeletable(status);
    const catalogue = await readCatalogue(tx);
    const counts = await deleteGraph(tx, catalogue, await collectGraph(tx, catalogue, { table: ROOT_TABLE[subject.type], id: subject.id }));
    // Released holds said why the record was once kept; they go with it (a hold in force has already refused).
    const holds = await tx.delete(legalHolds).where(and(eq(legalHolds.subjectType, subject.type), eq(legalHolds.subjectId, subject.id), isNotNull(legalHolds.releasedAt)))
      .returning({ id: legalHolds.id });
    if (holds.length > 0) counts.legal_holds = holds.length;
    await writeAudit(tx, actor, {
      action: 'record.deleted', ...about(subject),
      details: { recordType: subject.type, rule: status.due.rule, ruleText: status.due.ruleText, dueOn: status.due.dueOn, rows: counts },
    });
    return { status, counts };
  });
}

function about(subject: Subject) {
  return { childId: subject.type === 'child' ? subject.id : null, subjectType: subject.type, subjectId: subject.id };
}

async function lockRoot(tx: Tx, subject: Subject): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM ${sql.identifier(ROOT_TABLE[subject.type])} WHERE id = ${subject.id} FOR UPDATE`);
}
