/**
 * The committee measures from their counts (pure): percentages, peak ages, the reasons and risks lists, and the
 * settings a report states. The counting itself is committee.repository.ts; the definitions are in committee.ts.
 */
import { DEFAULT_RHI_CLOCK_SETTINGS } from '../return-interviews/clocks.ts';
import { PUSH_PULL_FACTORS, RHI_RISKS } from '../return-interviews/outcomes.ts';
import { ruleFromSettings } from '../repeat-missing/repeat-missing.service.ts';
import { describeRule, type RepeatMissingRule } from '../repeat-missing/rule.ts';
import { peakAge, peakAgeRange } from './measures.ts';

/** Incidents started in the period. */
export interface StartedCounts {
  incidents: number;
  individuals: number;
  female: number;
  male: number;
  homeIndividuals: number;
  ownCareIndividuals: number;
  olaIndividuals: number;
  /** Graded anything but "no apparent risk" at first notification, and how many were notified in time. */
  missing: number;
  missingWithin24h: number;
  missingWithin72h: number;
  absent: number;
  absentWithin24h: number;
  absentWithin72h: number;
  /** Incidents by the child's age at the start. */
  ages: Map<number, number>;
}

/** Incidents ended in the period, for one group (home, or looked after), with their return interviews. */
export interface EndedCounts {
  ended: number;
  completed: number;
  offeredInTime: number;
  completedInTime: number;
  declined: number;
  advice: number;
  notAttempted: number;
}

/** Everything counted for one column (a district, "unknown district", or the authority). */
export interface ColumnCounts {
  started: StartedCounts;
  notified: { notifications: number; individuals: number };
  ended: { home: EndedCounts; lookedAfter: EndedCounts };
  meetings: { requested: number; requestedHeld: number; held: number };
  factors: Map<string, number>;
  risks: Map<string, number>;
}

export interface CommitteeMeasures {
  notifications: number;
  notification_individuals: number;
  /** The bases of the percentages below (not in metrics.md, shown so a percentage can be read). */
  incidents: number;
  individuals: number;
  episodes_female_pct: number | null;
  episodes_male_pct: number | null;
  individuals_home_pct: number | null;
  individuals_own_care_pct: number | null;
  individuals_ola_pct: number | null;
  peak_age: number | null;
  peak_age_range: string | null;
  incidents_ended: number;
  rhi_completed_pct_home: number | null;
  rhi_completed_pct_looked_after: number | null;
  rhi_offered_within_72h_pct: number | null;
  rhi_completed_within_72h_pct: number | null;
  rhi_declined_pct: number | null;
  rhi_advice_pct: number | null;
  rhi_not_attempted_pct: number | null;
  meetings_requested: number;
  meetings_completed: number;
  meetings_completed_pct: number | null;
  notified_within_24h_pct_missing: number | null;
  notified_within_72h_pct_missing: number | null;
  notified_within_24h_pct_absent: number | null;
  notified_within_72h_pct_absent: number | null;
}

export interface CodeCount {
  code: string;
  label: string;
  count: number;
}

/** Percentages offered and completed within the window, for the RHI timeliness chart. */
export interface RhiTimeliness {
  offered: number | null;
  completed: number | null;
}

export interface Committee {
  measures: CommitteeMeasures;
  /** Push and pull factors, then risks, identified at the return interviews of incidents ended in the period. */
  factors: CodeCount[];
  risks: CodeCount[];
  rhiTimeliness: { home: RhiTimeliness; lookedAfter: RhiTimeliness };
}

export interface CommitteeSettings {
  rhi: { offerHours: number; completeHours: number };
  rule: RepeatMissingRule;
  peakAgeShare: number;
}

const emptyEnded = (): EndedCounts => ({ ended: 0, completed: 0, offeredInTime: 0, completedInTime: 0, declined: 0, advice: 0, notAttempted: 0 });

export function emptyCounts(): ColumnCounts {
  return {
    started: {
      incidents: 0, individuals: 0, female: 0, male: 0, homeIndividuals: 0, ownCareIndividuals: 0, olaIndividuals: 0,
      missing: 0, missingWithin24h: 0, missingWithin72h: 0, absent: 0, absentWithin24h: 0, absentWithin72h: 0, ages: new Map(),
    },
    notified: { notifications: 0, individuals: 0 },
    ended: { home: emptyEnded(), lookedAfter: emptyEnded() },
    meetings: { requested: 0, requestedHeld: 0, held: 0 },
    factors: new Map(),
    risks: new Map(),
  };
}

/** `n` as a percentage of `base`, unrounded (renderers round); null when there is nothing to take it of. */
export function pct(n: number, base: number): number | null {
  return base === 0 ? null : (100 * n) / base;
}

/** The measures of one column from its counts. */
export function committeeOf(c: ColumnCounts, peakAgeShare = 0.6): Committee {
  const s = c.started;
  const { home, lookedAfter } = c.ended;
  const ended = home.ended + lookedAfter.ended;
  const both = (k: keyof EndedCounts) => home[k] + lookedAfter[k];
  const ages = [...s.ages].flatMap(([age, n]) => Array<number>(n).fill(age));
  const range = peakAgeRange(ages, peakAgeShare);
  const measures: CommitteeMeasures = {
    notifications: c.notified.notifications,
    notification_individuals: c.notified.individuals,
    incidents: s.incidents,
    individuals: s.individuals,
    episodes_female_pct: pct(s.female, s.incidents),
    episodes_male_pct: pct(s.male, s.incidents),
    individuals_home_pct: pct(s.homeIndividuals, s.individuals),
    individuals_own_care_pct: pct(s.ownCareIndividuals, s.individuals),
    individuals_ola_pct: pct(s.olaIndividuals, s.individuals),
    peak_age: peakAge(ages),
    peak_age_range: range ? `${range.from}-${range.to}` : null,
    incidents_ended: ended,
    rhi_completed_pct_home: pct(home.completed, home.ended),
    rhi_completed_pct_looked_after: pct(lookedAfter.completed, lookedAfter.ended),
    rhi_offered_within_72h_pct: pct(both('offeredInTime'), ended),
    rhi_completed_within_72h_pct: pct(both('completedInTime'), ended),
    rhi_declined_pct: pct(both('declined'), ended),
    rhi_advice_pct: pct(both('advice'), ended),
    rhi_not_attempted_pct: pct(both('notAttempted'), ended),
    meetings_requested: c.meetings.requested,
    meetings_completed: c.meetings.held,
    meetings_completed_pct: pct(c.meetings.requestedHeld, c.meetings.requested),
    notified_within_24h_pct_missing: pct(s.missingWithin24h, s.missing),
    notified_within_72h_pct_missing: pct(s.missingWithin72h, s.missing),
    notified_within_24h_pct_absent: pct(s.absentWithin24h, s.absent),
    notified_within_72h_pct_absent: pct(s.absentWithin72h, s.absent),
  };
  const timeliness = (g: EndedCounts): RhiTimeliness => ({ offered: pct(g.offeredInTime, g.ended), completed: pct(g.completedInTime, g.ended) });
  return {
    measures,
    factors: PUSH_PULL_FACTORS.map((f) => ({ code: f.code, label: f.label, count: c.factors.get(f.code) ?? 0 })),
    risks: RHI_RISKS.map((r) => ({ code: r.code, label: r.label, count: c.risks.get(r.code) ?? 0 })),
    rhiTimeliness: { home: timeliness(home), lookedAfter: timeliness(lookedAfter) },
  };
}

/**
 * The authority's settings for these measures. The RHI windows follow `settings.rhiClocks` exactly as the
 * worklist reads them (return-interview.repository.ts clockSettings: anything not a positive number is the
 * default); the meeting threshold is the one the meeting layer uses (a malformed one throws there and here).
 */
export function committeeSettings(settings: Record<string, unknown>): CommitteeSettings {
  const raw = settings.rhiClocks;
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const hours = (key: 'offerHours' | 'completeHours') => {
    const v = given[key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_RHI_CLOCK_SETTINGS[key];
  };
  return { rhi: { offerHours: hours('offerHours'), completeHours: hours('completeHours') }, rule: ruleFromSettings(settings), peakAgeShare: 0.6 };
}

export const hoursText = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;

/** The settings as a report states them (metrics.md: "the report states which setting was used"). */
export function describeCommitteeSettings(s: CommitteeSettings): Record<string, string> {
  return {
    'Return interview offered within': `${hoursText(s.rhi.offerHours)} of return`,
    'Return interview completed within': `${hoursText(s.rhi.completeHours)} of return`,
    'Repeat missing meeting threshold': describeRule(s.rule),
    'Peak age range share': `${Math.round(s.peakAgeShare * 100)}% of incidents`,
  };
}
