/**
 * The repeat-missing reaction: whenever a child's incidents change (intake, edits, merges), evaluate the
 * authority's rule on the child's whole history and raise or extend their multi-agency meeting request, in the
 * same transaction as the change. The pure rule (rule.ts) decides; this file loads and stores.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { meetingRequestIncidents, meetingRequests } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { writeAudit, type AuditEntry } from '../audit/audit.repository.ts';
import type { IncidentsChanged } from '../missing/incident-events.ts';
import * as repo from './meetings.repository.ts';
import {
  assertValidRule, decideMeetingRequest, DEFAULT_REPEAT_MISSING_RULE, describeRule, explainTrigger, type RepeatMissingRule, type Trigger,
} from './rule.ts';

/**
 * The authority's rule from `settings.repeatMissing` (`{ incidents, days }`), or the default. A malformed
 * setting throws rather than silently counting by another rule than the one the authority chose.
 */
export function ruleFromSettings(settings: Record<string, unknown>): RepeatMissingRule {
  const raw = settings.repeatMissing;
  if (raw === undefined || raw === null) return DEFAULT_REPEAT_MISSING_RULE;
  const value = typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rule = { incidents: Number(value.incidents), days: Number(value.days) };
  assertValidRule(rule);
  return rule;
}

export async function ruleForAuthority(tx: Tx, authorityCode: string): Promise<RepeatMissingRule> {
  return ruleFromSettings(await repo.authoritySettings(tx, authorityCode));
}

interface Writes {
  requests: (typeof meetingRequests.$inferInsert)[];
  links: { meetingRequestId: string; incidentId: string }[];
  audit: AuditEntry[];
}

const linksFor = (meetingRequestId: string, covers: readonly Trigger[]) =>
  covers.flatMap((t) => t.windowIncidentIds.map((incidentId) => ({ meetingRequestId, incidentId })));

/** Evaluates the rule for the changed children and writes what it decides: a few queries for the whole chunk. */
export async function evaluateRepeatMissingFor(tx: Tx, actor: Actor, change: IncidentsChanged): Promise<void> {
  const childIds = [...new Set(change.childIds)];
  if (childIds.length === 0) return;
  const rule = await ruleForAuthority(tx, actor.authorityCode);
  const startsByChild = await repo.incidentStartsByChild(tx, childIds);
  // Fewer incidents than the threshold can never meet it: skip the other loads for those children.
  const candidates = childIds.filter((id) => (startsByChild.get(id)?.length ?? 0) >= rule.incidents);
  if (candidates.length === 0) return;
  const [openByChild, countedByChild] = [await repo.openMeetingByChild(tx, candidates), await repo.countedIncidentsByChild(tx, candidates)];
  const writes: Writes = { requests: [], links: [], audit: [] };
  for (const childId of candidates) {
    const starts = startsByChild.get(childId) ?? [];
    const open = openByChild.get(childId);
    const decision = decideMeetingRequest(starts, rule, { openMeeting: open !== undefined, countedIncidentIds: countedByChild.get(childId) ?? new Set() });
    if (decision.kind === 'absorb' && open) writes.links.push(...linksFor(open, decision.covers));
    if (decision.kind !== 'request') continue;
    const id = randomUUID();
    writes.requests.push({
      id, authorityCode: actor.authorityCode, childId, status: 'requested', requestedFor: decision.trigger.startedAt,
      explanation: explainTrigger(decision.trigger, starts, rule), rule: describeRule(rule), createdAt: change.now,
    });
    writes.links.push(...linksFor(id, decision.covers));
    writes.audit.push({ action: 'meeting-request.raised', childId, subjectType: 'meeting_request', subjectId: id, details: { incidentIds: decision.trigger.windowIncidentIds } });
  }
  await bulkInsert(tx, meetingRequests, writes.requests);
  // Two triggers absorbed together never share an incident, but a link written by a concurrent change may exist.
  await bulkInsert(tx, meetingRequestIncidents, writes.links, { onConflictDoNothing: true });
  await writeAudit(tx, actor, writes.audit);
}
