/** The only SQL for the child's feedback and its one-time links. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { agencies, returnInterviews, rhiFeedback, rhiFeedbackLinks, users } from '../../db/schema.ts';

export type FeedbackRow = typeof rhiFeedback.$inferSelect;
export type NewFeedback = typeof rhiFeedback.$inferInsert;

/** The interview's feedback, if any, with the name of the worker who recorded it. */
export async function feedbackFor(q: Tx, returnInterviewId: string) {
  const [row] = await q.select({ feedback: rhiFeedback, recordedByName: users.displayName }).from(rhiFeedback)
    .leftJoin(users, eq(users.id, rhiFeedback.recordedBy))
    .where(eq(rhiFeedback.returnInterviewId, returnInterviewId));
  return row ?? null;
}

/** The interview's newest link still waiting to be used (its token is not known: only when it expires). */
export async function openLinkFor(q: Tx, returnInterviewId: string, now: Date) {
  const [row] = await q.select({ id: rhiFeedbackLinks.id, createdAt: rhiFeedbackLinks.createdAt, expiresAt: rhiFeedbackLinks.expiresAt }).from(rhiFeedbackLinks)
    .where(and(eq(rhiFeedbackLinks.returnInterviewId, returnInterviewId), isNull(rhiFeedbackLinks.usedAt), gt(rhiFeedbackLinks.expiresAt, now)))
    .orderBy(sql`${rhiFeedbackLinks.createdAt} DESC`).limit(1);
  return row ?? null;
}

/** Ends the interview's unused links now: a new link replaces them. Returns how many were ended. */
export async function endOpenLinks(tx: Tx, returnInterviewId: string, now: Date): Promise<number> {
  const ended = await tx.update(rhiFeedbackLinks).set({ expiresAt: now })
    .where(and(eq(rhiFeedbackLinks.returnInterviewId, returnInterviewId), isNull(rhiFeedbackLinks.usedAt), gt(rhiFeedbackLinks.expiresAt, now)))
    .returning({ id: rhiFeedbackLinks.id });
  return ended.length;
}

export async function insertLink(tx: Tx, link: typeof rhiFeedbackLinks.$inferInsert): Promise<void> {
  await tx.insert(rhiFeedbackLinks).values(link);
}

/**
 * The link with this token fingerprint and what the child's submission needs to know about its interview.
 * Locked when asked, so two submissions of one link take turns and the second sees it used.
 */
export async function linkByHash(tx: Tx, tokenHash: string, options: { lock?: boolean } = {}) {
  const query = tx.select({
    link: rhiFeedbackLinks, childId: returnInterviews.childId, providerAgencyId: returnInterviews.providerAgencyId,
    feedbackGiven: sql<boolean>`EXISTS (SELECT 1 FROM ${rhiFeedback} f WHERE f.return_interview_id = ${rhiFeedbackLinks.returnInterviewId})`,
  }).from(rhiFeedbackLinks)
    .innerJoin(returnInterviews, eq(returnInterviews.id, rhiFeedbackLinks.returnInterviewId))
    .where(eq(rhiFeedbackLinks.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: rhiFeedbackLinks }) : await query;
  return row ?? null;
}

/** Marks the link used if nobody has yet; false when another submission got there first. */
export async function markLinkUsed(tx: Tx, linkId: string, now: Date): Promise<boolean> {
  const rows = await tx.update(rhiFeedbackLinks).set({ usedAt: now })
    .where(and(eq(rhiFeedbackLinks.id, linkId), isNull(rhiFeedbackLinks.usedAt))).returning({ id: rhiFeedbackLinks.id });
  return rows.length === 1;
}

/** Stores the feedback unless the interview already has some; false when it does. */
export async function insertFeedback(tx: Tx, row: NewFeedback): Promise<boolean> {
  const rows = await tx.insert(rhiFeedback).values(row).onConflictDoNothing({ target: rhiFeedback.returnInterviewId }).returning({ id: rhiFeedback.id });
  return rows.length === 1;
}

/** The agency the system acts for when a child submits: the interview's provider, else the authority's own service. */
export async function actingAgencyFor(tx: Tx, authorityCode: string, providerAgencyId: string | null): Promise<string> {
  if (providerAgencyId) return providerAgencyId;
  const [row] = await tx.select({ id: agencies.id }).from(agencies)
    .where(and(eq(agencies.authorityCode, authorityCode), eq(agencies.kind, 'local_authority'))).orderBy(agencies.name).limit(1);
  if (!row) throw new Error(`authority ${authorityCode} has no local authority agency`);
  return row.id;
}
