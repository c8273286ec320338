/**
 * Who may use which route: the expected outcome of every route of the web app and the API, for every role, for
 * someone not signed in, and for a police force's API key. Written by reading policy.ts and the services that
 * each route calls (the action they assert), never by recording what the app does: a new route must be added here
 * by a person deciding who may use it, or access-matrix.test.ts fails.
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

const MO: Role = 'missing_officer';
const SW: Role = 'social_worker';
const PO: Role = 'police';
const MG: Role = 'manager';
const AD: Role = 'admin';
const RW: Role = 'rhi_worker';
const EVERY_ROLE: readonly Role[] = ROLES;

/** A page for signed-in users: the roles named may use it, other roles get 403, everyone else is sent to sign in. */
function page(actions: readonly Action[], allowed: readonly Role[]): Expectation {
  const outcomes = Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'allow' : 'deny'])) as Record<Subject, Outcome>;
  return { actions, outcomes: { ...outcomes, anonymous: 'sign-in', 'api-key': 'sign-in' } };
}

/** Open to anyone: sign-in, health, the child's and the other authority's one-time-link pages. */
function open(): Expectation {
  return { actions: [], outcomes: Object.fromEntries(SUBJECTS.map((s) => [s, 'allow'])) as Record<Subject, Outcome> };
}

/** A public form: anyone with a page of it may post; an API key has no session, so no form token, and is refused. */
function openForm(): Expectation {
  const { outcomes } = open();
  return { actions: [], outcomes: { ...outcomes, 'api-key': 'no-form-token' } };
}

/** The API answers only to a key: a browser session is not enough (401), whatever the role. A key acts as its police force. */
function api(actions: readonly Action[]): Expectation {
  const outcomes = Object.fromEntries(SUBJECTS.map((s) => [s, 'unauthorised'])) as Record<Subject, Outcome>;
  return { actions, outcomes: { ...outcomes, 'api-key': 'allow' }, apiKeyRole: PO };
}

const CASEWORK = [MO, SW, PO];

export const ACCESS_MATRIX: Record<string, Expectation> = {
  // Signing in and out, home, health.
  'GET /sign-in': open(),
  'POST /sign-in': openForm(),
  // Ending a session always lands on the sign-in page, signed in or not: the response cannot tell them apart.
  'POST /sign-out': { actions: [], outcomes: Object.fromEntries(SUBJECTS.map((s) => [s, 'sign-in'])) as Record<Subject, Outcome> },
  // Home sends each role to its own start page (the manager's is a page of its own).
  'GET /': page([], EVERY_ROLE),
  'GET /health': open(),

  // The board, finding a child, the child record.
  'GET /missing-now': page(['dashboard:view'], CASEWORK),
  'GET /children': page(['child:search'], CASEWORK),
  'GET /children/:id': page(['child:view'], CASEWORK),
  'GET /children/:id/care-status': page(['care-status:record'], [MO, SW]),
  'POST /children/:id/care-status': page(['care-status:record'], [MO, SW]),
  // "Who has seen this child": the data protection officer (admin role) sees who looked, not the record itself.
  'GET /children/:id/access-log': page(['audit:view'], [AD]),

  // Recording notifications by hand or by file.
  'GET /notifications/new': page(['notification:record'], [MO, PO]),
  'POST /notifications/new': page(['notification:record'], [MO, PO]),
  'GET /notifications/upload': page(['notification:import'], [MO, PO]),
  'POST /notifications/upload': page(['notification:import'], [MO, PO]),

  // Working an incident: every form first shows the incident, so child:view is needed as well.
  'GET /incidents/:id': page(['child:view'], CASEWORK),
  'POST /incidents/:id/risk': page(['child:view', 'incident:regrade'], [MO, PO]),
  'GET /incidents/:id/found': page(['child:view', 'incident:mark-found'], CASEWORK),
  'POST /incidents/:id/found': page(['child:view', 'incident:mark-found'], CASEWORK),
  'GET /incidents/:id/correct': page(['child:view', 'incident:correct'], [MO]),
  'POST /incidents/:id/correct': page(['child:view', 'incident:correct'], [MO]),
  'GET /incidents/:id/classification': page(['child:view', 'incident:classify'], [MO]),
  'POST /incidents/:id/classification': page(['child:view', 'incident:classify'], [MO]),
  'POST /possible-matches/:id': page(['possible-match:decide'], [MO]),
  'POST /tasks/:id/complete': page(['task:complete'], [MO, SW]),

  // Multi-agency meetings: the local authority's, read by social workers, run by the Missing Officer.
  'GET /meetings': page(['meeting:view'], [MO, SW]),
  'GET /meetings/:id': page(['meeting:view'], [MO, SW]),
  'POST /meetings/:id/schedule': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/held': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/complete': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/cancel': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/actions/:actionId/done': page(['meeting:manage'], [MO]),

  // Return home interviews and the child's feedback on them.
  'GET /return-interviews': page(['rhi:view'], [MO, SW, RW]),
  'GET /return-interviews/:id': page(['rhi:view'], [MO, SW, RW]),
  'POST /return-interviews/:id': page(['rhi:view', 'rhi:record'], [MO, RW]),
  'GET /return-interviews/:id/feedback': page(['rhi:view'], [MO, SW, RW]),
  'POST /return-interviews/:id/feedback': page(['rhi:view', 'rhi-feedback:record'], [MO, RW]),
  'POST /return-interviews/:id/feedback-link': page(['rhi:view', 'rhi-feedback:record'], [MO, RW]),
  'GET /feedback/:token': open(),
  'POST /feedback/:token': openForm(),

  // The Philomena Protocol profile, Part 2 and the police packet.
  'GET /children/:id/philomena': page(['philomena:view'], CASEWORK),
  'POST /children/:id/philomena': page(['philomena:edit'], [MO, SW]),
  'GET /children/:id/philomena/photo': page(['philomena:view'], CASEWORK),
  'POST /children/:id/philomena/photo': page(['philomena:edit'], [MO, SW]),
  'GET /incidents/:id/philomena': page(['philomena:view'], CASEWORK),
  'POST /incidents/:id/philomena': page(['philomena:edit'], [MO, SW]),
  'GET /incidents/:id/police-packet': page(['philomena:view'], CASEWORK),
  'GET /incidents/:id/police-packet.pdf': page(['philomena:view'], CASEWORK),

  // Alerts. The count and the live stream are asked by every page's layout, so every role gets them (0 / no topics).
  'GET /alerts': page(['alert:view'], [MO, SW, MG, RW]),
  'GET /alerts/count': page([], EVERY_ROLE),
  'POST /alerts/:id/acknowledge': page(['alert:acknowledge'], [MO, SW, MG, RW]),
  'GET /alert-confirmation/:token': open(),
  'POST /alert-confirmation/:token': openForm(),
  'GET /events': page([], EVERY_ROLE),

  // Aggregate reports. Their stylesheet holds no data but is not public either.
  'GET /reports': page(['aggregate:view'], [MO, SW, PO, MG, AD]),
  'GET /reports/:id': page(['aggregate:view'], [MO, SW, PO, MG, AD]),
  'GET /reports/:id/download': page(['aggregate:view'], [MO, SW, PO, MG, AD]),
  'GET /reports/styles.css': page([], EVERY_ROLE),

  // Administration.
  'GET /admin/api-keys': page(['api-key:manage'], [AD]),
  'POST /admin/api-keys': page(['api-key:manage'], [AD]),
  'GET /admin/api-keys/:id/revoke': page(['api-key:manage'], [AD]),
  'POST /admin/api-keys/:id/revoke': page(['api-key:manage'], [AD]),

  // The API: a police force's key acts as that force (role police).
  'GET /api/openapi.json': open(),
  'POST /api/v1/missing-notifications': api(['notification:record']),
  'GET /api/v1/reports/:id': api(['aggregate:view']),
};

/** Served files of the design systems and the app's own scripts: no data, not access-checked. */
export const STATIC_PREFIXES = ['/assets/', '/static/', '/moj/'];

/**
 * Where the app today does something other than what policy.ts says. Each is a finding to fix in the app, listed
 * here (route, subject, what the app does) so the test stays green and the gap stays visible; fixing the app
 * makes the test fail until the line is removed.
 */
export const KNOWN_DISAGREEMENTS: Record<string, Partial<Record<Subject, Outcome>>> = {};
