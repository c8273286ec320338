/** Drizzle table of the audit chain (issue 6); the migration 0011_audit_chain.sql is the source of truth. */
import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One seal per audit row, in chain order: hash = sha256(prev_hash || the row's canonical content). */
export const auditSeals = pgTable('audit_seals', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
