/**
 * Return home interview clocks (pure): the offer and the completion are each due a number of hours after the
 * child's return (72 by default, per authority; uk-standards.md 5.1 notes sources disagree on which of the
 * two the 72 hours applies to, so both are kept). Hours are exact elapsed time (metrics.md Conventions): 72
 * hours is 72 × 3600 s even across a clocks change, so the wall-clock due time moves by an hour then.
 *
 * "Within" includes the due instant: an offer made exactly at `offerDueAt` met its clock. A clock is overdue
 * only once `now` is after the due instant.
 */

export interface RhiClockSettings {
  readonly offerHours: number;
  readonly completeHours: number;
  /** The worklist shows an RHI as "due soon" when its next clock is due within this many hours. */
  readonly dueSoonHours: number;
}

export const DEFAULT_RHI_CLOCK_SETTINGS: RhiClockSettings = Object.freeze({
  offerHours: 72,
  completeHours: 72,
  dueSoonHours: 24,
});

export interface RhiTimes {
  /** When the child was found or returned: the incident's found time. */
  readonly returnedAt: Date;
  readonly offeredAt: Date | null;
  readonly completedAt: Date | null;
  /** When the RHI was closed without an interview (declined, missing again, not attempted...), if it was. */
  readonly closedAt?: Date | null;
}

export type RhiStatus = 'due' | 'due-soon' | 'overdue' | 'done';

export interface RhiClocks {
  readonly offerDueAt: Date;
  readonly completionDueAt: Date;
  /** Whether the offer was made by its due time; null while it is still open and not yet due. */
  readonly offerMet: boolean | null;
  /** Whether the interview was completed by its due time; null while still open and not yet due. */
  readonly completionMet: boolean | null;
  readonly status: RhiStatus;
  /** The clock the worklist counts down to; null once done. */
  readonly nextDueAt: Date | null;
  /** Time left before `nextDueAt` (0 when overdue or done). */
  readonly remainingMs: number;
  /** Time since `nextDueAt` passed (0 unless overdue). */
  readonly overdueMs: number;
  /** "due in 5 hours 12 minutes", "overdue by 1 day 3 hours", "done". */
  readonly text: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Both clocks of one RHI as they stand at `now`. */
export function rhiClocks(
  times: RhiTimes,
  now: Date,
  settings: RhiClockSettings = DEFAULT_RHI_CLOCK_SETTINGS,
): RhiClocks {
  const returned = times.returnedAt.getTime();
  const offerDueAt = new Date(returned + settings.offerHours * HOUR_MS);
  const completionDueAt = new Date(returned + settings.completeHours * HOUR_MS);
  const closed = times.completedAt !== null || (times.closedAt ?? null) !== null;
  // An interview that took place was offered, even if nobody recorded the offer separately.
  const offeredAt = times.offeredAt ?? times.completedAt;
  const offerMet = clockMet(offeredAt, offerDueAt, closed, now);
  const completionMet = clockMet(times.completedAt, completionDueAt, closed, now);
  const clocks = { offerDueAt, completionDueAt, offerMet, completionMet };
  if (closed) return { ...clocks, status: 'done', nextDueAt: null, remainingMs: 0, overdueMs: 0, text: 'done' };
  // Until an offer is made the worklist counts down to whichever clock falls first.
  const nextDueAt =
    offeredAt === null && offerDueAt.getTime() < completionDueAt.getTime() ? offerDueAt : completionDueAt;
  const left = nextDueAt.getTime() - now.getTime();
  const status: RhiStatus = left < 0 ? 'overdue' : left <= settings.dueSoonHours * HOUR_MS ? 'due-soon' : 'due';
  const text =
    left < 0 ? `overdue by ${formatDuration(-left)}` : left === 0 ? 'due now' : `due in ${formatDuration(left)}`;
  return { ...clocks, status, nextDueAt, remainingMs: Math.max(left, 0), overdueMs: Math.max(-left, 0), text };
}

/**
 * A duration in the two largest whole units, rounded down: "1 day 3 hours", "5 hours 12 minutes",
 * "2 days", "less than a minute".
 */
export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) return 'less than a minute';
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const parts = days > 0 ? [unit(days, 'day'), unit(hours, 'hour')] : [unit(hours, 'hour'), unit(minutes, 'minute')];
  return parts.filter((p) => p !== '').join(' ');
}

function unit(n: number, name: string): string {
  return n === 0 ? '' : `${n} ${name}${n === 1 ? '' : 's'}`;
}

function clockMet(doneAt: Date | null, dueAt: Date, closed: boolean, now: Date): boolean | null {
  if (doneAt !== null) return doneAt.getTime() <= dueAt.getTime();
  if (closed || now.getTime() > dueAt.getTime()) return false;
  return null;
}
