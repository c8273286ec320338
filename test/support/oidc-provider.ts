/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified library) on 127.0.0.1 for the single
 * sign-on tests: one client, synthetic accounts kept in memory, and a minimal login page that the test fills in
 * (which account signs in, and how the provider says it authenticated them: the ID token's `amr`).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  emailVerified: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** How many times the discovery document was asked for. */
  discoveryRequests(): number;
  /** Adds a synthetic person at the provider; returns their subject. */
  addAccount(account: TestAccount): string;
  /** Changes what the provider says about a person (their e-mail address moves, say). */
  updateAccount(subject: string, account: TestAccount): void;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, TestAccount>();
  const clientId = 'homeward-test';
  const clientSecret = randomUUID() + randomUUID();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-signing-key' }] },
    cookies: { keys: [randomUUID()] },
    // amr listed with the openid scope: the ID token then says how the person was authenticated (['pwd', 'mfa']).
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: account.emailVerified }) } : undefined;
    },
  });
  const handle = provider.callback();
  let discoveries = 0;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/.well-known/openid-configuration') discoveries++;
    if (!req.url?.startsWith('/interaction/')) return void handle(req, res);
    interaction(provider, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer, clientId, clientSecret,
    discoveryRequests: () => discoveries,
    addAccount(account) {
      const sub = `subject-${randomUUID()}`;
      accounts.set(sub, account);
      return sub;
    },
    updateAccount: (subject, account) => void accounts.set(subject, account),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The provider's own login page: GET shows a form; POST signs the chosen account in and gives consent. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method !== 'POST') {
    res.setHeader('content-type', 'text/html');
    res.end(`<form method="post" action="/interaction/${details.uid}"><input name="account"><input name="amr"><button>Sign in</button></form>`);
    return;
  }
  const form = new URLSearchParams(await bodyOf(req));
  const accountId = form.get('account') ?? '';
  const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  const amr = form.get('amr') ? (form.get('amr') ?? '').split(',') : undefined;
  await provider.interactionFinished(req, res, { login: { accountId, ...(amr ? { amr } : {}) }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A browser at the provider: follows its redirects carrying its cookies, fills in the login page for the account
 * (with `amr` if given), and stops at the first address outside the provider (the app's callback), returned.
 */
export async function signInAtProvider(provider: TestOidcProvider, authorizationUrl: string, login: { subject: string; amr?: string[] }): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== provider.issuer) return url;
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET', redirect: 'manual', body: form ?? undefined,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    form = null;
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => /expires=.*1970/i.test(a)) || !value) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    if (res.status !== 200 || !url.pathname.startsWith('/interaction/')) throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    form = new URLSearchParams({ account: login.subject, amr: (login.amr ?? []).join(',') });
  }
  throw new Error('too many redirects at the provider');
}
