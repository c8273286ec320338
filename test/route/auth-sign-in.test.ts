/** Signing in and out: plain error messages, lockout after repeated failures, a new session id at sign-in. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from '../../src/modules/users/users.service.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { Agent, buildTestApp, demoUserEmail } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { errorSummary, inputValue, titleOf } from '../fixtures/html.ts';

const SESSION_COOKIE = 'homeward.sid';

describeEachDatabase('sign in and sign out', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use());
  });
  afterAll(() => app.close());

  const sessionIdOf = (cookies: { name: string; value: string }[]) => cookies.find((c) => c.name === SESSION_COOKIE)?.value.split('.')[0];

  it('asks for both fields when they are left blank', async () => {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(titleOf(res.body)).toBe('Error: Sign in – Homeward');
    expect(errorSummary(res.body)).toEqual([['#email', 'Enter your e-mail address'], ['#password', 'Enter your password']]);
  });

  it('says the e-mail or password is wrong without saying which, and keeps the e-mail', async () => {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const email = demoUserEmail('missing_officer');
    const res = await agent.post('/sign-in', { email, password: 'not-the-password' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([['#email', 'Enter a correct e-mail address and password']]);
    expect(inputValue(res.body, 'email')).toBe(email);
    expect(inputValue(res.body, 'password')).toBe('');
    const unknown = await agent.post('/sign-in', { email: 'nobody@county.example', password: 'not-the-password' });
    expect(errorSummary(unknown.body)).toEqual([['#email', 'Enter a correct e-mail address and password']]);
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} failures, even against the right password`, async () => {
    const email = `lockout.${Date.now()}@county.example`;
    const password = 'a-long-enough-password';
    await addUser(use(), null, { email, displayName: 'Lockout Tester', role: 'social_worker', authorityCode: '891', agencyName: 'Demo County Children’s Services', password });
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const messages: string[] = [];
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      const res = await agent.post('/sign-in', { email, password: `wrong-${i}` });
      messages.push(errorSummary(res.body)[0]?.[1] ?? '');
    }
    const locked = `Your account is locked after too many attempts. Try again in ${LOCKOUT_MINUTES} minutes or ask your administrator.`;
    expect(messages).toEqual([...Array<string>(MAX_FAILED_SIGN_INS - 1).fill('Enter a correct e-mail address and password'), locked]);

    const right = await agent.post('/sign-in', { email, password });
    expect(right.statusCode).toBe(400);
    expect(errorSummary(right.body)).toEqual([['#email', locked]]);
  });

  it('gives a new session id at sign-in, so a session id planted beforehand is worthless', async () => {
    const agent = new Agent(app);
    const page = await agent.get('/sign-in');
    const before = sessionIdOf(page.cookies);
    expect(before).toBeTruthy();
    const plantedCookie = page.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';

    const res = await agent.post('/sign-in', { email: demoUserEmail('missing_officer'), password: DEMO_PASSWORD });

    expect(res.statusCode).toBe(302);
    const after = sessionIdOf(res.cookies);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((await agent.get('/missing-now')).statusCode).toBe(200);
    const planted = await app.inject({ method: 'GET', url: '/missing-now', cookies: { [SESSION_COOKIE]: plantedCookie } });
    expect(planted.statusCode).toBe(302);
    expect(planted.headers.location).toBe('/sign-in');
  });

  it('returns to the page that was asked for after signing in', async () => {
    const agent = new Agent(app);
    const asked = await agent.get('/notifications/upload');
    expect(asked.headers.location).toBe('/sign-in');
    await agent.get('/sign-in');
    const res = await agent.post('/sign-in', { email: demoUserEmail('missing_officer'), password: DEMO_PASSWORD });
    expect(res.headers.location).toBe('/notifications/upload');
  });

  it('signs out: the session ends and pages ask to sign in again', async () => {
    const agent = new Agent(app);
    await agent.get('/sign-in');
    const signIn = await agent.post('/sign-in', { email: demoUserEmail('missing_officer'), password: DEMO_PASSWORD });
    const cookies = { [SESSION_COOKIE]: signIn.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '' };
    expect((await app.inject({ method: 'GET', url: '/missing-now', cookies })).statusCode).toBe(200);
    await agent.get('/missing-now');
    const res = await agent.post('/sign-out', {});
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in');
    const after = await agent.get('/missing-now');
    expect(after.statusCode).toBe(302);
    expect(after.headers.location).toBe('/sign-in');
    // The session is gone on the server too: the old cookie, sent again, no longer signs anyone in.
    const replayed = await app.inject({ method: 'GET', url: '/missing-now', cookies });
    expect(replayed.headers.location).toBe('/sign-in');
  });
});
