/**
 * The second-factor and single sign-on services against the database: codes sent at the same moment are spent
 * once, the secret at rest opens only for its user with the right key, settings are merged, identities link once.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { authorities } from '../../src/db/schema.ts';
import { secretBox } from '../../src/modules/users/mfa-secret.ts';
import { mfaRequiredFor, setMfaRequired } from '../../src/modules/users/mfa-settings.service.ts';
import { totpCode } from '../../src/modules/users/mfa-totp.ts';
import { verifySecondFactor } from '../../src/modules/users/mfa.service.ts';
import { signInWithSso } from '../../src/modules/users/sso.service.ts';
import { actorForUser } from '../../src/modules/users/users.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { enrolMfa, newUser, testBox } from '../route/mfa-support.ts';

const AT = new Date('2026-11-20T10:00:00Z');
const NEXT_STEP = new Date(AT.getTime() + 30_000);

describeEachDatabase('second factor and single sign-on services', (use) => {
  async function enrolled() {
    const user = await newUser(use());
    const { secret, recoveryCodes } = await enrolMfa(use(), user.id, AT);
    const actor = await actorForUser(use(), user.id, 'test');
    if (!actor) throw new Error('no actor');
    return { actor, secret, recoveryCodes };
  }

  it('accepts a code sent twice at the same moment only once', async () => {
    const { actor, secret } = await enrolled();
    const code = totpCode(secret, NEXT_STEP);
    const results = await Promise.all([1, 2].map(() => verifySecondFactor(use(), testBox, actor, code, NEXT_STEP, 'user.signed-in')));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason)).sort()).toEqual(['ok', 'used']);
  });

  it('spends a recovery code sent twice at the same moment only once', async () => {
    const { actor, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3] ?? '';
    const results = await Promise.all([1, 2].map(() => verifySecondFactor(use(), testBox, actor, code, NEXT_STEP, 'user.signed-in')));
    expect(results.map((r) => (r.ok ? r.via : r.reason)).sort()).toEqual(['invalid', 'recovery-code']);
  });

  it('seals the secret for one user under one key: another user, another key or a changed byte opens nothing', () => {
    const sealed = testBox.seal('JBSWY3DPEHPK3PXP', 'user-a');
    expect(testBox.open(sealed, 'user-a')).toBe('JBSWY3DPEHPK3PXP');
    expect(testBox.open(sealed, 'user-b')).toBeNull();
    expect(secretBox('another-session-secret-of-at-least-32-characters').open(sealed, 'user-a')).toBeNull();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(testBox.open(flipped, 'user-a')).toBeNull();
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('keeps the authority’s other settings when the requirement changes', async () => {
    await use().transaction((tx) => tx.update(authorities).set({ settings: { retentionYears: 7, security: { note: 'kept' } } }).where(eq(authorities.code, '892')));
    await setMfaRequired(use(), await actorOf(use(), 'admin', '892'), true);
    const [row] = await use().read((q) => q.select().from(authorities).where(eq(authorities.code, '892')));
    expect(row?.settings).toEqual({ retentionYears: 7, security: { note: 'kept', mfaRequired: true } });
    expect(await use().read((q) => mfaRequiredFor(q, '892'))).toBe(true);
    await expect(setMfaRequired(use(), await actorOf(use(), 'missing_officer', '892'), false)).rejects.toThrow();
  });

  it('links an organisation identity to the user on first match, and refuses a second identity claiming the same address', async () => {
    const user = await newUser(use());
    const issuer = 'https://login.county.example';
    const first = await signInWithSso(use(), { issuer, subject: 'subject-1', email: user.email, emailVerified: true, amr: [] }, 'test');
    expect(first).toEqual({ ok: true, userId: user.id, secondFactor: 'none' });
    const second = await signInWithSso(use(), { issuer, subject: 'subject-2', email: user.email, emailVerified: true, amr: [] }, 'test');
    expect(second).toEqual({ ok: false, reason: 'linked-to-another' });
    // At another organisation service the same address is a first match again.
    const elsewhere = await signInWithSso(use(), { issuer: 'https://login.other.example', subject: 'subject-2', email: user.email, emailVerified: true, amr: [] }, 'test');
    expect(elsewhere.ok).toBe(true);
  });
});
