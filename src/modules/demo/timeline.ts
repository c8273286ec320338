import { DAY, HOUR, londonDate, londonInstant, londonMidnight } from './london-time.ts';
import { GROUPS, type Group, type PeriodPlan } from './plan.ts';
import type { Random } from './random.ts';
import type { RiskGrade } from '../missing/notification.ts';

/** One missing incident before it is dressed as a police notification. Times are epoch ms. */
export interface DraftIncident {
  group: Group;
  lastSeenAt: number;
  foundAt: number | null;
  /** Set when the scenario needs a particular grade (e.g. open high-risk incidents). */
  riskGrade?: RiskGrade;
}

/** A child's movements and incidents in one period, before they get a name and a date of birth. */
export interface DraftChild {
  /** Groups in time order; groups[i] applies from switches[i - 1] (or earlier) to switches[i]. */
  groups: Group[];
  switches: number[];
  incidents: DraftIncident[];
}

const MINUTE = 60_000;

/** Evening-heavy London hour-of-day weights for the moment a child is last seen. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  4, 3, 2, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 4, 6, 7, 8, 9, 10, 10, 10, 9, 7,
].map((w, hour) => [hour, w] as const);

/** Children and their incidents for a plan: counts per group exactly as planned. */
export function generateTimelines(rng: Random, plan: PeriodPlan): DraftChild[] {
  const members = rng.shuffle(plan.combos.flatMap((c) => Array.from({ length: c.count }, () => [...c.groups])));
  const perGroup = new Map<Group, number[]>();
  for (const group of GROUPS) {
    const holders = members.filter((groups) => groups.includes(group)).length;
    perGroup.set(group, allocate(rng, { holders, total: plan.incidents[group], cap: plan.maxPerChild }));
  }
  const taken = new Map<Group, number>();
  const drafts = members.map((groups) => {
    const counts = groups.map((group) => {
      const index = taken.get(group) ?? 0;
      taken.set(group, index + 1);
      return perGroup.get(group)?.[index] ?? 1;
    });
    return buildChild(rng, { plan, groups: orderGroups(rng, groups), counts: orderCounts(groups, counts) });
  });
  pinSpecialTimes(rng, drafts, plan.pins);
  return drafts;
}

/** Shares `total` incidents among `holders` children, at least one each: most have 1-3, a few many. */
function allocate(rng: Random, share: { holders: number; total: number; cap: number }): number[] {
  const { holders, total, cap } = share;
  if (total < holders || total > holders * cap) {
    throw new RangeError(`Cannot give ${total} incidents to ${holders} children (1 to ${cap} each)`);
  }
  const counts = Array.from({ length: holders }, () => 1);
  // Pareto-like weights: a handful of children go missing far more often than the rest.
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < holders; i += 1) {
    sum += Math.pow(1 - rng.next(), -1 / 1.8);
    cumulative.push(sum);
  }
  for (let extra = total - holders; extra > 0; ) {
    const i = firstAtLeast(cumulative, rng.next() * sum);
    const count = counts[i] ?? cap;
    if (count < cap) {
      counts[i] = count + 1;
      extra -= 1;
    }
  }
  return counts;
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let [lo, hi] = [0, sorted.length - 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Children usually move from home into care; sometimes the other way (returned home).
function orderGroups(rng: Random, groups: Group[]): Group[] {
  return groups.length > 1 && rng.chance(0.3) ? [...groups].reverse() : groups;
}

function orderCounts(groups: Group[], counts: number[]): Map<Group, number> {
  return new Map(groups.map((g, i) => [g, counts[i] ?? 1]));
}

/** Splits the period between the child's groups (in proportion to incidents) and places the incidents. */
function buildChild(
  rng: Random,
  input: { plan: PeriodPlan; groups: Group[]; counts: Map<Group, number> },
): DraftChild {
  const { plan, groups, counts } = input;
  const weights = groups.map((g) => (counts.get(g) ?? 1) + 2);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const span = plan.end - plan.start;
  const switches: number[] = [];
  let cumulative = 0;
  for (const [i, w] of weights.slice(0, -1).entries()) {
    cumulative += w;
    // Bounded by the smaller neighbour so every segment keeps at least 70% of its share.
    const jitter = rng.range(-0.15, 0.15) * (Math.min(w, weights[i + 1] ?? w) / totalWeight) * span;
    switches.push(londonMidnight(plan.start + (cumulative / totalWeight) * span + jitter));
  }
  const bounds = [plan.start, ...switches, plan.end];
  const incidents = groups.flatMap((group, i) =>
    placeIncidents(rng, {
      group,
      from: bounds[i] ?? plan.start,
      to: bounds[i + 1] ?? plan.end,
      k: counts.get(group) ?? 1,
    }),
  );
  return { groups, switches, incidents };
}

/**
 * k incidents in [from, to): one per equal slot, each found before its slot ends, so they never overlap.
 * Frequent missers' incidents cluster in part of the segment, as they tend to in practice.
 */
function placeIncidents(
  rng: Random,
  segment: { group: Group; from: number; to: number; k: number },
): DraftIncident[] {
  const { group, k } = segment;
  let { from, to } = segment;
  const length = Math.max(k * 3 * DAY, (to - from) * rng.range(0.35, 1));
  if (k >= 6 && length < to - from) {
    from += rng.next() * (to - from - length);
    to = from + length;
  }
  const slot = (to - from) / k;
  return Array.from({ length: k }, (_, i) => {
    const slotStart = from + i * slot;
    const duration = drawDuration(rng, slot);
    const lastSeenAt = drawStart(rng, slotStart, slotStart + slot - duration - 30 * MINUTE);
    return { group, lastSeenAt, foundAt: lastSeenAt + duration };
  });
}

/** Whole minutes: mostly found within 4 hours, some within a day, a few longer; at most 45% of the slot. */
export function drawDuration(rng: Random, slot: number): number {
  const band = rng.weighted<readonly [number, number]>([
    [[20 * MINUTE, 4 * HOUR], 66],
    [[4 * HOUR, DAY], 27],
    [[DAY, 4 * DAY], 7],
  ]);
  return Math.max(MINUTE, Math.floor(Math.min(rng.range(band[0], band[1]), 0.45 * slot) / MINUTE) * MINUTE);
}

/** A start in [lo, hi), preferring evening London clock times. */
export function drawStart(rng: Random, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const date = londonDate(rng.range(lo, hi));
    const minute = rng.weighted(HOUR_WEIGHTS) * 60 + rng.int(0, 59);
    const at = londonInstant(date, minute);
    if (at >= lo && at < hi) return at;
  }
  const fallback = Math.ceil(rng.range(lo, hi) / MINUTE) * MINUTE;
  return fallback < hi ? fallback : lo;
}

/** Gives the pinned start times to children with a single incident at home. */
function pinSpecialTimes(rng: Random, drafts: DraftChild[], pins: readonly number[]): void {
  const eligible = drafts.filter((d) => d.incidents.length === 1 && d.groups.length === 1 && d.groups[0] === 'home');
  pins.forEach((at, i) => {
    const incident = eligible[i]?.incidents[0];
    if (!incident) return;
    incident.lastSeenAt = at;
    incident.foundAt = at + rng.int(40, 180) * MINUTE;
  });
}
