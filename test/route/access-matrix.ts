/**
 * Who may use which route: the expected outcome of every route of the web app and the API, for every role, for
 * someone not signed in, and for a police force's API key. Written by reading policy.ts and the services that
 * each route calls (the action they assert), never by recording what the app does: a new route must be added here
 * by a person deciding who may use it, or access-matrix.test.ts fails.
 */
import { AD, api, CASEWORK, EL, EVERY_ROLE, MG, MO, open, openForm, page, PO, RW, SW, SUBJECTS, type Expectation, type Outcome, type Subject } from './access-matrix-support.ts';
import { AUTH_ROUTES } from './access-matrix-auth.ts';
import { BREAK_GLASS_ROUTES } from './access-matrix-break-glass.ts';
import { DATA_PROTECTION_ROUTES } from './access-matrix-data-protection.ts';
import { EXPLOITATION_ROUTES } from './access-matrix-exploitation.ts';
import { LANGUAGE_ROUTES } from './access-matrix-language.ts';
import { LOCATION_ROUTES } from './access-matrix-locations.ts';
import { PANEL_ROUTES } from './access-matrix-panels.ts';
import { SESSION_ROUTES } from './access-matrix-session.ts';

export { SUBJECTS, type Expectation, type Outcome, type Subject };



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
  'GET /missing-now': page(['dashboard:view'], [...CASEWORK, EL]),
  'GET /children': page(['child:search'], [...CASEWORK, EL]),
  'GET /children/:id': page(['child:view'], [...CASEWORK, EL]),
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
  'GET /incidents/:id': page(['child:view'], [...CASEWORK, EL]),
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
  'GET /meetings': page(['meeting:view'], [MO, SW, EL]),
  'GET /meetings/:id': page(['meeting:view'], [MO, SW, EL]),
  'POST /meetings/:id/schedule': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/held': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/complete': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/cancel': page(['meeting:manage'], [MO]),
  'POST /meetings/:id/actions/:actionId/done': page(['meeting:manage'], [MO]),

  // Return home interviews and the child's feedback on them.
  'GET /return-interviews': page(['rhi:view'], [MO, SW, RW, EL]),
  'GET /return-interviews/:id': page(['rhi:view'], [MO, SW, RW, EL]),
  'POST /return-interviews/:id': page(['rhi:view', 'rhi:record'], [MO, RW]),
  'GET /return-interviews/:id/feedback': page(['rhi:view'], [MO, SW, RW, EL]),
  'POST /return-interviews/:id/feedback': page(['rhi:view', 'rhi-feedback:record'], [MO, RW]),
  'POST /return-interviews/:id/feedback-link': page(['rhi:view', 'rhi-feedback:record'], [MO, RW]),
  'GET /feedback/:token': open(),
  'POST /feedback/:token': openForm(),

  // The Philomena Protocol profile, Part 2 and the police packet.
  'GET /children/:id/philomena': page(['philomena:view'], [...CASEWORK, EL]),
  'POST /children/:id/philomena': page(['philomena:edit'], [MO, SW]),
  'GET /children/:id/philomena/photo': page(['philomena:view'], [...CASEWORK, EL]),
  'POST /children/:id/philomena/photo': page(['philomena:edit'], [MO, SW]),
  'GET /incidents/:id/philomena': page(['philomena:view'], [...CASEWORK, EL]),
  'POST /incidents/:id/philomena': page(['philomena:edit'], [MO, SW]),
  'GET /incidents/:id/police-packet': page(['philomena:view'], [...CASEWORK, EL]),
  'GET /incidents/:id/police-packet.pdf': page(['philomena:view'], [...CASEWORK, EL]),

  // Alerts. The count and the live stream are asked by every page's layout, so every role gets them (0 / no topics).
  'GET /alerts': page(['alert:view'], [MO, SW, MG, RW, EL, AD]),
  'GET /alerts/count': page([], EVERY_ROLE),
  'POST /alerts/:id/acknowledge': page(['alert:acknowledge'], [MO, SW, MG, RW, EL, AD]),
  'GET /alert-confirmation/:token': open(),
  'POST /alert-confirmation/:token': openForm(),
  'GET /events': page([], EVERY_ROLE),

  // Aggregate reports. Their stylesheet holds no data but is not public either.
  'GET /reports': page(['aggregate:view'], [MO, SW, PO, MG, AD, EL]),
  'GET /reports/:id': page(['aggregate:view'], [MO, SW, PO, MG, AD, EL]),
  'GET /reports/:id/download': page(['aggregate:view'], [MO, SW, PO, MG, AD, EL]),
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

  // Areas that keep their part of the table beside each other (issue 5 and 6).
  ...EXPLOITATION_ROUTES,
  ...PANEL_ROUTES,
  ...LOCATION_ROUTES,
  ...LANGUAGE_ROUTES,
  ...SESSION_ROUTES,
  ...AUTH_ROUTES,
  ...BREAK_GLASS_ROUTES,
  ...DATA_PROTECTION_ROUTES,
};

/** Served files of the design systems and the app's own scripts: no data, not access-checked. */
export const STATIC_PREFIXES = ['/assets/', '/static/', '/moj/'];

/**
 * Where the app today does something other than what policy.ts says. Each is a finding to fix in the app, listed
 * here (route, subject, what the app does) so the test stays green and the gap stays visible; fixing the app
 * makes the test fail until the line is removed.
 */
export const KNOWN_DISAGREEMENTS: Record<string, Partial<Record<Subject, Outcome>>> = {};
