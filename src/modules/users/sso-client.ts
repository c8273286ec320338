/**
 * The OpenID Connect client (openid-client): the authorization code flow with PKCE, state and nonce. The issuer's
 * discovery document is fetched once and kept; a failed fetch is not kept, so the next sign-in tries again.
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.ts';

/** The organisation's sign-in service could not be reached (or answered nonsense). */
export class SsoUnavailable extends Error {
  constructor() {
    super('The organisation sign-in service could not be reached');
    this.name = 'SsoUnavailable';
  }
}

/** The answer that came back failed a check (state, nonce, PKCE, signature) or was a refusal by the service. */
export class SsoResponseRefused extends Error {
  constructor(readonly code: string) {
    super(`The organisation sign-in did not complete (${code})`);
    this.name = 'SsoResponseRefused';
  }
}

/** What the browser's session keeps between leaving for the organisation's service and coming back. */
export interface SsoChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface SsoAssertion {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** How the organisation authenticated the person (the ID token's `amr`), e.g. ['pwd', 'mfa']. */
  amr: string[];
}

const isNetworkFailure = (error: unknown) =>
  (error instanceof TypeError && /fetch failed/i.test(error.message)) || (error instanceof Error && ['TimeoutError', 'AbortError'].includes(error.name));

export class SsoClient {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    readonly settings: OidcConfig,
    private readonly redirectUri: string,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, allowHttp } = this.settings;
    this.discovered ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), { timeout: 10, ...(allowHttp ? { execute: [oidc.allowInsecureRequests] } : {}) })
      .catch(() => {
        this.discovered = null;
        throw new SsoUnavailable();
      });
    return this.discovered;
  }

  /** The address to send the browser to, and the checks to keep in its session. */
  async start(): Promise<{ url: string; checks: SsoChecks }> {
    const config = await this.configuration();
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri, scope: 'openid email', response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier), code_challenge_method: 'S256', state: checks.state, nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  /** Exchanges the code in the callback address for the person's verified identity. */
  async finish(callbackUrl: URL, checks: SsoChecks): Promise<SsoAssertion> {
    const config = await this.configuration();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true });
      const claims = tokens.claims();
      if (!claims) throw new SsoResponseRefused('no-id-token');
      let { email, email_verified: emailVerified } = claims;
      // Many services put the e-mail in the userinfo answer rather than in the ID token.
      if (typeof email !== 'string') ({ email, email_verified: emailVerified } = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub));
      const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : [];
      return { issuer: claims.iss, subject: claims.sub, email: typeof email === 'string' ? email.toLowerCase() : null, emailVerified: emailVerified === true, amr };
    } catch (error) {
      if (error instanceof SsoResponseRefused) throw error;
      if (isNetworkFailure(error)) throw new SsoUnavailable();
      throw new SsoResponseRefused(errorCode(error));
    }
  }
}

/** A short code for the log and the audit: the OAuth error ("access_denied") or the library's check that failed. */
function errorCode(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) return error.error;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'invalid-response';
}
