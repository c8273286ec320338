/**
 * Shared by the second-factor and single sign-on route tests: a clock that moves one 30-second step at a time,
 * new users (so each test's lockout and codes are its own), an authenticator app set up through the services,
 * and reading what a person would copy off a page.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import type { Role } from '../../src/modules/access/actor.ts';
import { DEMO_AUTHORITIES } from '../../src/modules/demo/reference-data.ts';
import { secretBox } from '../../src/modules/users/mfa-secret.ts';
import { totpCode } from '../../src/modules/users/mfa-totp.ts';
import { beginSetup, confirmSetup } from '../../src/modules/users/mfa.service.ts';
import { actorForUser, addUser } from '../../src/modules/users/users.service.ts';

export const SESSION_COOKIE = 'homeward.sid';
export const PASSWORD = 'a-long-enough-password';

/** The app's "now" for codes: tests move it on a step when they need a code not used before. */
export class StepClock {
  private at = new Date('2026-11-20T10:00:00Z');
  readonly now = () => this.at;
  tick(): void {
    this.at = new Date(this.at.getTime() + 30_000);
  }
}

/** The same key the test app derives from its (development) session secret. */
export const testBox = secretBox(loadConfig({ NODE_ENV: 'test' }).sessionSecret);

export interface TestUser {
  id: string;
  email: string;
}

export async function newUser(db: Database, options: { role?: Role; authorityCode?: '891' | '892'; emailLocal?: string } = {}): Promise<TestUser> {
  const authority = DEMO_AUTHORITIES.find((a) => a.code === (options.authorityCode ?? '891'));
  if (!authority) throw new Error('no such demo authority');
  const email = `${options.emailLocal ?? 'tester'}.${randomUUID().slice(0, 8)}@${authority.domain}`;
  const agencyName = authority.agencies[0]?.name ?? '';
  const id = await addUser(db, null, { email, displayName: 'Test Person', role: options.role ?? 'social_worker', authorityCode: authority.code, agencyName, password: PASSWORD });
  return { id, email };
}

/** Sets up an authenticator app for the user as the setup page would; returns its secret and recovery codes. */
export async function enrolMfa(db: Database, userId: string, at: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const actor = await actorForUser(db, userId, 'test-enrol');
  if (!actor) throw new Error('no such user');
  const sealed = beginSetup(testBox, actor);
  const secret = testBox.open(sealed, userId) ?? '';
  const recoveryCodes = await confirmSetup(db, testBox, actor, { sealed, code: totpCode(secret, at) }, at);
  return { secret, recoveryCodes };
}

/** The key shown as text on the setup page, as a person would type it into their app. */
export function secretFrom(html: string): string {
  return (/<code id="secret">([^<]+)<\/code>/.exec(html)?.[1] ?? '').replace(/\s+/g, '');
}

export function recoveryCodesFrom(html: string): string[] {
  const list = /<ul class="govuk-list" id="recovery-codes">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
}

export function sessionIdOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)?.value.split('.')[0];
}
