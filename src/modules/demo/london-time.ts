/*
 * Fast Europe/London clock arithmetic for the generator, which places tens of thousands of timestamps.
 * The UK rule since 1996: British Summer Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October. (Reports use luxon; the tests check this against it.)
 */

/** Milliseconds in an hour and in a 24-hour day (not a calendar day across a clock change). */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const bstCache = new Map<number, readonly [number, number]>();

function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * DAY;
}

function bstBounds(year: number): readonly [number, number] {
  let bounds = bstCache.get(year);
  if (!bounds) {
    bounds = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
    bstCache.set(year, bounds);
  }
  return bounds;
}

/** Milliseconds London is ahead of UTC at the instant: 0 (GMT) or one hour (BST). */
export function londonOffset(ms: number): number {
  const [start, end] = bstBounds(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? HOUR : 0;
}

/** The London calendar date `yyyy-mm-dd` of an instant. */
export function londonDate(ms: number): string {
  return new Date(ms + londonOffset(ms)).toISOString().slice(0, 10);
}

/**
 * The instant of a London wall-clock time on a date `yyyy-mm-dd`. In the autumn's repeated hour the
 * first (BST) occurrence is used; a time in the spring's missing hour lands an hour later on the clock.
 */
export function londonInstant(date: string, minuteOfDay: number): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  if (londonOffset(naive - HOUR) === HOUR) return naive - HOUR;
  return naive;
}

/** London midnight at the start of the date of an instant. */
export function londonMidnight(ms: number): number {
  return londonInstant(londonDate(ms), 0);
}

/** The date `days` calendar days after a `yyyy-mm-dd` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The last Sunday of a month, as `yyyy-mm-dd` (month 1-12). */
export function lastSunday(year: number, month: number): string {
  return new Date(lastSundayAt0100Utc(year, month - 1)).toISOString().slice(0, 10);
}

/** Whole years between a date of birth and a date, both `yyyy-mm-dd` (string comparison of mm-dd). */
export function yearsBetween(dateOfBirth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
