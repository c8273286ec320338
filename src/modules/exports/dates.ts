/**
 * Calendar dates for statutory returns. The returns count whole days (the DfE 903 validator compares dates,
 * never times), so every instant is first turned into its Europe/London date; dates are `yyyy-mm-dd` strings,
 * which order correctly as text.
 */
import { formatUkDate, londonDate, parseUkTimestamp } from '../missing/uk-time.ts';

/** A span of calendar dates, both ends included. */
export interface DateWindow {
  start: string;
  end: string;
}

/**
 * The 903 collection year named by the year it ends in: `2024` is 1 April 2023 to 31 March 2024, as the
 * validator sets `collection_start = 01/04/{Y-1}` and `collection_end = 31/03/{Y}` (uk-standards.md 1.4).
 */
export function collectionYear(year: number): DateWindow {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

/** The twelve months ending on `end` (Ofsted Annex A's "in the last 12 months"). */
export function twelveMonthsTo(end: string): DateWindow {
  return { start: addDays(yearsBefore(end, 1), 1), end };
}

/** The same day `years` years earlier; 29 February becomes 28 February in a common year. */
export function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** The 18th birthday; someone born on 29 February reaches it on 1 March in a common year, as UK law counts. */
export function eighteenthBirthday(dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4)) + 18;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = dateOfBirth.slice(5);
  return `${year}-${monthDay === '02-29' && !leap ? '03-01' : monthDay}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant a London calendar date begins (midnight always exists: UK clocks change at 01:00 or 02:00). */
export function londonStartOf(date: string): Date {
  const parsed = parseUkTimestamp(`${date}T00:00`);
  if (!parsed.ok) throw new RangeError(`not a yyyy-mm-dd date: ${date}`);
  return parsed.value;
}

export { londonDate };

/** `2024-03-31` → `31/03/2024`, the 903's `%d/%m/%Y`; null → blank. */
export function ukDate(date: string | null): string {
  return date === null ? '' : formatUkDate(date);
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * Reads a date the way the validator does (`pd.to_datetime(format="%d/%m/%Y", errors="coerce")`): day and
 * month of one or two digits, a four-digit year, a real date; anything else (blank, `2024-07-01`) is null.
 */
export function parseUkDateCell(text: string | undefined): string | null {
  const m = UK_DATE.exec((text ?? '').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  const probe = new Date(Date.UTC(2000, mo - 1, d));
  probe.setUTCFullYear(y);
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
