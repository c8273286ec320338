/** Drizzle tables of the second factor and single sign-on (issue 6); the migration 0013_mfa_sso.sql is the source of truth. */
import { bigint, char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A user's authenticator app: the TOTP secret, encrypted, and the step of the last accepted code. */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id').primaryKey(),
  secretSealed: text('secret_sealed').notNull(),
  enabledAt: ts('enabled_at').notNull().defaultNow(),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
});

/** One-time recovery codes, as SHA-256 hashes. */
export const userRecoveryCodes = pgTable('user_recovery_codes', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  codeHash: char('code_hash', { length: 64 }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  usedAt: ts('used_at'),
});

/** The OpenID Connect identity (issuer, subject) linked to a user at their first single sign-on. */
export const userSsoIdentities = pgTable('user_sso_identities', {
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  userId: uuid('user_id').notNull(),
  linkedAt: ts('linked_at').notNull().defaultNow(),
});
