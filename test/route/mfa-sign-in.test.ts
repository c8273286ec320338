/**
 * Signing in with a second factor: after the password nothing is reachable until a code from the app (or a
 * recovery code) is given; wrong codes count toward the lockout; a code is never accepted twice; the session id
 * changes when the person is in.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { totpCode } from '../../src/modules/users/mfa-totp.ts';
import { MAX_FAILED_SIGN_INS } from '../../src/modules/users/users.service.ts';
import { errorSummary, titleOf, visibleText } from '../fixtures/html.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { enrolMfa, newUser, PASSWORD, SESSION_COOKIE, sessionIdOf, StepClock, type TestUser } from './mfa-support.ts';

const WRONG = 'The code is not right. Enter the 6-digit code your app shows now, or a recovery code';
const LOCKED = 'Your account is locked after too many attempts. Try again in 15 minutes or ask your administrator.';

describeEachDatabase('signing in with a second factor', (use) => {
  let app: FastifyInstance;
  const clock = new StepClock();

  beforeAll(async () => {
    app = await buildTestApp(use(), clock.now);
  });
  afterAll(() => app.close());

  /** A new user with an app; the clock moves past the step used to set it up. */
  async function userWithApp(): Promise<TestUser & { secret: string; recoveryCodes: string[] }> {
    const user = await newUser(use());
    const enrolled = await enrolMfa(use(), user.id, clock.now());
    clock.tick();
    return { ...user, ...enrolled };
  }

  async function password(agent: Agent, email: string, pass = PASSWORD) {
    await agent.get('/sign-in');
    return agent.post('/sign-in', { email, password: pass });
  }

  async function code(agent: Agent, value: string) {
    await agent.get('/sign-in/mfa');
    return agent.post('/sign-in/mfa', { code: value });
  }

  it('after the password, sends every page to the code page until the code is given, then to the page first asked for', async () => {
    const user = await userWithApp();
    const agent = new Agent(app);
    await agent.get('/notifications/upload');
    const res = await password(agent, user.email);
    expect(res.headers.location).toBe('/sign-in/mfa');
    for (const url of ['/', '/missing-now', '/children', '/account/security', '/account/mfa/setup', '/alerts']) {
      const page = await agent.get(url);
      expect([url, page.statusCode, page.headers.location]).toEqual([url, 302, '/sign-in/mfa']);
    }
    const form = await agent.get('/sign-in/mfa');
    expect(titleOf(form.body)).toBe('Enter a code from your authenticator app – Homeward');
    expect(visibleText(form.body)).not.toContain('Missing now');
    expect((await agent.post('/notifications/new', { police_reference: 'X' })).headers.location).toBe('/sign-in/mfa');

    await agent.get('/sign-in/mfa');
    const done = await agent.post('/sign-in/mfa', { code: totpCode(user.secret, clock.now()) });
    expect([done.statusCode, done.headers.location]).toEqual([302, '/notifications/upload']);
    expect((await agent.get('/missing-now')).statusCode).toBe(200);
  });

  it('gives a new session id once the code is accepted: the id of the half-signed-in session is worthless', async () => {
    const user = await userWithApp();
    const agent = new Agent(app);
    const afterPassword = await password(agent, user.email);
    const pendingCookie = afterPassword.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const done = await code(agent, totpCode(user.secret, clock.now()));
    expect(done.headers.location).toBe('/');
    expect(sessionIdOf(done)).toBeTruthy();
    expect(sessionIdOf(done)).not.toBe(pendingCookie.split('.')[0]);
    const replayed = await app.inject({ method: 'GET', url: '/missing-now', cookies: { [SESSION_COOKIE]: pendingCookie } });
    expect(replayed.headers.location).toBe('/sign-in');
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} wrong codes, audits each without the code, and then refuses even the right password`, async () => {
    const user = await userWithApp();
    const agent = new Agent(app);
    await password(agent, user.email);
    const messages: string[] = [];
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      const res = await code(agent, `00000${i}`);
      messages.push(`${res.statusCode} ${errorSummary(res.body)[0]?.[1] ?? ''}`);
    }
    expect(messages).toEqual([...Array<string>(MAX_FAILED_SIGN_INS - 1).fill(`400 ${WRONG}`), `400 ${LOCKED}`]);
    // Locked out of the code page too: the half-signed-in session has ended.
    expect((await agent.get('/sign-in/mfa')).headers.location).toBe('/sign-in');
    expect(errorSummary((await password(agent, user.email)).body)).toEqual([['#email', LOCKED]]);

    const failed = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.userId, user.id)));
    expect(failed.filter((a) => a.action === 'mfa.failed')).toHaveLength(MAX_FAILED_SIGN_INS);
    expect(failed.map((a) => a.action)).toContain('user.locked-out');
    expect(JSON.stringify(failed)).not.toMatch(/00000\d/);
  });

  it('counts wrong passwords and wrong codes together: the right password does not wipe the count', async () => {
    const user = await userWithApp();
    const agent = new Agent(app);
    for (const wrong of ['wrong-password-1', 'wrong-password-2']) expect((await password(agent, user.email, wrong)).statusCode).toBe(400);
    expect((await password(agent, user.email)).headers.location).toBe('/sign-in/mfa');
    expect(errorSummary((await code(agent, '111111')).body)).toEqual([['#code', WRONG]]);
    expect(errorSummary((await code(agent, '222222')).body)).toEqual([['#code', WRONG]]);
    expect(errorSummary((await code(agent, '333333')).body)).toEqual([['#email', LOCKED]]);
  });

  it('refuses a right code a second time in the same step, and takes the next step’s code', async () => {
    const user = await userWithApp();
    const first = new Agent(app);
    await password(first, user.email);
    const used = totpCode(user.secret, clock.now());
    expect((await code(first, used)).headers.location).toBe('/');

    const second = new Agent(app);
    await password(second, user.email);
    const again = await code(second, used);
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body)).toEqual([['#code', 'That code has been used already. Wait for your app to show a new code and enter that']]);
    clock.tick();
    expect((await code(second, totpCode(user.secret, clock.now()))).headers.location).toBe('/');
  });

  it('takes a recovery code instead of the app’s code, once only', async () => {
    const user = await userWithApp();
    const [recovery = '', another = ''] = user.recoveryCodes;
    const first = new Agent(app);
    await password(first, user.email);
    // Typed as people do: upper case, spaces for dashes.
    expect((await code(first, recovery.toUpperCase().replace(/-/g, ' '))).headers.location).toBe('/');

    const second = new Agent(app);
    await password(second, user.email);
    expect(errorSummary((await code(second, recovery)).body)).toEqual([['#code', WRONG]]);
    expect((await code(second, another)).headers.location).toBe('/');
    const security = await second.get('/account/security');
    expect(visibleText(security.body)).toContain('Recovery codes left 8 of 10');
  });

  it('lets a person cancel at the code page: signing out ends the half-signed-in session', async () => {
    const user = await userWithApp();
    const agent = new Agent(app);
    await password(agent, user.email);
    await agent.get('/sign-in/mfa');
    const out = await agent.post('/sign-out', {});
    expect(out.headers.location).toBe('/sign-in');
    expect((await agent.get('/sign-in/mfa')).headers.location).toBe('/sign-in');
    expect((await agent.get('/missing-now')).headers.location).toBe('/sign-in');
  });
});

describeEachDatabase('the code form is rate-limited like the password form', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use());
  });
  afterAll(() => app.close());

  it('turns away the 21st try in a minute from one address', async () => {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await agent.post('/sign-in/mfa', { code: '123456' })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(titleOf(agent.lastHtml)).toBe('Too many requests – Homeward');
  });
});
