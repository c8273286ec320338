/** Drizzle tables of restricted records (issue 6); the migration 0016_restricted_records.sql is the source of truth for constraints. */
import { char, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const restrictedRecords = pgTable('restricted_records', {
  childId: uuid('child_id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  reason: text('reason').notNull(),
  restrictedBy: uuid('restricted_by').notNull(),
  restrictedAt: ts('restricted_at').notNull(),
});

export const restrictedRecordUsers = pgTable(
  'restricted_record_users',
  {
    childId: uuid('child_id').notNull(),
    userId: uuid('user_id').notNull(),
    addedBy: uuid('added_by').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.userId] })],
);
