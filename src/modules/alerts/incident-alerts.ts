/**
 * The alert rules that follow a change in a child's incidents, run as an incident reaction in the same
 * transaction (missing/incident-events.ts). Each rule is re-evaluated on every change and is idempotent: an
 * alert already raised for the same fact and audience is not raised again.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { childAllocations, children, incidents, meetingRequests } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import type { IncidentsChanged } from '../missing/incident-events.ts';
import { formatUkDate, formatUkDateTime } from '../missing/uk-time.ts';
import { announce } from '../live/announce.ts';
import { teamAudience, type AlertDraft, type Audience } from './alert-kinds.ts';
import { contactFor } from './contacts.ts';
import { raiseAlerts } from './raise.ts';

export const HIGH_RISK_RULE = 'A child reported missing is graded high risk: their allocated social worker (or, with none, the social work team) and the Missing Officer are told at once.';
export const OLA_RULE = 'A child looked after by another authority is missing here: that authority is told.';
export const REPEAT_RULE = 'The repeat-missing rule was met and a multi-agency meeting was requested: the Missing Officer arranges it.';

type OpenIncident = Awaited<ReturnType<typeof openAlertableIncidents>>[number];

export async function raiseIncidentAlerts(tx: Tx, actor: Actor, change: IncidentsChanged): Promise<void> {
  const childIds = [...new Set(change.childIds)];
  if (childIds.length === 0) return;
  // Every change to incidents moves the "missing now" board.
  await announce(tx, actor.authorityCode, 'incidents');
  const open = await openAlertableIncidents(tx, childIds);
  const requested = await tx.select({ id: meetingRequests.id, childId: meetingRequests.childId, explanation: meetingRequests.explanation, authorityCode: meetingRequests.authorityCode })
    .from(meetingRequests).where(and(inArray(meetingRequests.childId, childIds), eq(meetingRequests.status, 'requested')));
  const allocated = await allocatedWorkers(tx, open.filter((r) => r.riskGrade === 'high').map((r) => r.childId));
  const drafts: AlertDraft[] = [];
  for (const row of open) {
    if (row.riskGrade === 'high') {
      const workerId = allocated.get(row.childId);
      const worker: Audience = workerId ? { kind: 'user', userId: workerId, label: 'The allocated social worker' } : teamAudience('social_worker');
      drafts.push(...[worker, teamAudience('missing_officer')].map((a) => highRiskDraft(row, a)));
    }
    if (row.classification === 'ola_care') drafts.push(await olaDraft(tx, row));
  }
  for (const m of requested) {
    drafts.push({
      authorityCode: m.authorityCode, kind: 'repeat_missing', dedupeKey: `repeat_missing:${m.id}`, childId: m.childId,
      subjectType: 'meeting_request', subjectId: m.id, rule: REPEAT_RULE, facts: [m.explanation], link: `/meetings/${m.id}`,
      audience: teamAudience('missing_officer'),
    });
  }
  await raiseAlerts(tx, drafts, change.now);
}

/** Each child's current allocated worker, where they have one. */
async function allocatedWorkers(tx: Tx, childIds: string[]): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map();
  const rows = await tx.select({ childId: childAllocations.childId, userId: childAllocations.userId }).from(childAllocations)
    .where(and(inArray(childAllocations.childId, childIds), isNull(childAllocations.endedAt)));
  return new Map(rows.map((r) => [r.childId, r.userId]));
}

function openAlertableIncidents(tx: Tx, childIds: string[]) {
  return tx.select({
    id: incidents.id, authorityCode: incidents.authorityCode, childId: incidents.childId, policeReference: incidents.policeReference,
    riskGrade: incidents.riskGrade, classification: incidents.classification, responsibleAuthority: incidents.responsibleAuthority,
    lastSeenAt: incidents.lastSeenAt, reportedAt: incidents.reportedAt,
    forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth,
  }).from(incidents).innerJoin(children, eq(children.id, incidents.childId))
    .where(and(inArray(incidents.childId, childIds), isNull(incidents.foundAt), or(eq(incidents.riskGrade, 'high'), eq(incidents.classification, 'ola_care'))));
}

const childFacts = (row: OpenIncident) => [
  `${row.forename} ${row.surname}, born ${formatUkDate(row.dateOfBirth)}`,
  `Police reference ${row.policeReference}`,
  `Reported missing ${formatUkDateTime(row.reportedAt)}; last seen ${formatUkDateTime(row.lastSeenAt)}`,
];

function highRiskDraft(row: OpenIncident, audience: Audience): AlertDraft {
  const who = audience.kind === 'role' ? audience.role : audience.kind === 'user' ? `user:${audience.userId}` : audience.kind;
  return {
    authorityCode: row.authorityCode, kind: 'high_risk_incident', dedupeKey: `high_risk:${row.id}:${who}`, childId: row.childId,
    subjectType: 'incident', subjectId: row.id, rule: HIGH_RISK_RULE, facts: [...childFacts(row), 'Risk grade: high'],
    link: `/incidents/${row.id}`, audience,
  };
}

/** To the responsible authority's contact by e-mail; where none is held, to our Missing Officer to tell them. */
async function olaDraft(tx: Tx, row: OpenIncident): Promise<AlertDraft> {
  const contact = await contactFor(tx, row.authorityCode, row.responsibleAuthority);
  const responsible = row.responsibleAuthority ?? 'not recorded';
  const facts = [...childFacts(row), `Responsible authority: ${responsible}`];
  return {
    authorityCode: row.authorityCode, kind: 'ola_child_missing', dedupeKey: `ola:${row.id}`, childId: row.childId,
    subjectType: 'incident', subjectId: row.id, rule: OLA_RULE, link: `/incidents/${row.id}`,
    facts: contact ? facts : [...facts, 'No e-mail contact is held for this authority: tell them another way, then acknowledge this alert.'],
    audience: contact ? { kind: 'email', email: contact.email, label: `${contact.name} (by e-mail)` } : teamAudience('missing_officer'),
  };
}
