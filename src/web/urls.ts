/** Every URL of the web app and the API, in one place. */
import type { Action } from '../modules/access/policy.ts';
import { breakGlassUrls } from './break-glass/urls.ts';
import { dataProtectionUrls } from './data-protection/urls.ts';
import { draftUrls } from './drafts/urls.ts';
import { exploitationUrls } from './exploitation/urls.ts';
import { languageUrls } from './language/urls.ts';
import { locationUrls } from './locations/urls.ts';
import { panelUrls } from './panels/urls.ts';

export const urls = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  /** The second step of signing in: a code from the authenticator app, or a recovery code. */
  signInMfa: '/sign-in/mfa',
  /** Single sign-on by the organisation's OpenID Connect service, and its way back. */
  signInSso: '/sign-in/sso',
  signInSsoCallback: '/sign-in/sso/callback',
  accountSecurity: '/account/security',
  mfaSetup: '/account/mfa/setup',
  mfaRecoveryCodes: '/account/mfa/recovery-codes',
  adminSecurity: '/admin/security',
  adminMfaReset: '/admin/security/mfa-reset',
  health: '/health',
  missingNow: '/missing-now',
  newNotification: '/notifications/new',
  uploadNotifications: '/notifications/upload',
  children: '/children',
  child: (id: string) => `/children/${id}`,
  childCareStatus: (id: string) => `/children/${id}/care-status`,
  /** Who has seen this child: audit events only, for the data protection officer. */
  childAccessLog: (id: string) => `/children/${id}/access-log`,
  incident: (id: string) => `/incidents/${id}`,
  incidentRisk: (id: string) => `/incidents/${id}/risk`,
  incidentFound: (id: string) => `/incidents/${id}/found`,
  incidentCorrect: (id: string) => `/incidents/${id}/correct`,
  incidentClassification: (id: string) => `/incidents/${id}/classification`,
  possibleMatch: (id: string) => `/possible-matches/${id}`,
  task: (id: string) => `/tasks/${id}`,
  taskComplete: (id: string) => `/tasks/${id}/complete`,
  meetings: '/meetings',
  meeting: (id: string) => `/meetings/${id}`,
  meetingSchedule: (id: string) => `/meetings/${id}/schedule`,
  meetingHeld: (id: string) => `/meetings/${id}/held`,
  meetingComplete: (id: string) => `/meetings/${id}/complete`,
  meetingCancel: (id: string) => `/meetings/${id}/cancel`,
  meetingActionDone: (id: string, actionId: string) => `/meetings/${id}/actions/${actionId}/done`,
  returnInterviews: '/return-interviews',
  returnInterview: (id: string) => `/return-interviews/${id}`,
  returnInterviewFeedback: (id: string) => `/return-interviews/${id}/feedback`,
  returnInterviewFeedbackLink: (id: string) => `/return-interviews/${id}/feedback-link`,
  /** The child's own feedback form, reached by a one-time link without signing in. */
  childFeedback: (token: string) => `/feedback/${token}`,
  childPhilomena: (id: string) => `/children/${id}/philomena`,
  childPhilomenaPhoto: (id: string) => `/children/${id}/philomena/photo`,
  incidentPhilomena: (id: string) => `/incidents/${id}/philomena`,
  incidentPolicePacket: (id: string) => `/incidents/${id}/police-packet`,
  incidentPolicePacketPdf: (id: string) => `/incidents/${id}/police-packet.pdf`,
  alerts: '/alerts',
  alertAcknowledge: (id: string) => `/alerts/${id}/acknowledge`,
  alertCount: '/alerts/count',
  /** Another authority's contact confirms an e-mailed alert here, by a one-time link, without signing in. */
  alertConfirm: (token: string) => `/alert-confirmation/${token}`,
  /** Server-sent events: the board and the notification centre listen here. */
  liveEvents: '/events',
  reports: '/reports',
  report: (id: string) => `/reports/${id}`,
  reportDownload: (id: string) => `/reports/${id}/download`,
  reportStyles: '/reports/styles.css',
  apiKeys: '/admin/api-keys',
  apiKeyRevoke: (id: string) => `/admin/api-keys/${id}/revoke`,
  apiNotifications: '/api/v1/missing-notifications',
  apiReport: (id: string) => `/api/v1/reports/${id}`,
  openApi: '/api/openapi.json',
  // Areas that keep their own URLs beside their routes.
  ...exploitationUrls,
  ...panelUrls,
  ...locationUrls,
  ...languageUrls,
  ...draftUrls,
  ...breakGlassUrls,
  ...dataProtectionUrls,
} as const;

export interface NavItem {
  href: string;
  text: string;
  action: Action;
}

export const NAVIGATION: NavItem[] = [
  { href: urls.missingNow, text: 'Missing now', action: 'dashboard:view' },
  { href: urls.children, text: 'Find a child', action: 'child:search' },
  { href: urls.meetings, text: 'Meeting requests', action: 'meeting:view' },
  { href: urls.returnInterviews, text: 'Return interviews', action: 'rhi:view' },
  { href: urls.panels, text: 'Panels', action: 'panel:view' },
  { href: urls.hotspots, text: 'Locations', action: 'location:view' },
  { href: urls.alerts, text: 'Alerts', action: 'alert:view' },
  { href: urls.newNotification, text: 'Record a notification', action: 'notification:record' },
  { href: urls.uploadNotifications, text: 'Upload a file', action: 'notification:import' },
  { href: urls.reports, text: 'Reports', action: 'aggregate:view' },
  { href: urls.apiKeys, text: 'API keys', action: 'api-key:manage' },
  { href: urls.breakGlassReviews, text: 'Break-glass reviews', action: 'break-glass:review' },
  { href: urls.retention, text: 'Retention', action: 'retention:manage' },
];
