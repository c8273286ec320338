/**
 * The kinds of alert, what each is called, and the e-mail each sends. E-mails carry no personal data: the kind
 * of alert and a link, nothing about the child.
 */
import type { Role } from '../access/actor.ts';

export const ALERT_KINDS = ['high_risk_incident', 'ola_child_missing', 'rhi_overdue', 'repeat_missing', 'escalation', 'break_glass'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_LABELS: Record<AlertKind, string> = {
  high_risk_incident: 'High-risk missing incident',
  ola_child_missing: "Missing child looked after by another authority",
  rhi_overdue: 'Return interview overdue',
  repeat_missing: 'Repeat missing: meeting requested',
  escalation: 'Alert not acknowledged',
  break_glass: 'Record opened with a reason (break-glass)',
};

/** Who must acknowledge an alert. */
export type Audience =
  | { kind: 'user'; userId: string; label: string }
  | { kind: 'role'; role: Role; label: string }
  | { kind: 'email'; email: string; label: string };

export const TEAM_LABELS: Partial<Record<Role, string>> = {
  missing_officer: 'Missing Officer',
  social_worker: 'Social work team',
  manager: 'Managers',
  admin: 'Data protection officer',
};

export const teamAudience = (role: Role): Audience => ({ kind: 'role', role, label: TEAM_LABELS[role] ?? role });

/** An alert to raise: `dedupeKey` makes raising it again a no-op. */
export interface AlertDraft {
  authorityCode: string;
  kind: AlertKind;
  dedupeKey: string;
  childId: string | null;
  subjectType: string;
  subjectId: string;
  rule: string;
  facts: string[];
  link: string;
  audience: Audience;
  escalatesAlertId?: string;
}

export function emailFor(kind: AlertKind, external: boolean): { subject: string; body: string } {
  const label = ALERT_LABELS[kind];
  if (external) {
    return {
      subject: `Homeward: ${label.toLowerCase()} — please confirm you have received this`,
      body: [
        'A child looked after by your authority has been reported missing in our area.',
        'Open the link below to see the police reference and confirm that you have received this alert.',
        'The link works once. If you were not expecting this e-mail, contact the sending authority.',
      ].join('\n'),
    };
  }
  return {
    subject: `Homeward: ${label.toLowerCase()} needs your acknowledgement`,
    body: [`An alert in Homeward needs your acknowledgement: ${label}.`, 'Sign in and open the link below to see it.'].join('\n'),
  };
}
