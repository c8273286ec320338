/**
 * The second factor: setting up an authenticator app (confirmed by a code before it is saved), checking a code or
 * a recovery code at sign-in, and new recovery codes. Wrong codes count toward the same lockout as wrong passwords.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { userMfa, userRecoveryCodes, users } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { DomainRuleBroken, Forbidden, ValidationFailed } from '../errors.ts';
import { mfaRequiredFor } from './mfa-settings.service.ts';
import type { SecretBox } from './mfa-secret.ts';
import { matchingStep, newTotpSecret } from './mfa-totp.ts';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
import { countFailedSignIn, isLocked } from './users.service.ts';

/** A person acting on their own account: an API key has none. */
function ownAccount(actor: Actor): string {
  if (actor.kind !== 'user') throw new Forbidden('Only a person can set up two-step verification');
  return actor.id;
}

/** A new secret for the setup page, sealed so that the session (kept in the database) never holds it in clear. */
export function beginSetup(box: SecretBox, actor: Actor): string {
  return box.seal(newTotpSecret(), ownAccount(actor));
}

const WRONG_CODE = 'The code is not right: enter the 6 digits your app shows now';

/**
 * Saves the app once it has shown a right code, with ten new recovery codes (returned once, stored as hashes).
 * A new app replaces the old one (a lost phone): the old app's codes and the old recovery codes stop working.
 */
export async function confirmSetup(db: Database, box: SecretBox, actor: Actor, input: { sealed: string; code: string }, now: Date): Promise<string[]> {
  const userId = ownAccount(actor);
  const secret = box.open(input.sealed, userId);
  if (!secret) throw new DomainRuleBroken('The setup has expired. Start again to get a new QR code.');
  if (!input.code.trim()) throw new ValidationFailed([{ field: 'code', message: 'Enter the 6-digit code your app shows' }]);
  const step = matchingStep(secret, input.code, now);
  if (step === null) throw new ValidationFailed([{ field: 'code', message: WRONG_CODE }]);
  return db.transaction(async (tx) => {
    const values = { secretSealed: box.seal(secret, userId), enabledAt: now, lastUsedStep: step };
    const [previous] = await tx.select({ userId: userMfa.userId }).from(userMfa).where(eq(userMfa.userId, userId));
    await tx.insert(userMfa).values({ userId, ...values }).onConflictDoUpdate({ target: userMfa.userId, set: values });
    const codes = await replaceRecoveryCodes(tx, userId, now);
    await writeAudit(tx, actor, { action: 'mfa.enabled', subjectType: 'user', subjectId: userId, details: { replacedApp: Boolean(previous) } });
    return codes;
  });
}

async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx.insert(userRecoveryCodes).values(codes.map((code) => ({ id: randomUUID(), userId, codeHash: hashRecoveryCode(code), createdAt: now })));
  return codes;
}

/** Ten new recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(db: Database, actor: Actor, now: Date): Promise<string[]> {
  const userId = ownAccount(actor);
  return db.transaction(async (tx) => {
    const [mfa] = await tx.select({ userId: userMfa.userId }).from(userMfa).where(eq(userMfa.userId, userId));
    if (!mfa) throw new DomainRuleBroken('Set up two-step verification before making recovery codes');
    const codes = await replaceRecoveryCodes(tx, userId, now);
    await writeAudit(tx, actor, { action: 'mfa.recovery-codes.regenerated', subjectType: 'user', subjectId: userId });
    return codes;
  });
}

export interface MfaStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  requiredByAuthority: boolean;
  /** The name the authenticator app shows for the account. */
  accountName: string;
}

export async function mfaStatus(db: Database, actor: Actor): Promise<MfaStatus> {
  const userId = ownAccount(actor);
  return db.read(async (q) => {
    const [user] = await q.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const [mfa] = await q.select().from(userMfa).where(eq(userMfa.userId, userId));
    const [left] = await q.select({ n: count() }).from(userRecoveryCodes).where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
    const requiredByAuthority = await mfaRequiredFor(q, actor.authorityCode);
    return { enabled: Boolean(mfa), enabledAt: mfa?.enabledAt ?? null, recoveryCodesLeft: mfa ? (left?.n ?? 0) : 0, requiredByAuthority, accountName: user?.email ?? actor.displayName };
  });
}

/** used: a right code of a step already used (typed twice, or seen over someone's shoulder). */
export type SecondFactorResult = { ok: true; via: 'totp' | 'recovery-code' } | { ok: false; reason: 'invalid' | 'used' | 'locked'; lockedUntil?: Date };

/**
 * Checks the code given after the password (or the organisation's sign-in): a code from the app, within one step
 * of now and later than the last one accepted (a code seen over someone's shoulder cannot be used again), or an
 * unused recovery code, which is then spent. `signedInAction` is the audit action of the completed sign-in.
 */
export async function verifySecondFactor(db: Database, box: SecretBox, actor: Actor, code: string, now: Date, signedInAction: string): Promise<SecondFactorResult> {
  const userId = ownAccount(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ lockedUntil: users.lockedUntil, sealed: userMfa.secretSealed }).from(users).innerJoin(userMfa, eq(userMfa.userId, users.id)).where(eq(users.id, userId));
    if (!row) throw new DomainRuleBroken('Two-step verification is not set up for this account');
    if (isLocked(row)) return { ok: false, reason: 'locked', lockedUntil: row.lockedUntil ?? undefined };
    const via = await spendCode(tx, box, { userId, sealed: row.sealed, code, now });
    if (via === 'replayed' || via === null) {
      const lockedUntil = await countFailedSignIn(tx, userId, actor, { action: 'mfa.failed', details: { kind: via === 'replayed' ? 'code-already-used' : 'wrong-code' } });
      return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: via === 'replayed' ? 'used' : 'invalid' };
    }
    await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
    await writeAudit(tx, actor, { action: signedInAction, details: { secondFactor: via } });
    return { ok: true, via };
  });
}

/** Uses up the code if it is good: the step or the recovery code is marked in the same statement that checks it. */
async function spendCode(tx: Tx, box: SecretBox, input: { userId: string; sealed: string; code: string; now: Date }): Promise<'totp' | 'recovery-code' | 'replayed' | null> {
  const { userId, code, now } = input;
  if (looksLikeRecoveryCode(code)) {
    const spent = await tx.update(userRecoveryCodes).set({ usedAt: now })
      .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, hashRecoveryCode(code)), isNull(userRecoveryCodes.usedAt)))
      .returning({ id: userRecoveryCodes.id });
    return spent.length ? 'recovery-code' : null;
  }
  const secret = box.open(input.sealed, userId);
  const step = secret ? matchingStep(secret, code, now) : null;
  if (step === null) return null;
  const accepted = await tx.update(userMfa).set({ lastUsedStep: step })
    .where(and(eq(userMfa.userId, userId), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step))))
    .returning({ userId: userMfa.userId });
  return accepted.length ? 'totp' : 'replayed';
}
