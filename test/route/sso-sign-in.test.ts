/**
 * Single sign-on against a real OpenID Connect provider started here (oidc-provider on 127.0.0.1): the whole
 * authorization code flow through the app, and each way it must refuse: an unknown person, a disabled account,
 * an answer meant for another browser (state), a token meant for another sign-in (nonce).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, sessions, users, userSsoIdentities } from '../../src/db/schema.ts';
import { titleOf, visibleText } from '../fixtures/html.ts';
import { Agent, buildTestApp, demoUserEmail } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAtProvider, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { newUser, sessionIdOf, SESSION_COOKIE } from './mfa-support.ts';

const PUBLIC_URL = 'http://homeward.test';
const NOT_SET_UP = 'Your organisation account is not set up in Homeward; ask your administrator.';

describeEachDatabase('single sign-on by OpenID Connect', (use) => {
  let provider: TestOidcProvider;
  let app: FastifyInstance;

  beforeAll(async () => {
    provider = await startOidcProvider(`${PUBLIC_URL}/sign-in/sso/callback`);
    app = await buildTestApp(use(), undefined, {
      env: { HOMEWARD_PUBLIC_URL: PUBLIC_URL, HOMEWARD_OIDC_ISSUER: provider.issuer, HOMEWARD_OIDC_CLIENT_ID: provider.clientId, HOMEWARD_OIDC_CLIENT_SECRET: provider.clientSecret, HOMEWARD_OIDC_LABEL: 'Demo County Council' },
    });
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  /** Leaves the app for the provider, signs in there, and returns the app's callback address it sends the browser to. */
  async function throughProvider(agent: Agent, subject: string, amr?: string[]): Promise<string> {
    const start = await agent.get('/sign-in/sso');
    expect(start.statusCode).toBe(302);
    const callback = await signInAtProvider(provider, String(start.headers.location), { subject, ...(amr ? { amr } : {}) });
    expect(callback.origin).toBe(PUBLIC_URL);
    return callback.pathname + callback.search;
  }

  const auditActions = async (action: string) => use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id)));

  it('offers "Sign in with" the organisation on the sign-in page', async () => {
    const page = await app.inject('/sign-in');
    expect(visibleText(page.body)).toContain('Sign in with Demo County Council');
    expect(page.body).toContain('href="/sign-in/sso"');
  });

  it('signs a known person in through the provider, under a new session id, and remembers their identity', async () => {
    const email = demoUserEmail('missing_officer');
    const subject = provider.addAccount({ email, emailVerified: true });
    const agent = new Agent(app);
    const callbackPath = await throughProvider(agent, subject);
    // The session that left for the provider (it holds the state, nonce and PKCE verifier).
    const before = new RegExp(`${SESSION_COOKIE}=([^.;]+)`).exec(agent.cookieHeader())?.[1];
    expect(before).toBeTruthy();

    const landed = await agent.get(callbackPath);
    expect([landed.statusCode, landed.headers.location]).toEqual([302, '/']);
    expect(sessionIdOf(landed)).toBeTruthy();
    expect(sessionIdOf(landed)).not.toBe(before);
    const board = await agent.get('/missing-now');
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('Signed in as <strong>Alex Morgan</strong>');

    const [linked] = await use().read((q) => q.select().from(userSsoIdentities).where(and(eq(userSsoIdentities.issuer, provider.issuer), eq(userSsoIdentities.subject, subject))));
    expect(linked).toBeDefined();
    const signedIn = (await auditActions('sso.signed-in')).filter((a) => a.userId === linked?.userId);
    expect(signedIn).toHaveLength(1);
    expect(JSON.stringify(signedIn[0]?.details)).not.toContain(email);
  });

  it('knows a linked person by their identity at the provider even after their e-mail there changes', async () => {
    const user = await newUser(use(), { emailLocal: 'renamed' });
    const subject = provider.addAccount({ email: user.email, emailVerified: true });
    const first = new Agent(app);
    expect((await first.get(await throughProvider(first, subject))).headers.location).toBe('/');
    // The same person, now with an address Homeward does not know: the stored (issuer, subject) still matches.
    provider.updateAccount(subject, { email: 'new.name@elsewhere.example', emailVerified: true });
    const again = new Agent(app);
    expect((await again.get(await throughProvider(again, subject))).headers.location).toBe('/');
  });

  it('refuses someone the provider knows but Homeward does not, with a clear page, and audits it without their address', async () => {
    const subject = provider.addAccount({ email: 'new.starter@county.example', emailVerified: true });
    const agent = new Agent(app);
    const res = await agent.get(await throughProvider(agent, subject));
    expect(res.statusCode).toBe(403);
    expect(titleOf(res.body)).toBe('Your organisation account is not set up in Homeward – Homeward');
    expect(visibleText(res.body)).toContain(NOT_SET_UP);
    expect((await agent.get('/missing-now')).headers.location).toBe('/sign-in');
    const refused = await auditActions('sso.refused');
    expect(refused.map((r) => r.details?.reason)).toContain('unknown');
    expect(JSON.stringify(refused)).not.toContain('new.starter');
    expect(await use().read((q) => q.select().from(users).where(eq(users.email, 'new.starter@county.example')))).toEqual([]);
  });

  it('refuses an address the provider has not verified, and a disabled account', async () => {
    const unverified = provider.addAccount({ email: demoUserEmail('social_worker'), emailVerified: false });
    const agent = new Agent(app);
    const res = await agent.get(await throughProvider(agent, unverified));
    expect([res.statusCode, visibleText(res.body).includes(NOT_SET_UP)]).toEqual([403, true]);

    const leaver = await newUser(use(), { emailLocal: 'leaver' });
    await use().transaction((tx) => tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, leaver.id)));
    const other = new Agent(app);
    const refused = await other.get(await throughProvider(other, provider.addAccount({ email: leaver.email, emailVerified: true })));
    expect([refused.statusCode, titleOf(refused.body)]).toEqual([403, 'Your Homeward account is not active – Homeward']);
    expect((await other.get('/missing-now')).headers.location).toBe('/sign-in');
  });

  it('refuses an answer that was meant for another browser (state) or whose state was changed', async () => {
    const subject = provider.addAccount({ email: demoUserEmail('police'), emailVerified: true });
    const victim = new Agent(app);
    await victim.get('/sign-in/sso');
    const attacker = new Agent(app);
    const attackersCallback = await throughProvider(attacker, subject);
    // The attacker's code, delivered to someone else's browser, must not sign that browser in as the attacker.
    const res = await victim.get(attackersCallback);
    expect([res.statusCode, titleOf(res.body)]).toEqual([400, 'Signing in with your organisation did not finish – Homeward']);
    expect((await auditActions('sso.refused')).at(-1)?.details).toMatchObject({ reason: 'check-failed', check: 'OAUTH_INVALID_RESPONSE' });
    expect((await victim.get('/missing-now')).headers.location).toBe('/sign-in');

    const own = new Agent(app);
    const tampered = (await throughProvider(own, subject)).replace(/state=[^&]+/, 'state=not-the-state');
    expect((await own.get(tampered)).statusCode).toBe(400);
    expect((await own.get('/missing-now')).headers.location).toBe('/sign-in');
  });

  it('checks the nonce: an ID token issued for another sign-in attempt is refused', async () => {
    const subject = provider.addAccount({ email: demoUserEmail('police'), emailVerified: true });
    const agent = new Agent(app);
    const callback = await throughProvider(agent, subject);
    // As if the token had been obtained for a different attempt: the nonce this browser expects no longer matches it.
    const sid = agent.cookieHeader().match(new RegExp(`${SESSION_COOKIE}=([^.;]+)`))?.[1] ?? '';
    await use().transaction((tx) => tx.update(sessions).set({ data: sql`jsonb_set(${sessions.data}, '{sso,nonce}', '"another-attempts-nonce"')` }).where(eq(sessions.sid, decodeURIComponent(sid))));
    const res = await agent.get(callback);
    expect(res.statusCode).toBe(400);
    expect((await agent.get('/missing-now')).headers.location).toBe('/sign-in');
    // It was the nonce that failed (a claim of the ID token compared with what this browser expected), and it is audited.
    expect((await auditActions('sso.refused')).at(-1)?.details).toMatchObject({ reason: 'check-failed', check: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' });
  });

  it('fetches the discovery document once and keeps it', async () => {
    const before = provider.discoveryRequests();
    for (let i = 0; i < 3; i++) expect((await new Agent(app).get('/sign-in/sso')).statusCode).toBe(302);
    expect(provider.discoveryRequests()).toBe(before);
  });
});
