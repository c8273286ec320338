/**
 * Validation of one police missing notification against the intake contract
 * (shared/spec/police-notifications.md). Pure: the form, the API and the CSV import all feed it a record
 * keyed by the contract's column names and get back either a NotificationInput or every problem at once.
 */
import { MISSING_FROM, RISK_GRADES } from './notification.ts';
import type { FieldError, MissingFrom, NotificationInput, ParseResult, RiskGrade, Sex } from './notification.ts';
import { ageInYears, formatIsoLondon, londonDate, parseUkDate, parseUkTimestamp } from './uk-time.ts';

/** The contract's columns, in contract order. */
export const NOTIFICATION_COLUMNS = [
  'police_reference', 'reported_at', 'notified_at', 'last_seen_at', 'found_at', 'risk_grade', 'forename',
  'surname', 'date_of_birth', 'sex', 'la_child_id', 'police_person_id', 'missing_from',
  'responsible_authority', 'district', 'missing_from_postcode', 'found_location', 'found_postcode',
  'circumstances',
] as const;
export type NotificationColumn = (typeof NOTIFICATION_COLUMNS)[number];

// responsible_authority is required only for `ola care` rows, so a file without that column can be valid.
const REQUIRED_COLUMNS: readonly NotificationColumn[] = [
  'police_reference', 'reported_at', 'notified_at', 'last_seen_at', 'risk_grade', 'forename', 'surname',
  'date_of_birth', 'missing_from',
];

/** A header as the contract matches it: case-insensitive, ignoring spaces, `-`, `_` and a leading BOM. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').replace(/[\s_-]+/g, '').toLowerCase();
}

const COLUMN_BY_HEADER = new Map(NOTIFICATION_COLUMNS.map((c) => [normaliseHeader(c), c]));

/** Maps a CSV header row to contract columns (null = ignored); a file with `errors` must be rejected. */
export function mapHeaders(headers: string[]): {
  columns: (string | null)[];
  warnings: FieldError[];
  errors: FieldError[];
} {
  const warnings: FieldError[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const columns = headers.map((header): string | null => {
    const column = COLUMN_BY_HEADER.get(normaliseHeader(header));
    if (column === undefined) {
      const label = header.replace(/^\uFEFF/, '').trim();
      const message = label === '' ? 'A column with no name was ignored' : `Unknown column "${label}" was ignored`;
      warnings.push({ column: label, message });
      return null;
    }
    if (seen.has(column)) {
      errors.push({ column, message: `The file has more than one ${column} column` });
      return null;
    }
    seen.add(column);
    return column;
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) errors.push({ column, message: `The file has no ${column} column` });
  }
  return { columns, warnings, errors };
}

// Enumerations are matched like headers, so `Very-Low`, `OLA_care` and `olacare` all count.
const RISK_BY_KEY = new Map<string, RiskGrade>([
  ...RISK_GRADES.map((g): [string, RiskGrade] => [normaliseHeader(g), g]),
  ['absent', 'no apparent risk'],
]);
const MISSING_FROM_BY_KEY = new Map(MISSING_FROM.map((m): [string, MissingFrom] => [normaliseHeader(m), m]));
const RISK_LABEL = RISK_GRADES.join(', ');
const MISSING_FROM_LABEL = MISSING_FROM.join(', ');
const SEX_BY_KEY = new Map<string, Sex>([['male', 'male'], ['m', 'male'], ['female', 'female'], ['f', 'female']]);

const REFERENCE = /^[A-Za-z0-9/_.-]+$/;
const POSTCODE = /^(?:GIR0AA|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$/;
// Control characters (C0 and C1) except tab and newline: they break CSV, logs and screens.
const CONTROL = /[^\P{Cc}\t\n]/gu;

interface Context {
  record: Record<string, unknown>;
  errors: FieldError[];
}

function fail(ctx: Context, column: string, message: string): null {
  ctx.errors.push({ column, message });
  return null;
}

/** Clean trimmed text; null if blank; undefined if not text (already reported). */
function cell(ctx: Context, column: string): string | null | undefined {
  const raw = ctx.record[column];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') {
    fail(ctx, column, `${column} must be text`);
    return undefined;
  }
  const value = raw.replace(CONTROL, '').trim();
  return value === '' ? null : value;
}

/**
 * A cell that must not be blank when `need` is set: true for the usual message, or a message of its own.
 * (Messages are built only on failure: this runs for every cell of a bulk import.)
 */
type Need = boolean | string;
function present(ctx: Context, column: string, need: Need = false): string | null {
  const value = cell(ctx, column);
  if (value !== null || need === false) return value ?? null;
  return fail(ctx, column, need === true ? `${column} is missing` : need);
}

function text(ctx: Context, column: string, max: number, need: Need = false): string | null {
  const value = present(ctx, column, need);
  // Counted in characters, not UTF-16 units; the cheap length check first keeps the common case fast.
  if (value !== null && value.length > max && [...value].length > max) {
    return fail(ctx, column, `${column} is too long (at most ${max} characters)`);
  }
  return value;
}

function choice<T>(ctx: Context, column: string, options: Map<string, T>, label: string, need: Need): T | null {
  const value = present(ctx, column, need);
  if (value === null) return null;
  return options.get(normaliseHeader(value)) ?? fail(ctx, column, `${column} must be one of ${label}`);
}

function reference(ctx: Context): string | null {
  const value = text(ctx, 'police_reference', 50, true);
  if (value === null || REFERENCE.test(value)) return value;
  return fail(ctx, 'police_reference', 'police_reference may only contain letters, digits and - / _ .');
}

function timestamp(ctx: Context, column: string, need: Need): Date | null {
  const value = present(ctx, column, need);
  if (value === null) return null;
  const parsed = parseUkTimestamp(value);
  if (parsed.ok) return parsed.value;
  const message = {
    format: `${column} is not a date and time we can read (for example 31/03/2024 23:15 or 2024-03-31T23:15)`,
    'date-only': `${column} needs a time as well as a date (a time is needed to measure 24 and 72 hours)`,
    'not-real': `${column} ${value} is not a real date and time`,
    nonexistent: `${column} ${value} did not happen in UK time: the clocks went forward an hour then`,
  }[parsed.reason];
  return fail(ctx, column, message);
}

function timestamps(ctx: Context): Record<'reportedAt' | 'notifiedAt' | 'lastSeenAt' | 'foundAt', Date | null> {
  const t = {
    reportedAt: timestamp(ctx, 'reported_at', true),
    notifiedAt: timestamp(ctx, 'notified_at', true),
    lastSeenAt: timestamp(ctx, 'last_seen_at', true),
    foundAt: timestamp(ctx, 'found_at', false),
  };
  order(ctx, t.reportedAt, 'reported_at', t.lastSeenAt, 'last_seen_at');
  order(ctx, t.notifiedAt, 'notified_at', t.reportedAt, 'reported_at');
  order(ctx, t.foundAt, 'found_at', t.lastSeenAt, 'last_seen_at');
  return t;
}

function order(ctx: Context, later: Date | null, laterColumn: string, earlier: Date | null, earlierColumn: string) {
  if (later && earlier && later.getTime() < earlier.getTime()) {
    fail(ctx, laterColumn, `${laterColumn} is before ${earlierColumn}`);
  }
}

function birthDate(ctx: Context, lastSeenAt: Date | null): string | null {
  const column = 'date_of_birth';
  const value = present(ctx, column, true);
  if (value === null) return null;
  const parsed = parseUkDate(value);
  if (!parsed.ok) {
    if (parsed.reason === 'not-real') return fail(ctx, column, `${column} ${value} is not a real date`);
    return fail(ctx, column, `${column} must be a date like 28/02/2010 or 2010-02-28`);
  }
  if (lastSeenAt === null) return parsed.value;
  if (parsed.value > londonDate(lastSeenAt)) return fail(ctx, column, `${column} is after last_seen_at`);
  if (ageInYears(parsed.value, lastSeenAt) >= 18) {
    return fail(ctx, column, 'the child was 18 or over at last_seen_at: Homeward records children only');
  }
  return parsed.value;
}

/** Normalised to upper case with one space before the inward code, e.g. `NG1 5AB`. */
function postcode(ctx: Context, column: string): string | null {
  const value = present(ctx, column);
  if (value === null) return null;
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!POSTCODE.test(compact)) return fail(ctx, column, `${column} is not a valid UK postcode`);
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The optional fields, and responsible_authority (required for ola care). */
function details(ctx: Context, missingFrom: MissingFrom | null) {
  const olaNeed = missingFrom === 'ola care' && 'responsible_authority is needed when missing_from is ola care';
  return {
    sex: choice(ctx, 'sex', SEX_BY_KEY, 'male, female, m, f (or left blank)', false),
    laChildId: text(ctx, 'la_child_id', 50),
    policePersonId: text(ctx, 'police_person_id', 50),
    responsibleAuthority: text(ctx, 'responsible_authority', 100, olaNeed),
    district: text(ctx, 'district', 100),
    missingFromPostcode: postcode(ctx, 'missing_from_postcode'),
    foundLocation: text(ctx, 'found_location', 2000),
    foundPostcode: postcode(ctx, 'found_postcode'),
    circumstances: text(ctx, 'circumstances', 2000),
  };
}

/** Validates one notification (keyed by contract column) and returns the value or every problem in it. */
export function parseNotification(record: Record<string, unknown>): ParseResult {
  const ctx: Context = { record, errors: [] };
  const policeReference = reference(ctx);
  const { reportedAt, notifiedAt, lastSeenAt, foundAt } = timestamps(ctx);
  const riskGrade = choice(ctx, 'risk_grade', RISK_BY_KEY, RISK_LABEL, true);
  const forename = text(ctx, 'forename', 100, true);
  const surname = text(ctx, 'surname', 100, true);
  const dateOfBirth = birthDate(ctx, lastSeenAt);
  const missingFrom = choice(ctx, 'missing_from', MISSING_FROM_BY_KEY, MISSING_FROM_LABEL, true);
  const d = details(ctx, missingFrom);
  if (ctx.errors.length > 0 || !policeReference || !reportedAt || !notifiedAt || !lastSeenAt || !riskGrade
    || !forename || !surname || !dateOfBirth || !missingFrom) {
    return { ok: false, errors: ctx.errors };
  }
  // Spelt out, not spread: in V8 an object spread here made parsing about four times slower (measured).
  const value: NotificationInput = {
    policeReference, reportedAt, notifiedAt, lastSeenAt, foundAt, riskGrade, forename, surname, dateOfBirth,
    sex: d.sex, laChildId: d.laChildId, policePersonId: d.policePersonId, missingFrom,
    responsibleAuthority: d.responsibleAuthority, district: d.district, missingFromPostcode: d.missingFromPostcode,
    foundLocation: d.foundLocation, foundPostcode: d.foundPostcode, circumstances: d.circumstances,
  };
  return { ok: true, warnings: [], value };
}

/** The inverse of parseNotification: CSV cells, times as ISO 8601 in Europe/London with offset. */
export function toNotificationRecord(input: NotificationInput): Record<string, string> {
  const time = (d: Date | null): string => (d === null ? '' : formatIsoLondon(d));
  const cells: Record<NotificationColumn, string> = {
    police_reference: input.policeReference, reported_at: time(input.reportedAt),
    notified_at: time(input.notifiedAt), last_seen_at: time(input.lastSeenAt), found_at: time(input.foundAt),
    risk_grade: input.riskGrade, forename: input.forename, surname: input.surname,
    date_of_birth: input.dateOfBirth, sex: input.sex ?? '', la_child_id: input.laChildId ?? '',
    police_person_id: input.policePersonId ?? '', missing_from: input.missingFrom,
    responsible_authority: input.responsibleAuthority ?? '', district: input.district ?? '',
    missing_from_postcode: input.missingFromPostcode ?? '', found_location: input.foundLocation ?? '',
    found_postcode: input.foundPostcode ?? '', circumstances: input.circumstances ?? '',
  };
  return cells;
}
