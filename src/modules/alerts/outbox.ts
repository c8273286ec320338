/**
 * Delivering the e-mail outbox. A delivery claims due rows (skipping rows another process holds), sends each,
 * and records the result: sent once, or retried later with a growing wait, and given up after MAX_ATTEMPTS.
 * A claim is a lease: if the process dies mid-send the row is tried again after it lapses, with the same
 * Message-ID, so the receiving server can recognise the resend. Errors are stored by code only.
 */
import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { emailOutbox } from '../../db/schema.ts';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;
/** Alerts are about now: an e-mail that could not be sent within a day is not sent at all. */
const EXPIRE_AFTER_MS = 24 * 3_600_000;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** Sends one e-mail or throws. The SMTP transport in production; anything in tests. */
export type SendEmail = (email: OutgoingEmail) => Promise<void>;

export interface DeliveryResult {
  sent: number;
  failed: number;
  expired: number;
}

/** Minutes to wait before attempt n+1: 1, 2, 4, 8... up to an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

export async function deliverOutbox(db: Database, send: SendEmail, options: { now: () => Date; publicUrl: string; batch?: number }): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, expired: 0 };
  for (;;) {
    const claimed = await claimDue(db, options.now(), options.batch ?? 50, result);
    if (claimed.length === 0) return result;
    for (const row of claimed) {
      try {
        await send({ to: row.toAddress, subject: row.subject, text: `${row.body}\n\n${options.publicUrl}${row.linkPath}\n`, messageId: row.messageId });
        await db.transaction((tx) => tx.update(emailOutbox).set({ status: 'sent', sentAt: options.now(), leaseUntil: null, lastError: null })
          .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'sending'))));
        result.sent += 1;
      } catch (error) {
        result.failed += 1;
        const gaveUp = row.attempts >= MAX_ATTEMPTS;
        await db.transaction((tx) => tx.update(emailOutbox).set({
          status: gaveUp ? 'failed' : 'pending', leaseUntil: null, lastError: errorCode(error),
          nextAttemptAt: new Date(options.now().getTime() + retryDelayMs(row.attempts)),
        }).where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, 'sending'))));
      }
    }
  }
}

/** Claims due rows for this process, and expires those too old to be worth sending. */
async function claimDue(db: Database, now: Date, batch: number, result: DeliveryResult) {
  return db.transaction(async (tx) => {
    const due = or(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)), and(eq(emailOutbox.status, 'sending'), lt(emailOutbox.leaseUntil, now)));
    const rows = await tx.select({ id: emailOutbox.id, createdAt: emailOutbox.createdAt }).from(emailOutbox).where(due)
      .orderBy(emailOutbox.nextAttemptAt).limit(batch).for('update', { skipLocked: true });
    const stale = rows.filter((r) => now.getTime() - r.createdAt.getTime() > EXPIRE_AFTER_MS).map((r) => r.id);
    if (stale.length > 0) await tx.update(emailOutbox).set({ status: 'expired', leaseUntil: null }).where(inArray(emailOutbox.id, stale));
    result.expired += stale.length;
    const fresh = rows.map((r) => r.id).filter((id) => !stale.includes(id));
    if (fresh.length === 0) return [];
    return tx.update(emailOutbox).set({ status: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${emailOutbox.attempts} + 1` })
      .where(inArray(emailOutbox.id, fresh)).returning();
  });
}

/** The SMTP response code or the error's code: never the message, which may quote an address. */
function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { responseCode?: unknown; code?: unknown };
    if (typeof e.responseCode === 'number') return `SMTP ${e.responseCode}`;
    if (typeof e.code === 'string') return e.code;
  }
  return 'unknown error';
}
