/**
 * The vocabulary of the access matrix (access-matrix.ts and its per-area parts): subjects, outcomes, and the
 * shapes of expectation that most routes take.
 */
import { ROLES, type Role } from '../../src/modules/access/actor.ts';
import type { Action } from '../../src/modules/access/policy.ts';

export const SUBJECTS = [...ROLES, 'anonymous', 'api-key'] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * allow: the route let them in (a page, a redirect that is not to sign-in, or a 4xx about the request itself:
 * 400/404/409/422, since the checks below run before any lookup); deny: 403; sign-in: 302 to /sign-in;
 * unauthorised: 401 from the API; no-form-token: 403 because the form carried no valid CSRF token (a caller with
 * no session cannot have one).
 */
export type Outcome = 'allow' | 'deny' | 'sign-in' | 'unauthorised' | 'no-form-token';

export interface Expectation {
  /** The policy action(s) the route's service asserts; the allowed roles must be exactly those holding all of them. */
  actions: readonly Action[];
  outcomes: Record<Subject, Outcome>;
  /** API routes: the role an API key acts as (its police force), checked against `actions` instead of the session roles. */
  apiKeyRole?: Role;
}

export const MO: Role = 'missing_officer';
export const SW: Role = 'social_worker';
export const PO: Role = 'police';
export const MG: Role = 'manager';
export const AD: Role = 'admin';
export const RW: Role = 'rhi_worker';
export const EL: Role = 'exploitation_lead';
export const EVERY_ROLE: readonly Role[] = ROLES;

/** A page for signed-in users: the roles named may use it, other roles get 403, everyone else is sent to sign in. */
export function page(actions: readonly Action[], allowed: readonly Role[]): Expectation {
  const outcomes = Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'allow' : 'deny'])) as Record<Subject, Outcome>;
  return { actions, outcomes: { ...outcomes, anonymous: 'sign-in', 'api-key': 'sign-in' } };
}

/** Open to anyone: sign-in, health, the child's and the other authority's one-time-link pages. */
export function open(): Expectation {
  return { actions: [], outcomes: Object.fromEntries(SUBJECTS.map((s) => [s, 'allow'])) as Record<Subject, Outcome> };
}

/** A public form: anyone with a page of it may post; an API key has no session, so no form token, and is refused. */
export function openForm(): Expectation {
  const { outcomes } = open();
  return { actions: [], outcomes: { ...outcomes, 'api-key': 'no-form-token' } };
}

/** The API answers only to a key: a browser session is not enough (401), whatever the role. A key acts as its police force. */
export function api(actions: readonly Action[]): Expectation {
  const outcomes = Object.fromEntries(SUBJECTS.map((s) => [s, 'unauthorised'])) as Record<Subject, Outcome>;
  return { actions, outcomes: { ...outcomes, 'api-key': 'allow' }, apiKeyRole: PO };
}

export const CASEWORK: readonly Role[] = [MO, SW, PO];
