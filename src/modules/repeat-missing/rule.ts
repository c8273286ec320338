/**
 * The repeat-missing rule (pure): when a child's incidents meet the authority's threshold, a multi-agency
 * meeting is requested (metrics.md "Repeat missing meetings"; default more than 3 incidents in 90 days).
 *
 * Windows. A window starts at the start of a counted incident and lasts `days` × 24 hours of exact elapsed
 * time (metrics.md Conventions), so an incident is inside it when `startedAt < first + days × 86 400 s`: an
 * incident exactly 90 days after the first is outside, a minute earlier is inside, and a clocks change in
 * between moves neither edge. The `incidents`-th incident inside a window meets the threshold.
 *
 * Chaining. After a trigger, counting restarts from the next incident: a trigger's counted incidents are never
 * counted again, so 8 incidents in 60 days give 2 triggers, not 5. Why: "unless one is already open for the
 * child" makes the open meeting absorb the incidents that follow; with a sliding count every later incident
 * would meet the threshold again on the same incidents, and once the meeting closed the very next incident
 * would request another one about incidents already discussed. Restarting means each request rests on
 * incidents no earlier request counted, and the triggers stay a function of the history alone (never of
 * meeting state), so evaluating after each change and evaluating from scratch agree.
 */
import { formatUkDateTime, londonDate } from '../missing/uk-time.ts';

/** Meeting requested at the `incidents`-th incident within `days` days (more than `incidents - 1`). */
export interface RepeatMissingRule {
  readonly incidents: number;
  readonly days: number;
}

export const DEFAULT_REPEAT_MISSING_RULE: RepeatMissingRule = Object.freeze({ incidents: 4, days: 90 });

/** The only facts about an incident the rule uses. Deleted incidents are simply left out. */
export interface IncidentStart {
  readonly id: string;
  readonly startedAt: Date;
}

/** One point in a child's history at which the threshold was met. */
export interface Trigger {
  readonly triggeringIncidentId: string;
  /** Start of the triggering incident: the date of the meeting request (metrics.md). */
  readonly startedAt: Date;
  /** The counted incidents, oldest first; the last is the triggering incident. */
  readonly windowIncidentIds: readonly string[];
  /** Start of the first counted incident. */
  readonly windowStart: Date;
  /** windowStart + days, exclusive. */
  readonly windowEnd: Date;
}

/** What the meeting layer should do now; `covers` are the triggers to link to the (new or open) meeting. */
export type MeetingDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'request'; readonly trigger: Trigger; readonly covers: readonly Trigger[] }
  | { readonly kind: 'absorb'; readonly covers: readonly Trigger[] };

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Throws RangeError unless `incidents` is a whole number ≥ 2 and `days` a whole number ≥ 1. */
export function assertValidRule(rule: RepeatMissingRule): void {
  const ok = Number.isInteger(rule.incidents) && rule.incidents >= 2 && Number.isInteger(rule.days) && rule.days >= 1;
  if (!ok) throw new RangeError(`not a repeat-missing rule: ${rule.incidents} incidents in ${rule.days} days`);
}

/** "more than 3 incidents in 90 days" */
export function describeRule(rule: RepeatMissingRule): string {
  return `more than ${rule.incidents - 1} ${rule.incidents === 2 ? 'incident' : 'incidents'} in ${rule.days} days`;
}

/** Every trigger in a child's whole history (incidents in any order), oldest first. */
export function evaluateRepeatMissing(incidents: readonly IncidentStart[], rule: RepeatMissingRule): Trigger[] {
  assertValidRule(rule);
  return scan(chronological(incidents), rule, 0);
}

/**
 * The same answer as `evaluateRepeatMissing(incidents, rule)`, reusing `previous` (that function's answer
 * before the change). `changedAt` is the earliest start time touched since: the start of an added or removed
 * incident, and both the old and new start of a moved one. A trigger before it cannot change, because a
 * trigger depends only on the incidents up to its own.
 */
export function updateTriggers(
  previous: readonly Trigger[],
  incidents: readonly IncidentStart[],
  rule: RepeatMissingRule,
  changedAt: Date,
): Trigger[] {
  assertValidRule(rule);
  const kept = previous.filter((t) => t.startedAt.getTime() < changedAt.getTime());
  const sorted = chronological(incidents);
  const last = kept.at(-1);
  const from = last === undefined ? 0 : sorted.findIndex((i) => i.id === last.triggeringIncidentId) + 1;
  // A caller who under-reported the change is given the full evaluation rather than a wrong one.
  if (from === 0) return scan(sorted, rule, 0);
  return [...kept, ...scan(sorted, rule, from)];
}

/**
 * Whether to request a meeting now. `countedIncidentIds` are the incidents counted by every trigger already
 * linked to one of the child's meeting requests (whatever its state). A trigger sharing any of them is the
 * same pattern re-cut by a correction (a back-dated, moved or removed incident shifts the chain), not a new
 * one. New triggers are absorbed by an open meeting; otherwise one request, dated by the latest of them,
 * covers them all, so a bulk import never opens two. Idempotent: once the layer links `covers`, the answer
 * is 'none' until the history changes.
 */
export function decideMeetingRequest(
  incidents: readonly IncidentStart[],
  rule: RepeatMissingRule,
  state: { readonly openMeeting: boolean; readonly countedIncidentIds: ReadonlySet<string> },
): MeetingDecision {
  const fresh = evaluateRepeatMissing(incidents, rule).filter(
    (t) => !t.windowIncidentIds.some((id) => state.countedIncidentIds.has(id)),
  );
  const latest = fresh.at(-1);
  if (latest === undefined) return { kind: 'none' };
  if (state.openMeeting) return { kind: 'absorb', covers: fresh };
  return { kind: 'request', trigger: latest, covers: fresh };
}

/**
 * What a Missing Officer sees: "4 incidents between 2 Jan 2026 and 28 Mar 2026: 2 Jan, 14 Feb, 3 Mar, 28 Mar
 * (rule: more than 3 incidents in 90 days)". Europe/London dates; a time is added where two share a day.
 */
export function explainTrigger(
  trigger: Trigger,
  incidents: readonly IncidentStart[],
  rule: RepeatMissingRule,
): string {
  const byId = new Map(incidents.map((i) => [i.id, i.startedAt]));
  const starts = trigger.windowIncidentIds.map((id) => byId.get(id)).filter((d): d is Date => d !== undefined);
  const first = starts[0] ?? trigger.windowStart;
  const last = starts.at(-1) ?? trigger.startedAt;
  const withYear = londonDate(first).slice(0, 4) !== londonDate(last).slice(0, 4);
  const days = starts.map(londonDate);
  const shared = (day: string) => days.indexOf(day) !== days.lastIndexOf(day);
  const items = starts.map((d, k) =>
    shared(days[k] ?? '') ? `${dayText(d, withYear)} ${formatUkDateTime(d).slice(-5)}` : dayText(d, withYear),
  );
  const range = `between ${dayText(first, true)} and ${dayText(last, true)}`;
  return `${starts.length} incidents ${range}: ${items.join(', ')} (rule: ${describeRule(rule)})`;
}

/** "2 Jan" or "2 Jan 2026", in Europe/London. */
function dayText(d: Date, withYear: boolean): string {
  const [y, m, day] = londonDate(d).split('-');
  const text = `${Number(day)} ${MONTHS[Number(m) - 1] ?? ''}`;
  return withYear ? `${text} ${y}` : text;
}

/** Oldest first; incidents starting at the same instant are ordered by id so every evaluation agrees. */
function chronological(incidents: readonly IncidentStart[]): IncidentStart[] {
  return [...incidents].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Triggers among `sorted[from..]`, counting from `from`. The n-th incident since the last restart meets the
 * threshold when the n - 1 incidents before it started less than `days` earlier than the first of them.
 */
function scan(sorted: readonly IncidentStart[], rule: RepeatMissingRule, from: number): Trigger[] {
  const n = rule.incidents;
  const span = rule.days * DAY_MS;
  const triggers: Trigger[] = [];
  let restart = from;
  for (let j = from + n - 1; j < sorted.length; j++) {
    if (j - n + 1 < restart) continue;
    const window = sorted.slice(j - n + 1, j + 1);
    const first = window[0];
    const last = window.at(-1);
    if (first === undefined || last === undefined) continue;
    if (last.startedAt.getTime() - first.startedAt.getTime() >= span) continue;
    triggers.push({
      triggeringIncidentId: last.id,
      startedAt: last.startedAt,
      windowIncidentIds: window.map((i) => i.id),
      windowStart: first.startedAt,
      windowEnd: new Date(first.startedAt.getTime() + span),
    });
    restart = j + 1;
  }
  return triggers;
}
