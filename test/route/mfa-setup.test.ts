/**
 * Setting up two-step verification: the app is saved only once it has shown a right code; recovery codes are
 * shown once and can be replaced; an authority that requires it makes people set it up before anything else.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, sessions, userMfa, userRecoveryCodes } from '../../src/db/schema.ts';
import { totpCode } from '../../src/modules/users/mfa-totp.ts';
import { setMfaRequired } from '../../src/modules/users/mfa-settings.service.ts';
import { errorSummary, titleOf, visibleText } from '../fixtures/html.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { enrolMfa, newUser, PASSWORD, recoveryCodesFrom, secretFrom, sessionIdOf, StepClock } from './mfa-support.ts';

describeEachDatabase('setting up two-step verification', (use) => {
  let app: FastifyInstance;
  const clock = new StepClock();

  beforeAll(async () => {
    app = await buildTestApp(use(), clock.now);
  });
  afterAll(() => app.close());

  async function signedIn(email: string, secret?: string): Promise<Agent> {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email, password: PASSWORD });
    if (secret) {
      expect(res.headers.location).toBe('/sign-in/mfa');
      await agent.get('/sign-in/mfa');
      clock.tick();
      expect((await agent.post('/sign-in/mfa', { code: totpCode(secret, clock.now()) })).headers.location).toBe('/');
    }
    return agent;
  }

  it('saves the app only after a right code from it, then shows ten recovery codes once', async () => {
    const user = await newUser(use());
    const agent = await signedIn(user.email);
    expect(visibleText((await agent.get('/account/security')).body)).toContain('Two-step verification Off');

    const page = await agent.get('/account/mfa/setup');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img id="qr-code" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    const secret = secretFrom(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // A reload shows the same key, so an app that scanned the first one still matches.
    expect(secretFrom((await agent.get('/account/mfa/setup')).body)).toBe(secret);
    // The key being set up is not in the session store in clear.
    expect(JSON.stringify(await use().read((q) => q.select().from(sessions)))).not.toContain(secret);

    const wrong = await agent.post('/account/mfa/setup', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual([['#code', 'The code is not right: enter the 6 digits your app shows now']]);
    expect(secretFrom(wrong.body)).toBe(secret);
    expect(await use().read((q) => q.select().from(userMfa).where(eq(userMfa.userId, user.id)))).toEqual([]);

    const done = await agent.post('/account/mfa/setup', { code: totpCode(secret, clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(visibleText(done.body)).toContain('Two-step verification is on');
    const codes = recoveryCodesFrom(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    expect(visibleText((await agent.get('/account/security')).body)).toContain('Recovery codes left 10 of 10');
    // At rest: the secret is encrypted and the recovery codes are hashes.
    const [stored] = await use().read((q) => q.select().from(userMfa).where(eq(userMfa.userId, user.id)));
    expect(stored?.secretSealed).not.toContain(secret);
    const hashes = await use().read((q) => q.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id)));
    expect(JSON.stringify(hashes)).not.toContain(codes[0]?.replace(/-/g, ''));
    const audit = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id)));
    expect(audit.map((a) => a.action)).toContain('mfa.enabled');
  });

  it('makes new recovery codes on request: the old ones stop working, the new ones work', async () => {
    const user = await newUser(use());
    const { secret, recoveryCodes: old } = await enrolMfa(use(), user.id, clock.now());
    const agent = await signedIn(user.email, secret);
    await agent.get('/account/security');
    const made = await agent.post('/account/mfa/recovery-codes', {});
    expect(titleOf(made.body)).toBe('Save your new recovery codes – Homeward');
    const fresh = recoveryCodesFrom(made.body);
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);

    const later = new Agent(app);
    await later.get('/sign-in');
    await later.post('/sign-in', { email: user.email, password: PASSWORD });
    await later.get('/sign-in/mfa');
    expect((await later.post('/sign-in/mfa', { code: old[0] ?? '' })).statusCode).toBe(400);
    expect((await later.post('/sign-in/mfa', { code: fresh[0] ?? '' })).headers.location).toBe('/');
    const audit = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id)));
    expect(audit.map((a) => a.action)).toContain('mfa.recovery-codes.regenerated');
  });

  it('replaces the app when a new one is set up: the old app’s codes stop working', async () => {
    const user = await newUser(use());
    const { secret: oldSecret } = await enrolMfa(use(), user.id, clock.now());
    const agent = await signedIn(user.email, oldSecret);
    const page = await agent.get('/account/mfa/setup');
    expect(visibleText(page.body)).toContain('Setting up a new app replaces the one you use now');
    const newSecret = secretFrom(page.body);
    clock.tick();
    expect((await agent.post('/account/mfa/setup', { code: totpCode(newSecret, clock.now()) })).statusCode).toBe(200);

    clock.tick();
    const later = new Agent(app);
    await later.get('/sign-in');
    await later.post('/sign-in', { email: user.email, password: PASSWORD });
    await later.get('/sign-in/mfa');
    expect((await later.post('/sign-in/mfa', { code: totpCode(oldSecret, clock.now()) })).statusCode).toBe(400);
    expect((await later.post('/sign-in/mfa', { code: totpCode(newSecret, clock.now()) })).headers.location).toBe('/');
  });

  it('makes a person whose authority requires it set up an app after the password, before anything else', async () => {
    await setMfaRequired(use(), await actorOf(use(), 'admin', '892'), true);
    const user = await newUser(use(), { authorityCode: '892' });
    const agent = new Agent(app);
    await agent.get('/return-interviews');
    await agent.get('/sign-in');
    const afterPassword = await agent.post('/sign-in', { email: user.email, password: PASSWORD });
    expect(afterPassword.headers.location).toBe('/account/mfa/setup');
    for (const url of ['/', '/missing-now', '/account/security', '/sign-in/mfa']) {
      expect([url, (await agent.get(url)).headers.location]).toEqual([url, '/account/mfa/setup']);
    }
    const page = await agent.get('/account/mfa/setup');
    expect(visibleText(page.body)).toContain('Your authority requires two-step verification. Set it up now to finish signing in');
    const pendingId = sessionIdOf(afterPassword);

    const done = await agent.post('/account/mfa/setup', { code: totpCode(secretFrom(page.body), clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(recoveryCodesFrom(done.body)).toHaveLength(10);
    expect(done.body).toContain('href="/return-interviews"');
    expect(sessionIdOf(done)).toBeTruthy();
    expect(sessionIdOf(done)).not.toBe(pendingId);
    expect((await agent.get('/return-interviews')).statusCode).toBe(200);

    // Next time, the code is asked for.
    const next = new Agent(app);
    await next.get('/sign-in');
    expect((await next.post('/sign-in', { email: user.email, password: PASSWORD })).headers.location).toBe('/sign-in/mfa');
  });
});
