/** Drizzle tables of the feedback area (issue 3); the migration is the source of truth for constraints. */
import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One-time links to the child's feedback form; only the SHA-256 of the token is kept. */
export const rhiFeedbackLinks = pgTable('rhi_feedback_links', {
  id: uuid('id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  returnInterviewId: uuid('return_interview_id').notNull(),
  tokenHash: char('token_hash', { length: 64 }).notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

/** The child's feedback on their return interview: one per interview, by their link or recorded by the worker. */
export const rhiFeedback = pgTable('rhi_feedback', {
  id: uuid('id').primaryKey(),
  authorityCode: char('authority_code', { length: 3 }).notNull(),
  returnInterviewId: uuid('return_interview_id').notNull(),
  source: text('source').$type<'child_link' | 'worker'>().notNull(),
  linkId: uuid('link_id'),
  listened: text('listened'),
  easyToTalk: text('easy_to_talk'),
  talkAgain: text('talk_again'),
  comment: text('comment'),
  recordedBy: uuid('recorded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
