/** Drizzle table of saved form drafts (issue 6); the migration 0014_drafts.sql is the source of truth for constraints. */
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const formDrafts = pgTable(
  'form_drafts',
  {
    userId: uuid('user_id').notNull(),
    /** The path the form posts to. */
    key: text('key').notNull(),
    /** Field name → the values entered (one for a text field, the ticked ones for checkboxes). */
    data: jsonb('data').$type<Record<string, string[]>>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
