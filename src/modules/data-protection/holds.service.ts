/**
 * Legal holds: the data protection officer stops a record being deleted (litigation, an inquiry, a complaint)
 * whatever its retention date, and releases the hold when it is no longer needed. Both are audited.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { legalHolds } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { londonDate } from '../missing/uk-time.ts';
import { parseSubject, subjectStatus, type Subject, type SubjectInput } from './retention-subjects.ts';

const MAX_REASON = 1000;

/** Places a hold on a record of the authority; the reason is required. Returns the hold's id. */
export async function placeLegalHold(db: Database, actor: Actor, input: SubjectInput & { reason: string }, now: Date): Promise<string> {
  assertCan(actor, 'retention:manage');
  const subject = parseSubject(input.type, input.id);
  const reason = input.reason.trim();
  if (!reason) throw new ValidationFailed([{ field: 'reason', message: 'Enter why the record must be kept (for example, a claim or an inquiry)' }]);
  if (reason.length > MAX_REASON) throw new ValidationFailed([{ field: 'reason', message: `The reason must be ${MAX_REASON} characters or fewer` }]);
  return db.transaction(async (tx) => {
    const status = await subjectStatus(tx, actor.authorityCode, subject, londonDate(now));
    if (status.hold) throw new ValidationFailed([{ field: 'reason', message: 'This record is already on legal hold' }]);
    const id = randomUUID();
    await tx.insert(legalHolds).values({ id, authorityCode: actor.authorityCode, subjectType: subject.type, subjectId: subject.id, reason, placedBy: actor.id, placedAt: now });
    await writeAudit(tx, actor, {
      action: 'legal-hold.placed', childId: subject.type === 'child' ? subject.id : null, subjectType: 'legal_hold', subjectId: id,
      details: { recordType: subject.type, recordId: subject.id },
    });
    return id;
  });
}

/** Releases a hold in force: the record falls back under its retention rule. */
export async function releaseLegalHold(db: Database, actor: Actor, holdId: string, now: Date): Promise<Subject> {
  assertCan(actor, 'retention:manage');
  const id = recordId(holdId, 'legal hold');
  return db.transaction(async (tx) => {
    const [released] = await tx.update(legalHolds).set({ releasedAt: now, releasedBy: actor.id })
      .where(and(eq(legalHolds.id, id), eq(legalHolds.authorityCode, actor.authorityCode), isNull(legalHolds.releasedAt)))
      .returning({ type: legalHolds.subjectType, id: legalHolds.subjectId });
    if (!released) throw new NotFound('There is no such legal hold in force');
    const subject = { type: released.type as Subject['type'], id: released.id };
    await writeAudit(tx, actor, {
      action: 'legal-hold.released', childId: subject.type === 'child' ? subject.id : null, subjectType: 'legal_hold', subjectId: id,
      details: { recordType: subject.type, recordId: subject.id },
    });
    return subject;
  });
}
