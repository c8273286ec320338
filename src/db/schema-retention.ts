/** Drizzle table of legal holds (issue 6); the migration 0017_retention.sql is the source of truth for constraints. */
import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const legalHolds = pgTable('legal_holds', {
  id: uuid('id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  reason: text('reason').notNull(),
  placedBy: uuid('placed_by').notNull(),
  placedAt: ts('placed_at').notNull(),
  releasedBy: uuid('released_by'),
  releasedAt: ts('released_at'),
});
