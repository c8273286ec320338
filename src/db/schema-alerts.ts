/** Drizzle tables of the alerts area (issue 3); the migration 0007_alerts.sql is the source of truth for constraints. */
import { char, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const authorityContacts = pgTable('authority_contacts', {
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  matchKey: text('match_key').notNull(),
  name: text('name').notNull(),
  email: text('email').notNull(),
});

export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  kind: text('kind').notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  childId: uuid('child_id'),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  rule: text('rule').notNull(),
  facts: jsonb('facts').$type<string[]>().notNull(),
  link: text('link').notNull(),
  raisedAt: ts('raised_at').notNull(),
  audienceUserId: uuid('audience_user_id'),
  audienceRole: text('audience_role'),
  audienceEmail: text('audience_email'),
  audienceLabel: text('audience_label').notNull(),
  ackTokenHash: text('ack_token_hash'),
  acknowledgedAt: ts('acknowledged_at'),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedByName: text('acknowledged_by_name'),
  escalatedAt: ts('escalated_at'),
  escalatesAlertId: uuid('escalates_alert_id'),
});

export const emailOutbox = pgTable('email_outbox', {
  id: uuid('id').primaryKey(),
  alertId: uuid('alert_id'),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  linkPath: text('link_path').notNull(),
  messageId: text('message_id').notNull(),
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  leaseUntil: ts('lease_until'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull(),
  sentAt: ts('sent_at'),
});
