/**
 * Single sign-on where the authority requires a second factor: the organisation's own second factor (the ID
 * token's amr) is accepted; without it Homeward asks for its code. And an organisation service that cannot be
 * reached gives a clear page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCode } from '../../src/modules/users/mfa-totp.ts';
import { setMfaRequired } from '../../src/modules/users/mfa-settings.service.ts';
import { titleOf, visibleText } from '../fixtures/html.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { enrolMfa, newUser, StepClock } from './mfa-support.ts';

const PUBLIC_URL = 'http://homeward.test';
const oidcEnv = (issuer: string, clientId = 'homeward-test', secret = 'not-used-here') => ({
  HOMEWARD_PUBLIC_URL: PUBLIC_URL, HOMEWARD_OIDC_ISSUER: issuer, HOMEWARD_OIDC_CLIENT_ID: clientId, HOMEWARD_OIDC_CLIENT_SECRET: secret, HOMEWARD_OIDC_LABEL: 'Demo City Council',
});

describeEachDatabase('single sign-on where the authority requires a second factor', (use) => {
  let provider: TestOidcProvider;
  let app: FastifyInstance;
  const clock = new StepClock();

  beforeAll(async () => {
    provider = await startOidcProvider(`${PUBLIC_URL}/sign-in/sso/callback`);
    app = await buildTestApp(use(), clock.now, { env: oidcEnv(provider.issuer, provider.clientId, provider.clientSecret) });
    await setMfaRequired(use(), await actorOf(use(), 'admin', '892'), true);
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  async function ssoSignIn(agent: Agent, email: string, amr: string[]) {
    const start = await agent.get('/sign-in/sso');
    const callback = await signInAtProvider(provider, String(start.headers.location), { subject: provider.addAccount({ email, emailVerified: true }), amr });
    return agent.get(callback.pathname + callback.search);
  }

  it('accepts the organisation’s own second factor (amr mfa, otp or hwk): no Homeward code is asked', async () => {
    for (const amr of [['pwd', 'mfa'], ['otp'], ['hwk']]) {
      const user = await newUser(use(), { authorityCode: '892' });
      const agent = new Agent(app);
      const landed = await ssoSignIn(agent, user.email, amr);
      expect([amr, landed.statusCode, landed.headers.location]).toEqual([amr, 302, '/']);
      expect((await agent.get('/missing-now')).statusCode).toBe(200);
    }
  });

  it('asks for the code from Homeward’s app when the organisation says only a password was used', async () => {
    const user = await newUser(use(), { authorityCode: '892' });
    const { secret } = await enrolMfa(use(), user.id, clock.now());
    clock.tick();
    const agent = new Agent(app);
    const landed = await ssoSignIn(agent, user.email, ['pwd']);
    expect(landed.headers.location).toBe('/sign-in/mfa');
    expect((await agent.get('/missing-now')).headers.location).toBe('/sign-in/mfa');
    await agent.get('/sign-in/mfa');
    const done = await agent.post('/sign-in/mfa', { code: totpCode(secret, clock.now()) });
    expect([done.statusCode, done.headers.location]).toEqual([302, '/']);
    expect((await agent.get('/missing-now')).statusCode).toBe(200);
  });

  it('makes a person without an app set one up when the organisation gave no second factor', async () => {
    const user = await newUser(use(), { authorityCode: '892' });
    const agent = new Agent(app);
    const landed = await ssoSignIn(agent, user.email, []);
    expect(landed.headers.location).toBe('/account/mfa/setup');
    expect((await agent.get('/children')).headers.location).toBe('/account/mfa/setup');
    expect(titleOf((await agent.get('/account/mfa/setup')).body)).toBe('Set up two-step verification – Homeward');
  });
});

describeEachDatabase('single sign-on when the organisation’s service cannot be reached', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    // A port that was just free: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    app = await buildTestApp(use(), undefined, { env: oidcEnv(`http://127.0.0.1:${port}`) });
  });
  afterAll(() => app.close());

  it('says so on a clear page, offers the password instead, and shows no technical detail', async () => {
    const res = await app.inject('/sign-in/sso');
    expect(res.statusCode).toBe(503);
    expect(titleOf(res.body)).toBe('Signing in with your organisation is not available – Homeward');
    const text = visibleText(res.body);
    expect(text).toContain('Homeward could not reach the service that signs you in with Demo City Council. Try again in a few minutes.');
    expect(text).toContain('sign in with your e-mail address and password');
    expect(text).not.toMatch(/ECONNREFUSED|fetch failed|at .*\.js/);
    // The password still works meanwhile.
    expect((await new Agent(app).signIn('missing_officer')).cookieHeader()).toContain('homeward.sid');
  });
});
