/**
 * The committee performance measures (metrics.md "Committee performance measures"; seed 000 paragraphs 29-30)
 * for any period, for the authority and by district, computed from records when asked for.
 *
 * Definitions (the period is [start, end), instants; Europe/London boundaries come from parsePeriod):
 * - Notifications: incidents whose notification reached the authority (`notified_at`) in the period, and the
 *   distinct children they were about. A record entered late counts when it was received, not when it started.
 * - Episodes by sex, where from, age: incidents STARTED in the period (`last_seen_at`, as Table 1). Sex % are of
 *   all those incidents, so incidents of children whose sex is not known are in the base and on neither side.
 *   Where from: of the distinct children, those with an incident of each classification (home, own care, other
 *   authority's care); a child in two groups counts in both, so these can add up to more than 100. Age is whole
 *   years at the incident start on the UK calendar; peak age = modal age (ties: older), peak age range as
 *   Table 1 (shortest range holding 60% of the incidents).
 * - Return interviews: incidents ENDED in the period (`found_at`), whether or not an interview was requested or
 *   has an outcome yet. Completed % split by the incident's classification: home vs looked after (own care and
 *   other authorities' care). Offered / completed within the window: exact elapsed time from `found_at` to the
 *   offer (or, when no offer was recorded, the completion) / the completion, the due instant included (72 h by
 *   default, `settings.rhiClocks.offerHours` / `completeHours`). Declined, advice given instead and not
 *   attempted: by outcome, of the same base (all incidents ended).
 * - Repeat missing meetings: requests dated by `requested_for` (the start of the incident that met the
 *   threshold) in the period, cancelled ones included (the threshold was met). Completed: meetings held
 *   (`held_at`) in the period, whenever requested, not later cancelled. Completed % is a cohort rate: of the
 *   requests dated in the period, those whose meeting has been held (at any time up to now) — never the ratio
 *   of the two counts, which are dated differently and could pass 100%.
 * - Notification timeliness: incidents STARTED in the period, `notified_at` at most 24 h / 72 h after
 *   `reported_at` (exact elapsed time, the bound included; 72 h includes those within 24 h), split by the grade
 *   at first notification: "absent" = no apparent risk, "missing" = every other grade, very low included.
 * - Reasons and risks: each push/pull factor and each risk recorded at the return interviews of incidents ended
 *   in the period, counted once per interview.
 * - By district: every record by its incident's district (`incidents.district_id`; meetings by the incident that
 *   met the threshold); no district recorded = "Unknown district". Individuals are distinct per column, so a
 *   child missing in two districts is counted in both and the districts need not add up to the total.
 * Percentages are unrounded 0-100, null when their base is 0. CSE/CCE measures come with exploitation (issue 5).
 */
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { districts } from '../../db/schema.ts';
import {
  committeeOf, committeeSettings, emptyCounts, type ColumnCounts, type Committee, type CommitteeSettings,
} from './committee-measures.ts';
import { codeCounts, endedCounts, meetingCounts, notifiedCounts, startedCounts, type CommitteeQuery, type StartedRow } from './committee.repository.ts';
import type { ReportColumn } from './framework.ts';

export interface CommitteeOptions {
  authorityCode: string;
  start: Date;
  /** Exclusive. */
  end: Date;
  /** The authority's settings (`authorities.settings`). */
  settings: Record<string, unknown>;
}

export interface CommitteeResult extends Committee {
  settings: CommitteeSettings;
}

export interface DistrictCommittee extends ReportColumn {
  committee: Committee;
}

export interface CommitteeByDistrict {
  /** The authority's districts by name, then "Unknown district" (key 'unknown'); the total is separate. */
  districts: DistrictCommittee[];
  total: Committee;
  settings: CommitteeSettings;
}

export const TOTAL = 'total';
export const UNKNOWN_DISTRICT = 'unknown';

/** The committee measures of an authority for a period. */
export async function computeCommittee(q: Tx, options: CommitteeOptions): Promise<CommitteeResult> {
  const settings = committeeSettings(options.settings);
  const counts = await countColumns(q, query(options, settings, false));
  return { ...committeeOf(counts.get(TOTAL) ?? emptyCounts(), settings.peakAgeShare), settings };
}

/** The same measures per district (and "Unknown district"), with the authority's total, from one pass each. */
export async function computeCommitteeByDistrict(q: Tx, options: CommitteeOptions): Promise<CommitteeByDistrict> {
  const settings = committeeSettings(options.settings);
  const counts = await countColumns(q, query(options, settings, true));
  const named = await q.select({ id: districts.id, name: districts.name }).from(districts)
    .where(eq(districts.authorityCode, options.authorityCode)).orderBy(asc(districts.name));
  const columns = [...named.map((d) => ({ key: String(d.id), label: d.name })), { key: UNKNOWN_DISTRICT, label: 'Unknown district' }];
  const of = (key: string) => committeeOf(counts.get(key) ?? emptyCounts(), settings.peakAgeShare);
  return { districts: columns.map((c) => ({ ...c, committee: of(c.key) })), total: of(TOTAL), settings };
}

function query(options: CommitteeOptions, settings: CommitteeSettings, byDistrict: boolean): CommitteeQuery {
  return {
    authorityCode: options.authorityCode, start: options.start, end: options.end, byDistrict,
    offerHours: settings.rhi.offerHours, completeHours: settings.rhi.completeHours,
  };
}

/** Runs the counting statements and folds their rows into counts per column. */
async function countColumns(q: Tx, p: CommitteeQuery): Promise<Map<string, ColumnCounts>> {
  // One after another: on PGlite every statement takes the same connection anyway.
  const started = await startedCounts(q, p);
  const notified = await notifiedCounts(q, p);
  const ended = await endedCounts(q, p);
  const codes = await codeCounts(q, p);
  const meetings = await meetingCounts(q, p);
  const out = new Map<string, ColumnCounts>();
  const at = (col: string) => {
    let c = out.get(col);
    if (!c) out.set(col, (c = emptyCounts()));
    return c;
  };
  for (const r of started) {
    const s = at(r.col).started;
    if (r.all_ages === 1) Object.assign(s, startedOf(r));
    else if (r.age !== null) s.ages.set(r.age, r.incidents);
  }
  for (const r of notified) at(r.col).notified = { notifications: r.notifications, individuals: r.individuals };
  for (const r of ended) {
    const e = at(r.col).ended;
    e[r.looked_after ? 'lookedAfter' : 'home'] = {
      ended: r.ended, completed: r.completed, offeredInTime: r.offered_in_time, completedInTime: r.completed_in_time,
      declined: r.declined, advice: r.advice, notAttempted: r.not_attempted,
    };
  }
  for (const r of codes) at(r.col)[r.list === 'factor' ? 'factors' : 'risks'].set(r.code, r.n);
  for (const r of meetings) at(r.col).meetings = { requested: r.requested, requestedHeld: r.requested_held, held: r.held };
  return out;
}

function startedOf(r: StartedRow): Omit<ColumnCounts['started'], 'ages'> {
  return {
    incidents: r.incidents, individuals: r.individuals, female: r.female, male: r.male,
    homeIndividuals: r.home_individuals, ownCareIndividuals: r.own_care_individuals, olaIndividuals: r.ola_individuals,
    missing: r.missing, missingWithin24h: r.missing_24h, missingWithin72h: r.missing_72h,
    absent: r.absent, absentWithin24h: r.absent_24h, absentWithin72h: r.absent_72h,
  };
}
