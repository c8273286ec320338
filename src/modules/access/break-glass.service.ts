/**
 * Break-glass: someone holding `break-glass:use` but without a need to know may open one child's exploitation
 * records by giving a reason. The access lasts BREAK_GLASS_MINUTES, alerts the data protection officer (the admin
 * role) at once, and stays on the review list until they record whether it was justified. Every view made under it
 * is audited like any other, so the access log shows what was seen.
 */
import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { breakGlassGrants, children, users } from '../../db/schema.ts';
import { teamAudience } from '../alerts/alert-kinds.ts';
import { raiseAlerts } from '../alerts/raise.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import type { Actor } from './actor.ts';
import { assertCan } from './policy.ts';
import { assertNotRestricted } from './restriction.ts';

export const BREAK_GLASS_MINUTES = 60;
const MIN_REASON = 20;

/** The active grant letting this user see this child's exploitation records, if any. */
export async function activeBreakGlass(tx: Tx, actor: Actor, childId: string, now: Date): Promise<{ id: string; expiresAt: Date } | null> {
  const [row] = await tx.select({ id: breakGlassGrants.id, expiresAt: breakGlassGrants.expiresAt }).from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.userId, actor.id), eq(breakGlassGrants.childId, childId), gt(breakGlassGrants.expiresAt, now)))
    .orderBy(desc(breakGlassGrants.expiresAt)).limit(1);
  return row ?? null;
}

/** Opens the child's exploitation records for BREAK_GLASS_MINUTES with a reason; alerts the data protection officer. */
export async function breakGlass(db: Database, actor: Actor, childId: string, reason: string, now: Date): Promise<{ expiresAt: Date }> {
  assertCan(actor, 'break-glass:use');
  const id = recordId(childId, 'child');
  const text = reason.trim();
  if (text.length < MIN_REASON) {
    throw new ValidationFailed([{ field: 'reason', message: `Give the reason you need to open this record now, in at least ${MIN_REASON} characters` }]);
  }
  return db.transaction(async (tx) => {
    const [child] = await tx.select({ id: children.id }).from(children).where(and(eq(children.id, id), eq(children.authorityCode, actor.authorityCode)));
    if (!child) throw new NotFound('There is no such child');
    await assertNotRestricted(tx, actor, id);
    const grantId = randomUUID();
    const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000);
    await tx.insert(breakGlassGrants).values({ id: grantId, authorityCode: actor.authorityCode, userId: actor.id, childId: id, reason: text, grantedAt: now, expiresAt });
    await writeAudit(tx, actor, { action: 'break-glass.granted', childId: id, subjectType: 'break_glass', subjectId: grantId, details: { minutes: BREAK_GLASS_MINUTES } });
    await raiseAlerts(tx, [{
      authorityCode: actor.authorityCode, kind: 'break_glass', dedupeKey: `break-glass:${grantId}`, childId: null,
      subjectType: 'break_glass', subjectId: grantId,
      rule: 'Every record opened with a reason (break-glass) is reported to the data protection officer for review',
      facts: [`${actor.displayName} opened a child's exploitation records with a reason`, `Access lasts ${BREAK_GLASS_MINUTES} minutes`],
      link: '/break-glass-reviews', audience: teamAudience('admin'),
    }], now);
    return { expiresAt };
  });
}

export interface GrantEntry {
  id: string;
  userName: string;
  childId: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  reviewedAt: Date | null;
  reviewOutcome: string | null;
  reviewNote: string | null;
}

/** The review list: unreviewed first, then the latest reviewed, 50 to a page. */
export async function breakGlassReviewList(db: Database, actor: Actor, page: number): Promise<{ entries: GrantEntry[]; unreviewed: number; page: number; pageCount: number }> {
  assertCan(actor, 'break-glass:review');
  return db.read(async (q) => {
    const where = eq(breakGlassGrants.authorityCode, actor.authorityCode);
    const [total] = await q.select({ n: count() }).from(breakGlassGrants).where(where);
    const [open] = await q.select({ n: count() }).from(breakGlassGrants).where(and(where, isNull(breakGlassGrants.reviewedAt)));
    const entries = await q.select({
      id: breakGlassGrants.id, userName: users.displayName, childId: breakGlassGrants.childId, reason: breakGlassGrants.reason,
      grantedAt: breakGlassGrants.grantedAt, expiresAt: breakGlassGrants.expiresAt, reviewedAt: breakGlassGrants.reviewedAt,
      reviewOutcome: breakGlassGrants.reviewOutcome, reviewNote: breakGlassGrants.reviewNote,
    }).from(breakGlassGrants).innerJoin(users, eq(users.id, breakGlassGrants.userId)).where(where)
      .orderBy(desc(isNull(breakGlassGrants.reviewedAt)), desc(breakGlassGrants.grantedAt)).limit(50).offset((page - 1) * 50);
    return { entries, unreviewed: open?.n ?? 0, page, pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / 50)) };
  });
}

/** The data protection officer records whether the access was justified; once only. */
export async function reviewBreakGlass(db: Database, actor: Actor, grantId: string, input: { outcome: string; note: string }, now: Date): Promise<void> {
  assertCan(actor, 'break-glass:review');
  const id = recordId(grantId, 'break-glass access');
  const problems = [];
  if (input.outcome !== 'justified' && input.outcome !== 'not_justified') problems.push({ field: 'outcome', message: 'Select whether the access was justified' });
  if (input.outcome === 'not_justified' && input.note.trim() === '') problems.push({ field: 'note', message: 'Say what will happen next when the access was not justified' });
  if (problems.length > 0) throw new ValidationFailed(problems);
  await db.transaction(async (tx) => {
    const updated = await tx.update(breakGlassGrants)
      .set({ reviewedAt: now, reviewedBy: actor.id, reviewOutcome: input.outcome, reviewNote: input.note.trim() || null })
      .where(and(eq(breakGlassGrants.id, id), eq(breakGlassGrants.authorityCode, actor.authorityCode), isNull(breakGlassGrants.reviewedAt)))
      .returning({ childId: breakGlassGrants.childId });
    if (updated.length === 0) throw new NotFound('There is no such break-glass access waiting for review');
    await writeAudit(tx, actor, { action: 'break-glass.reviewed', childId: updated[0]?.childId ?? null, subjectType: 'break_glass', subjectId: id, details: { outcome: input.outcome } });
  });
}
