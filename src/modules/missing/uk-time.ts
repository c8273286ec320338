/**
 * Dates and times as police notifications give them: Europe/London local time unless an offset is given,
 * ISO 8601 or UK `dd/mm/yyyy` forms. Parsing is by hand (a bulk import calls it hundreds of thousands of
 * times); luxon is used only for the Europe/London offset, and that is memoised per hour.
 */
import { IANAZone } from 'luxon';

export type TimestampResult =
  | { ok: true; value: Date }
  | { ok: false; reason: 'format' | 'date-only' | 'not-real' | 'nonexistent' };
export type DateResult = { ok: true; value: string } | { ok: false; reason: 'format' | 'not-real' };

const LONDON = IANAZone.create('Europe/London');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// A bulk import spans a few years of hours; the cap only stops a hostile file growing the caches forever.
const CACHE_LIMIT = 200_000;

const OFFSET = '(?:\\s?(Z|[+-]\\d{2}(?::?\\d{2})?))?';
const ISO_TIMESTAMP = new RegExp(
  `^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?${OFFSET})?$`,
  'i',
);
const UK_TIMESTAMP = new RegExp(
  `^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?${OFFSET})?$`,
  'i',
);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A timestamp: ISO 8601 or `dd/mm/yyyy HH:mm[:ss]`, Europe/London local time unless an offset is given. */
export function parseUkTimestamp(text: string): TimestampResult {
  const trimmed = text.trim();
  const iso = ISO_TIMESTAMP.exec(trimmed);
  const m = iso ?? UK_TIMESTAMP.exec(trimmed);
  if (m === null) return { ok: false, reason: 'format' };
  // The two forms capture the same fields; only the date's order differs.
  const [year, month, day] = iso ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (!isRealDate(y, mo, d)) return { ok: false, reason: 'not-real' };
  if (m[4] === undefined) return { ok: false, reason: 'date-only' };
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: 'not-real' };
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const wall = utcMs(y, mo, d, h, mi, s, ms);
  const offset = m[8] === undefined ? wallClockOffset(y, mo, d, h) : parseOffset(m[8]);
  if (offset === 'bad') return { ok: false, reason: 'format' };
  if (offset === null) return { ok: false, reason: 'nonexistent' };
  return { ok: true, value: new Date(wall - offset * MINUTE) };
}

/** A calendar date, `yyyy-mm-dd` or `dd/mm/yyyy`, as `yyyy-mm-dd`. */
export function parseUkDate(text: string): DateResult {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  const m = iso ?? UK_DATE.exec(trimmed);
  if (m === null) return { ok: false, reason: 'format' };
  const [year = '', month = '', day = ''] = iso ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  if (!isRealDate(Number(year), Number(month), Number(day))) return { ok: false, reason: 'not-real' };
  return { ok: true, value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
}

/** `31/03/2024 23:15`, in Europe/London. */
export function formatUkDateTime(d: Date): string {
  const w = londonWallClock(d).wall;
  const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
  return `${formatUkDate(londonDate(d))} ${time}`;
}

/** `2024-03-31T23:15:00+01:00`, in Europe/London; milliseconds only when there are some. */
export function formatIsoLondon(d: Date): string {
  const { wall, offset } = londonWallClock(d);
  const ms = wall.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${fraction}`;
  return `${londonDate(d)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Europe/London calendar date of an instant, `yyyy-mm-dd`. */
export function londonDate(d: Date): string {
  const w = londonWallClock(d).wall;
  return `${String(w.getUTCFullYear()).padStart(4, '0')}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** `2024-03-31` → `31/03/2024`; anything that is not `yyyy-mm-dd` comes back unchanged. */
export function formatUkDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  return m === null ? isoDate : `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * Age in whole calendar years on the Europe/London date of `at`. Someone born on 29 February has their
 * birthday on 1 March in other years, as UK law counts it.
 */
export function ageInYears(dateOfBirth: string, at: Date): number {
  const born = ISO_DATE.exec(dateOfBirth);
  const now = ISO_DATE.exec(londonDate(at));
  if (born === null || now === null) throw new RangeError(`not a yyyy-mm-dd date: ${dateOfBirth}`);
  const years = Number(now[1]) - Number(born[1]);
  // Comparing mm-dd as text orders month then day, since both are zero-padded.
  const beforeBirthday = `${now[2]}-${now[3]}` < `${born[2]}-${born[3]}`;
  return beforeBirthday ? years - 1 : years;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** Epoch ms of a wall-clock reading taken as if it were UTC. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.setUTCHours(h, mi, s, ms);
}

/** Minutes east of UTC, or 'bad' for an offset no place uses. */
function parseOffset(text: string): number | 'bad' {
  if (text === 'Z' || text === 'z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return 'bad';
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

const utcOffsetCache = new Map<number, number>();
const wallOffsetCache = new Map<number, number | null>();

/** The Europe/London offset at an instant. UK clocks change on the hour, so one lookup per UTC hour. */
function offsetAt(ts: number): number {
  const key = Math.floor(ts / HOUR);
  let offset = utcOffsetCache.get(key);
  if (offset === undefined) {
    if (utcOffsetCache.size >= CACHE_LIMIT) utcOffsetCache.clear();
    offset = LONDON.offset(key * HOUR);
    utcOffsetCache.set(key, offset);
  }
  return offset;
}

function londonWallClock(d: Date): { wall: Date; offset: number } {
  const ts = d.getTime();
  if (Number.isNaN(ts)) throw new RangeError('Invalid Date');
  const offset = offsetAt(ts);
  return { wall: new Date(ts + offset * MINUTE), offset };
}

/**
 * The Europe/London offset for a local wall-clock reading, or null if the clocks skipped it. Memoised per
 * local hour: UK clocks change on the hour, so every minute of a local hour resolves the same way.
 */
function wallClockOffset(y: number, mo: number, d: number, h: number): number | null {
  const key = ((y * 100 + mo) * 100 + d) * 100 + h;
  const cached = wallOffsetCache.get(key);
  if (cached !== undefined) return cached;
  if (wallOffsetCache.size >= CACHE_LIMIT) wallOffsetCache.clear();
  const hourStart = utcMs(y, mo, d, h, 0, 0, 0);
  // London never changes its clocks twice within two days, so the offsets a day either side are the only
  // candidates. A candidate is right if the instant it gives really has that offset.
  let best: number | null = null;
  for (const candidate of [offsetAt(hourStart - DAY), offsetAt(hourStart + DAY)]) {
    const fits = offsetAt(hourStart - candidate * MINUTE) === candidate;
    // When the clocks go back the hour happens twice and both candidates fit. We take the first
    // occurrence (the larger offset: BST, +01:00); a sender who means the second one can say so with
    // an explicit offset (`+00:00`).
    if (fits && (best === null || candidate > best)) best = candidate;
  }
  wallOffsetCache.set(key, best);
  return best;
}
