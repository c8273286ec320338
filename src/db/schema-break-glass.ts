/** Drizzle table of break-glass access (issue 6); the migration 0015_break_glass.sql is the source of truth for constraints. */
import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const breakGlassGrants = pgTable('break_glass_grants', {
  id: uuid('id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  userId: uuid('user_id').notNull(),
  childId: uuid('child_id').notNull(),
  reason: text('reason').notNull(),
  grantedAt: ts('granted_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  reviewedAt: ts('reviewed_at'),
  reviewedBy: uuid('reviewed_by'),
  reviewOutcome: text('review_outcome'),
  reviewNote: text('review_note'),
});
