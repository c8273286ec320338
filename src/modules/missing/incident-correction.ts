/** Which incident fields a person may correct, and whether a corrected value keeps the incident consistent (pure). */
import type { FieldProblem } from '../errors.ts';
import { type Checked, cleanText, normalisePostcode, parseTime } from './incident-rules.ts';
import { fieldLabel } from './incident-fields.ts';
import { ageInYears, formatUkDateTime, londonDate } from './uk-time.ts';

export const CORRECTABLE_FIELDS = [
  'lastSeenAt', 'reportedAt', 'notifiedAt', 'foundAt', 'foundLocation', 'districtId', 'circumstances', 'missingFromPostcode',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type CorrectedValue = Date | string | number | null;

export const isCorrectableField = (f: string): f is CorrectableField => (CORRECTABLE_FIELDS as readonly string[]).includes(f);

export const TIME_FIELDS: readonly CorrectableField[] = ['lastSeenAt', 'reportedAt', 'notifiedAt', 'foundAt'];

export interface CorrectionContext {
  lastSeenAt: Date;
  reportedAt: Date;
  notifiedAt: Date;
  foundAt: Date | null;
  dateOfBirth: string;
  districtIds: Set<number>;
  now: Date;
}

type Times = Pick<CorrectionContext, 'lastSeenAt' | 'reportedAt' | 'notifiedAt' | 'foundAt'>;

/** The same order rules as intake: last seen ≤ reported ≤ notified, and found not before last seen. */
function timeOrderProblem(t: Times, now: Date): string | null {
  const at = (d: Date) => formatUkDateTime(d);
  if (t.reportedAt < t.lastSeenAt) return `Reported to the police (${at(t.reportedAt)}) must not be before last seen (${at(t.lastSeenAt)})`;
  if (t.notifiedAt < t.reportedAt) return `Local authority told (${at(t.notifiedAt)}) must not be before reported to the police (${at(t.reportedAt)})`;
  if (t.foundAt && t.foundAt < t.lastSeenAt) return `Found (${at(t.foundAt)}) must not be before last seen (${at(t.lastSeenAt)})`;
  const latest = [t.lastSeenAt, t.reportedAt, t.notifiedAt, t.foundAt].some((d) => d && d > now);
  return latest ? 'Times must not be in the future' : null;
}

function checkTime(field: CorrectableField, text: string, ctx: CorrectionContext): Checked<Date | null> {
  const fail = (message: string): Checked<Date | null> => ({ ok: false, problems: [{ field: 'value', message }] });
  // A blank found time means the child was recorded as found by mistake and is still missing.
  if (field === 'foundAt' && !text.trim()) return { ok: true, value: null };
  const parsed = parseTime(text, `the new ${fieldLabel(field).toLowerCase()} time`);
  if (!parsed.ok) return fail(parsed.message);
  const problem = timeOrderProblem({ ...ctx, [field]: parsed.value }, ctx.now);
  if (problem) return fail(problem);
  if (field === 'lastSeenAt') {
    if (ctx.dateOfBirth > londonDate(parsed.value)) return fail('Last seen must be after the child’s date of birth');
    if (ageInYears(ctx.dateOfBirth, parsed.value) >= 18) return fail('The child would have been 18 or over when last seen: Homeward records children only');
  }
  return { ok: true, value: parsed.value };
}

function checkOther(field: CorrectableField, text: string, ctx: CorrectionContext): Checked<CorrectedValue> {
  const fail = (message: string): Checked<CorrectedValue> => ({ ok: false, problems: [{ field: 'value', message }] });
  if (field === 'districtId') {
    if (!text.trim()) return { ok: true, value: null };
    const id = Number(text);
    return ctx.districtIds.has(id) ? { ok: true, value: id } : fail('Select a district from the list');
  }
  if (field === 'missingFromPostcode') {
    const value = cleanText(text, 20);
    if (!value) return { ok: true, value: null };
    return normalisePostcode(value) ? { ok: true, value: normalisePostcode(value) } : fail('Enter a real UK postcode, like NG1 5AB, or leave it blank');
  }
  return { ok: true, value: cleanText(text, 2000) };
}

/** The corrected value, checked against the rest of the incident; problems name the form's fields. */
export function checkCorrection(input: { field: string; value: string; reason: string }, ctx: CorrectionContext): Checked<{ field: CorrectableField; value: CorrectedValue; reason: string }> {
  const problems: FieldProblem[] = [];
  const reason = cleanText(input.reason, 500);
  if (!reason) problems.push({ field: 'reason', message: 'Enter the reason for the correction' });
  if (!isCorrectableField(input.field)) return { ok: false, problems: [{ field: 'field', message: 'Select the detail to correct' }, ...problems] };
  const field = input.field;
  if (field === 'foundAt' && !ctx.foundAt) {
    return { ok: false, problems: [{ field: 'value', message: 'The child is not recorded as found: use "Record that the child has been found" instead' }] };
  }
  const checked = TIME_FIELDS.includes(field) ? checkTime(field, input.value, ctx) : checkOther(field, input.value, ctx);
  if (!checked.ok) return { ok: false, problems: [...checked.problems, ...problems] };
  if (!reason) return { ok: false, problems };
  return { ok: true, value: { field, value: checked.value, reason } };
}
