/**
 * Single sign-on: the person the organisation's service vouched for, matched to a Homeward user by a linked
 * (issuer, subject) or else by a verified e-mail address. Nobody is created here: an unknown person is refused.
 */
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { auditEvents, userSsoIdentities, users } from '../../db/schema.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { secondFactorNeeded, type SecondFactorNeed } from './mfa-settings.service.ts';
import type { SsoAssertion } from './sso-client.ts';
import { userActor, userWithAgency } from './users.service.ts';

/** `amr` values that mean the organisation itself asked for a second factor (RFC 8176). */
const SECOND_FACTOR_AMR = ['mfa', 'otp', 'hwk'];

export type SsoRefusal = 'unknown' | 'email-not-verified' | 'disabled' | 'linked-to-another';

export type SsoOutcome = { ok: true; userId: string; secondFactor: SecondFactorNeed } | { ok: false; reason: SsoRefusal };

type UserRow = Awaited<ReturnType<typeof userWithAgency>>[number];

export async function signInWithSso(db: Database, assertion: SsoAssertion, correlationId: string): Promise<SsoOutcome> {
  return db.transaction(async (tx) => {
    const found = await findUser(tx, assertion);
    if (!found.ok) {
      await refuse(tx, assertion, found.reason, found.row, correlationId);
      return { ok: false, reason: found.reason };
    }
    const { row } = found;
    const actor = userActor(row, correlationId);
    await tx.insert(userSsoIdentities).values({ issuer: assertion.issuer, subject: assertion.subject, userId: row.user.id }).onConflictDoNothing();
    const assertedMfa = assertion.amr.some((a) => SECOND_FACTOR_AMR.includes(a));
    // The organisation's own second factor counts as Homeward's: the person is not asked twice.
    const secondFactor = assertedMfa ? 'none' : await secondFactorNeeded(tx, row.user.id, row.user.authorityCode);
    const details = { issuer: assertion.issuer, secondFactor: assertedMfa ? 'organisation' : 'none' };
    await writeAudit(tx, actor, { action: secondFactor === 'none' ? 'sso.signed-in' : 'sso.identity-accepted', details });
    return { ok: true, userId: row.user.id, secondFactor };
  });
}

type Found = { ok: true; row: UserRow } | { ok: false; reason: SsoRefusal; row: UserRow | null };

async function findUser(tx: Tx, assertion: SsoAssertion): Promise<Found> {
  const [linked] = await tx.select({ userId: userSsoIdentities.userId }).from(userSsoIdentities)
    .where(and(eq(userSsoIdentities.issuer, assertion.issuer), eq(userSsoIdentities.subject, assertion.subject)));
  const [row] = linked
    ? await userWithAgency(tx, eq(users.id, linked.userId))
    : assertion.email ? await userWithAgency(tx, eq(users.email, assertion.email)) : [];
  if (!row) return { ok: false, reason: 'unknown', row: null };
  if (row.user.disabledAt) return { ok: false, reason: 'disabled', row };
  if (linked) return { ok: true, row };
  // An unverified address proves nothing: anyone can type someone else's into their profile at some services.
  if (!assertion.emailVerified) return { ok: false, reason: 'email-not-verified', row };
  const [other] = await tx.select({ subject: userSsoIdentities.subject }).from(userSsoIdentities)
    .where(and(eq(userSsoIdentities.userId, row.user.id), eq(userSsoIdentities.issuer, assertion.issuer)));
  // The user already signs in as someone else at this service: a second identity with their address is not them.
  return other ? { ok: false, reason: 'linked-to-another', row } : { ok: true, row };
}

/** Audited without the e-mail or subject: the reason and the service only. An unknown person has no authority. */
async function refuse(tx: Tx, assertion: SsoAssertion, reason: SsoRefusal, row: UserRow | null, correlationId: string): Promise<void> {
  const details = { reason, issuer: assertion.issuer };
  if (row) {
    await writeAudit(tx, userActor(row, correlationId), { action: 'sso.refused', subjectType: 'user', subjectId: row.user.id, details });
    return;
  }
  await tx.insert(auditEvents).values({ action: 'sso.refused', correlationId, details: { actorKind: 'anonymous', ...details } });
}

/**
 * An answer from the organisation's service that failed a check (state, nonce, PKCE, signature) or was a refusal
 * there: nobody is known yet, so the row has no user or authority, only what failed.
 */
export async function recordSsoFailure(db: Database, issuer: string, check: string, correlationId: string): Promise<void> {
  await db.transaction((tx) => tx.insert(auditEvents).values({ action: 'sso.refused', correlationId, details: { actorKind: 'anonymous', reason: 'check-failed', check, issuer } }));
}
