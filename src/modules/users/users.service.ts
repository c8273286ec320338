/** Users: sign in (argon2, lockout), the actor behind a session, and adding users. */
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { agencies, users } from '../../db/schema.ts';
import { ROLES, type Actor, type AgencyKind, type Role } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { Conflict, ValidationFailed } from '../errors.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

// Verifying against a fixed hash when the e-mail is unknown keeps response times alike, so timing does not
// reveal which addresses have accounts.
const DUMMY_HASH = argon2.hash('homeward-timing-equaliser');

/** Checks an e-mail and password. Repeated failures lock the account for a while. */
export async function signIn(db: Database, email: string, password: string, correlationId: string): Promise<SignInResult> {
  const [user] = await db.read((q) => q.select().from(users).where(eq(users.email, email.trim().toLowerCase())));
  if (!user || user.disabledAt) {
    await argon2.verify(await DUMMY_HASH, password).catch(() => false);
    return { ok: false, reason: 'invalid' };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  const valid = await argon2.verify(user.passwordHash, password).catch(() => false);
  const actor = await actorForUser(db, user.id, correlationId);
  return db.transaction(async (tx) => {
    if (valid) {
      await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
      if (actor) await writeAudit(tx, actor, { action: 'user.signed-in' });
      return { ok: true, userId: user.id };
    }
    const failures = user.failedSignIns + 1;
    const lockedUntil = failures >= MAX_FAILED_SIGN_INS ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
    await tx.update(users).set({ failedSignIns: lockedUntil ? 0 : failures, lockedUntil }).where(eq(users.id, user.id));
    if (actor) await writeAudit(tx, actor, { action: lockedUntil ? 'user.locked-out' : 'user.sign-in-failed' });
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
  });
}

/** The actor for a signed-in user, or null if the account no longer exists or is disabled. */
export async function actorForUser(db: Database, userId: string, correlationId: string): Promise<Actor | null> {
  const [row] = await db.read((q) =>
    q
      .select({ user: users, agencyKind: agencies.kind })
      .from(users)
      .innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(eq(users.id, userId)),
  );
  if (!row || row.user.disabledAt) return null;
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
    await tx.insert(users).values({ id, authorityCode: input.authorityCode, agencyId: agency.id, email: input.email.toLowerCase(), displayName: input.displayName, role: input.role, passwordHash });
    if (actor) await writeAudit(tx, actor, { action: 'user.added', subjectType: 'user', subjectId: id, details: { role: input.role } });
    return id;
  });
}
