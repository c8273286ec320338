/** Users: sign in (argon2, lockout shared with the second factor), the actor behind a session, and adding users. */
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { agencies, users } from '../../db/schema.ts';
import { ROLES, type Actor, type AgencyKind, type Role } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit, type AuditEntry } from '../audit/audit.repository.ts';
import { Conflict, ValidationFailed } from '../errors.ts';
import { secondFactorNeeded, type SecondFactorNeed } from './mfa-settings.service.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: string; secondFactor: SecondFactorNeed }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

// Verifying against a fixed hash when the e-mail is unknown keeps response times alike, so timing does not
// reveal which addresses have accounts.
const DUMMY_HASH = argon2.hash('homeward-timing-equaliser');

/**
 * Checks an e-mail and password. Repeated failures lock the account for a while. A right password is the whole
 * sign-in only for a user with no second factor to give (`secondFactor: 'none'`).
 */
export async function signIn(db: Database, email: string, password: string, correlationId: string): Promise<SignInResult> {
  const [user] = await db.read((q) => q.select().from(users).where(eq(users.email, email.trim().toLowerCase())));
  if (!user || user.disabledAt) {
    await argon2.verify(await DUMMY_HASH, password).catch(() => false);
    return { ok: false, reason: 'invalid' };
  }
  if (isLocked(user)) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil ?? undefined };
  const valid = await argon2.verify(user.passwordHash, password).catch(() => false);
  const actor = await actorForUser(db, user.id, correlationId);
  return db.transaction(async (tx) => {
    if (!valid) {
      const lockedUntil = await countFailedSignIn(tx, user.id, actor, { action: 'user.sign-in-failed' });
      return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
    }
    const secondFactor = await secondFactorNeeded(tx, user.id, user.authorityCode);
    // With a code still to come the failure count stays: resetting it on the right password would let someone
    // who knows the password guess codes for ever, a few at a time.
    if (secondFactor !== 'code') await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
    if (actor) await writeAudit(tx, actor, { action: secondFactor === 'none' ? 'user.signed-in' : 'user.password-accepted' });
    return { ok: true, userId: user.id, secondFactor };
  });
}

export const isLocked = (user: { lockedUntil: Date | null }) => Boolean(user.lockedUntil && user.lockedUntil.getTime() > Date.now());

/**
 * One more failed attempt (a wrong password or a wrong second-factor code): the fifth in a row locks the account.
 * Counted in the database, so attempts sent at the same moment are all counted. Returns the lock's end, if locked.
 */
export async function countFailedSignIn(tx: Tx, userId: string, actor: Actor | null, entry: AuditEntry): Promise<Date | null> {
  const [row] = await tx.update(users).set({ failedSignIns: sql`${users.failedSignIns} + 1` }).where(eq(users.id, userId)).returning({ failures: users.failedSignIns });
  const lockedUntil = (row?.failures ?? 0) >= MAX_FAILED_SIGN_INS ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
  if (lockedUntil) await tx.update(users).set({ failedSignIns: 0, lockedUntil }).where(eq(users.id, userId));
  if (actor) await writeAudit(tx, actor, [entry, ...(lockedUntil ? [{ action: 'user.locked-out' }] : [])]);
  return lockedUntil;
}

/** The actor for a signed-in user, or null if the account no longer exists or is disabled. */
export async function actorForUser(db: Database, userId: string, correlationId: string): Promise<Actor | null> {
  const [row] = await db.read((q) => userWithAgency(q, eq(users.id, userId)));
  return row && !row.user.disabledAt ? userActor(row, correlationId) : null;
}

/** A user with their agency's kind: what an actor is made of. */
export function userWithAgency(q: Tx, where: SQL | undefined) {
  return q.select({ user: users, agencyKind: agencies.kind }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(where);
}

export function userActor(row: { user: typeof users.$inferSelect; agencyKind: string }, correlationId: string): Actor {
  return {
    kind: 'user',
    id: row.user.id,
    role: row.user.role as Role,
    authorityCode: row.user.authorityCode,
    agencyId: row.user.agencyId,
    agencyKind: row.agencyKind as AgencyKind,
    displayName: row.user.displayName,
    correlationId,
  };
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  authorityCode: string;
  agencyName: string;
  password: string;
  /** The team they work in: their colleagues' allocated children are within their need to know. */
  team?: string | null;
}

/**
 * Adds a user (CLI `user add`, the demo loader). The password must be at least 12 characters. A caller adding
 * many users with one shared password (the demo) may pass its hash, computed once.
 */
export async function addUser(db: Database, actor: Actor | null, input: NewUser, options: { passwordHash?: string } = {}): Promise<string> {
  if (actor) assertCan(actor, 'user:manage');
  const problems = [];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) problems.push({ field: 'email', message: 'Enter an e-mail address in the correct format, like name@example.org' });
  if (input.password.length < 12) problems.push({ field: 'password', message: 'The password must be at least 12 characters' });
  if (!ROLES.includes(input.role)) problems.push({ field: 'role', message: `The role must be one of ${ROLES.join(', ')}` });
  if (problems.length) throw new ValidationFailed(problems);
  const passwordHash = options.passwordHash ?? (await argon2.hash(input.password));
  return db.transaction(async (tx) => {
    const [agency] = await tx.select().from(agencies).where(sql`${agencies.authorityCode} = ${input.authorityCode} AND lower(${agencies.name}) = lower(${input.agencyName})`);
    if (!agency) throw new ValidationFailed([{ field: 'agency', message: `There is no agency called "${input.agencyName}" in authority ${input.authorityCode}` }]);
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email.toLowerCase()));
    if (clash) throw new Conflict(`A user with the e-mail address ${input.email.toLowerCase()} already exists`);
    const id = randomUUID();
    await tx.insert(users).values({ id, authorityCode: input.authorityCode, agencyId: agency.id, email: input.email.toLowerCase(), displayName: input.displayName, role: input.role, passwordHash, team: input.team?.trim() || null });
    if (actor) await writeAudit(tx, actor, { action: 'user.added', subjectType: 'user', subjectId: id, details: { role: input.role } });
    return id;
  });
}
