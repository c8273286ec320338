/**
 * Whether an authority requires a second factor at sign-in (authorities.settings `security.mfaRequired`), and what
 * a user still owes after their password. API keys are not people and are never asked.
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { authorities, userMfa, userRecoveryCodes, users } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { ValidationFailed } from '../errors.ts';

/** none: signed in; code: a code from their app (or a recovery code); setup: the authority requires an app they have not set up. */
export type SecondFactorNeed = 'none' | 'code' | 'setup';

export async function mfaRequiredFor(q: Tx, authorityCode: string): Promise<boolean> {
  const [row] = await q.select({ required: sql<boolean | null>`(${authorities.settings} -> 'security' ->> 'mfaRequired')::boolean` }).from(authorities).where(eq(authorities.code, authorityCode));
  return row?.required === true;
}

export async function hasMfa(q: Tx, userId: string): Promise<boolean> {
  const [row] = await q.select({ userId: userMfa.userId }).from(userMfa).where(eq(userMfa.userId, userId));
  return Boolean(row);
}

export async function secondFactorNeeded(q: Tx, userId: string, authorityCode: string): Promise<SecondFactorNeed> {
  if (await hasMfa(q, userId)) return 'code';
  return (await mfaRequiredFor(q, authorityCode)) ? 'setup' : 'none';
}

export interface SecuritySettings {
  mfaRequired: boolean;
  /** Active users of the authority, and how many of them have an authenticator app set up. */
  users: number;
  usersWithMfa: number;
}

export async function securitySettings(db: Database, actor: Actor): Promise<SecuritySettings> {
  assertCan(actor, 'user:manage');
  return db.read(async (q) => {
    const active = and(eq(users.authorityCode, actor.authorityCode), isNull(users.disabledAt));
    const [all] = await q.select({ n: count() }).from(users).where(active);
    const [withMfa] = await q.select({ n: count() }).from(users).innerJoin(userMfa, eq(userMfa.userId, users.id)).where(active);
    return { mfaRequired: await mfaRequiredFor(q, actor.authorityCode), users: all?.n ?? 0, usersWithMfa: withMfa?.n ?? 0 };
  });
}

/** Turns the requirement on or off for the administrator's own authority; people already signed in are not signed out. */
export async function setMfaRequired(db: Database, actor: Actor, required: boolean): Promise<void> {
  assertCan(actor, 'user:manage');
  await db.transaction(async (tx) => {
    if ((await mfaRequiredFor(tx, actor.authorityCode)) === required) return;
    // Merged in the database, so other settings written at the same time are kept.
    const security = sql`coalesce(${authorities.settings} -> 'security', '{}'::jsonb) || jsonb_build_object('mfaRequired', ${required}::boolean)`;
    await tx.update(authorities).set({ settings: sql`${authorities.settings} || jsonb_build_object('security', ${security})` }).where(eq(authorities.code, actor.authorityCode));
    await writeAudit(tx, actor, { action: 'authority.mfa-required-changed', subjectType: 'authority', subjectId: actor.authorityCode, details: { mfaRequired: required } });
  });
}

/**
 * For a person who has lost their app and their recovery codes: removes their app and codes, so they can sign in
 * with their password (and set up a new app straight away if the authority requires one). Own authority only.
 */
export async function resetUserMfa(db: Database, actor: Actor, email: string): Promise<void> {
  assertCan(actor, 'user:manage');
  const address = email.trim().toLowerCase();
  if (!address) throw new ValidationFailed([{ field: 'email', message: 'Enter the e-mail address of the person whose app to reset' }]);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, address), eq(users.authorityCode, actor.authorityCode)));
    if (!user) throw new ValidationFailed([{ field: 'email', message: 'There is no user with that e-mail address in your authority' }]);
    const removed = await tx.delete(userMfa).where(eq(userMfa.userId, user.id)).returning({ userId: userMfa.userId });
    if (!removed.length) throw new ValidationFailed([{ field: 'email', message: 'That person has not set up two-step verification' }]);
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id));
    await writeAudit(tx, actor, { action: 'mfa.reset', subjectType: 'user', subjectId: user.id });
  });
}
