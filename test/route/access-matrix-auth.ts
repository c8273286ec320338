/** The access matrix for: multi-factor authentication and single sign-on (issue 6). */
import { ROLES } from '../../src/modules/access/actor.ts';
import { AD, EVERY_ROLE, open, page, type Expectation, type Outcome, type Subject } from './access-matrix-support.ts';

/**
 * The code page is for someone half way through signing in. Anyone already signed in is sent home (let in);
 * someone who has not given a password, or an API key, is sent to sign in. An API key has no session, so its
 * post carries no form token.
 */
function secondStep(method: 'GET' | 'POST'): Expectation {
  const roles = Object.fromEntries(ROLES.map((r) => [r, 'allow'])) as Record<Subject, Outcome>;
  return { actions: [], outcomes: { ...roles, anonymous: 'sign-in', 'api-key': method === 'POST' ? 'no-form-token' : 'sign-in' } };
}

export const AUTH_ROUTES: Record<string, Expectation> = {
  'GET /sign-in/mfa': secondStep('GET'),
  'POST /sign-in/mfa': secondStep('POST'),
  // Single sign-on is off in the matrix's app (no issuer configured): both answer "not found" to anyone. When it is
  // on, starting is open to anyone and the callback trusts nothing but the checks kept in the browser's session.
  'GET /sign-in/sso': open(),
  'GET /sign-in/sso/callback': open(),
  // A person's own sign-in security: every signed-in person, whatever their role (no policy action: it is their own).
  'GET /account/security': page([], EVERY_ROLE),
  'GET /account/mfa/setup': page([], EVERY_ROLE),
  'POST /account/mfa/setup': page([], EVERY_ROLE),
  'POST /account/mfa/recovery-codes': page([], EVERY_ROLE),
  // The authority's settings: the administrator (user:manage).
  'GET /admin/security': page(['user:manage'], [AD]),
  'POST /admin/security': page(['user:manage'], [AD]),
  'POST /admin/security/mfa-reset': page(['user:manage'], [AD]),
};
