/**
 * The alert rules that depend on time passing rather than on a change: a return interview's clock passing, and
 * an alert left unacknowledged too long. Run by the scheduler (and `homeward alerts run`); each pass is
 * idempotent, so two processes sweeping at once raise nothing twice.
 */
import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { alerts, authorities, children, incidents, returnInterviews } from '../../db/schema.ts';
import { formatUkDateTime } from '../missing/uk-time.ts';
import { clockSettings } from '../return-interviews/return-interview.repository.ts';
import { ALERT_LABELS, teamAudience, type AlertDraft, type AlertKind } from './alert-kinds.ts';
import { raiseAlerts } from './raise.ts';

const HOUR = 3_600_000;
export const DEFAULT_ESCALATE_AFTER_HOURS = 4;

export const rhiOverdueRule = (offerHours: number, completeHours: number) =>
  `A return interview must be offered within ${offerHours} hours and completed within ${completeHours} hours of the child's return.`;

/** The authority's `settings.alerts.escalateAfterHours`, or the default. */
export function escalateAfterHours(settings: Record<string, unknown>): number {
  const raw = (settings.alerts as Record<string, unknown> | undefined)?.escalateAfterHours;
  return typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_ESCALATE_AFTER_HOURS;
}

export interface SweepResult {
  rhiOverdue: number;
  escalated: number;
}

export async function sweepAlerts(db: Database, now: Date): Promise<SweepResult> {
  const all = await db.read((q) => q.select({ code: authorities.code, settings: authorities.settings }).from(authorities));
  const result: SweepResult = { rhiOverdue: 0, escalated: 0 };
  for (const a of all) {
    await db.transaction(async (tx) => {
      result.rhiOverdue += await raiseOverdueInterviews(tx, a.code, now);
      result.escalated += await escalateUnacknowledged(tx, a.code, escalateAfterHours(a.settings), now);
    });
  }
  return result;
}

/** Open interviews past a clock, not yet alerted: one alert each, to the assigned worker or the Missing Officer. */
async function raiseOverdueInterviews(tx: Tx, authorityCode: string, now: Date): Promise<number> {
  const s = await clockSettings(tx, authorityCode);
  const offerPassed = and(isNull(returnInterviews.offeredAt), lt(returnInterviews.returnedAt, new Date(now.getTime() - s.offerHours * HOUR)));
  const completionPassed = and(isNull(returnInterviews.completedAt), lt(returnInterviews.returnedAt, new Date(now.getTime() - s.completeHours * HOUR)));
  const rows = await tx.select({
    id: returnInterviews.id, childId: returnInterviews.childId, workerUserId: returnInterviews.workerUserId, returnedAt: returnInterviews.returnedAt,
    offeredAt: returnInterviews.offeredAt, policeReference: incidents.policeReference, forename: children.forename, surname: children.surname,
  }).from(returnInterviews)
    .innerJoin(incidents, eq(incidents.id, returnInterviews.incidentId))
    .innerJoin(children, eq(children.id, returnInterviews.childId))
    .where(and(
      eq(returnInterviews.authorityCode, authorityCode), isNull(returnInterviews.outcome), or(offerPassed, completionPassed),
      sql`NOT EXISTS (SELECT 1 FROM alerts a WHERE a.dedupe_key = 'rhi_overdue:' || ${returnInterviews.id})`,
    ));
  if (rows.length === 0) return 0;
  const offerDue = (r: (typeof rows)[number]) => new Date(r.returnedAt.getTime() + s.offerHours * HOUR);
  const drafts: AlertDraft[] = rows.map((r) => ({
    authorityCode, kind: 'rhi_overdue', dedupeKey: `rhi_overdue:${r.id}`, childId: r.childId, subjectType: 'return_interview', subjectId: r.id,
    rule: rhiOverdueRule(s.offerHours, s.completeHours), link: `/return-interviews/${r.id}`,
    facts: [
      `${r.forename} ${r.surname}; police reference ${r.policeReference}`,
      `Returned ${formatUkDateTime(r.returnedAt)}`,
      r.offeredAt ? `Offered ${formatUkDateTime(r.offeredAt)}; completion was due ${formatUkDateTime(new Date(r.returnedAt.getTime() + s.completeHours * HOUR))}` : `No offer recorded; the offer was due ${formatUkDateTime(offerDue(r))}`,
    ],
    audience: r.workerUserId ? { kind: 'user', userId: r.workerUserId, label: 'The assigned return interview worker' } : teamAudience('missing_officer'),
  }));
  // A clock that has passed unmet is decided: record it now rather than only when someone next saves the interview.
  const ids = rows.map((r) => r.id);
  await tx.update(returnInterviews).set({ offerMet: false }).where(and(inArray(returnInterviews.id, ids), isNull(returnInterviews.offerMet), offerPassed));
  await tx.update(returnInterviews).set({ completionMet: false }).where(and(inArray(returnInterviews.id, ids), isNull(returnInterviews.completionMet), completionPassed));
  return (await raiseAlerts(tx, drafts, now)).length;
}

/** Alerts unacknowledged for longer than the authority allows go to its managers, once, naming no child. */
async function escalateUnacknowledged(tx: Tx, authorityCode: string, hours: number, now: Date): Promise<number> {
  const due = await tx.update(alerts).set({ escalatedAt: now }).where(and(
    eq(alerts.authorityCode, authorityCode), isNull(alerts.acknowledgedAt), isNull(alerts.escalatedAt), ne(alerts.kind, 'escalation'),
    lt(alerts.raisedAt, new Date(now.getTime() - hours * HOUR)),
  )).returning({ id: alerts.id, kind: alerts.kind, raisedAt: alerts.raisedAt, audienceLabel: alerts.audienceLabel });
  const drafts: AlertDraft[] = due.map((a) => ({
    authorityCode, kind: 'escalation', dedupeKey: `escalation:${a.id}`, childId: null, subjectType: 'alert', subjectId: a.id,
    rule: `An alert not acknowledged within ${hours} hours is escalated to a manager.`, link: '/alerts',
    facts: [`${ALERT_LABELS[a.kind as AlertKind]} for ${a.audienceLabel}, raised ${formatUkDateTime(a.raisedAt)}`, `Not acknowledged after ${hours} hours`],
    audience: teamAudience('manager'), escalatesAlertId: a.id,
  }));
  return (await raiseAlerts(tx, drafts, now)).length;
}

/**
 * For loading history (the demo): alerts about things already dealt with — a meeting request no longer waiting,
 * an incident that has ended, an interview recorded — are marked acknowledged, as the people then would have.
 */
export async function acknowledgeSettledAlerts(tx: Tx, authorityCode: string, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE alerts a SET acknowledged_at = ${now}, acknowledged_by_name = 'Recorded with the history'
    WHERE a.authority_code = ${authorityCode} AND a.acknowledged_at IS NULL AND (
      (a.subject_type = 'meeting_request' AND EXISTS (SELECT 1 FROM meeting_requests m WHERE m.id = a.subject_id AND m.status <> 'requested'))
      OR (a.subject_type = 'incident' AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = a.subject_id AND i.found_at IS NOT NULL))
      OR (a.subject_type = 'return_interview' AND EXISTS (SELECT 1 FROM return_interviews r WHERE r.id = a.subject_id AND r.outcome IS NOT NULL)))`);
}
