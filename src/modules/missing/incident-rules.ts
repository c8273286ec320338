/**
 * The rules for changing an incident by hand (pure): marking found, correcting a field, re-grading risk,
 * overriding the classification. The same time rules as intake apply (police-notifications.md).
 */
import { Conflict, type FieldProblem } from '../errors.ts';
import { FOUND_BY_OPTIONS, HARM_LEVELS, type HarmLevel } from './incident-fields.ts';
import { formatUkDateTime, parseUkTimestamp } from './uk-time.ts';

/** Someone else saved the incident after this form was opened: never overwrite their change silently. */
export class IncidentChanged extends Conflict {
  constructor(readonly incidentId: string) {
    super('This incident was changed by someone else while you were editing');
    this.name = 'IncidentChanged';
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const POSTCODE = /^(?:GIR0AA|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$/;

/** `ng15ab` → `NG1 5AB`; null when it is not a UK postcode. */
export function normalisePostcode(text: string): string | null {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return POSTCODE.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
}

export function cleanText(text: string | undefined, max: number): string | null {
  const value = (text ?? '').replace(/[^\P{Cc}\t\n\r]/gu, '').trim();
  return value === '' ? null : [...value].slice(0, max).join('');
}

/** A typed UK date and time, or the message to show; `what` names it in the message ("the time found"). */
export function parseTime(text: string, what: string): { ok: true; value: Date } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: `Enter ${what}` };
  const parsed = parseUkTimestamp(text);
  if (parsed.ok) return parsed;
  const message = {
    format: `Enter ${what} as a date and time, like 31/03/2024 23:15`,
    'date-only': `Enter a time as well as a date for ${what}, like 31/03/2024 23:15`,
    'not-real': `${capitalise(what)} must be a real date and time`,
    nonexistent: `${capitalise(what)} did not happen in UK time: the clocks went forward an hour then`,
  }[parsed.reason];
  return { ok: false, message };
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface FoundForm {
  foundAt: string;
  foundLocation: string;
  foundPostcode: string;
  foundBy: string;
  harm: string;
  harmNotes: string;
}

export interface FoundDetails {
  foundAt: Date;
  foundLocation: string;
  foundPostcode: string | null;
  foundBy: string;
  harm: HarmLevel;
  harmNotes: string | null;
}

/** Checks found details against the incident: found after last seen, and not in the future. */
export function checkFound(form: FoundForm, lastSeenAt: Date, now: Date): Checked<FoundDetails> {
  const problems: FieldProblem[] = [];
  const when = parseTime(form.foundAt, 'when the child was found');
  if (!when.ok) problems.push({ field: 'foundAt', message: when.message });
  else if (when.value.getTime() < lastSeenAt.getTime()) problems.push({ field: 'foundAt', message: `The time found must be after the child was last seen (${formatUkDateTime(lastSeenAt)})` });
  else if (when.value.getTime() > now.getTime()) problems.push({ field: 'foundAt', message: 'The time found must not be in the future' });
  const foundLocation = cleanText(form.foundLocation, 2000);
  if (!foundLocation) problems.push({ field: 'foundLocation', message: 'Enter where the child was found' });
  const postcodeText = cleanText(form.foundPostcode, 20);
  const foundPostcode = postcodeText ? normalisePostcode(postcodeText) : null;
  if (postcodeText && !foundPostcode) problems.push({ field: 'foundPostcode', message: 'Enter a real UK postcode, like NG1 5AB, or leave it blank' });
  const foundBy = (FOUND_BY_OPTIONS as readonly string[]).includes(form.foundBy) ? form.foundBy : null;
  if (!foundBy) problems.push({ field: 'foundBy', message: 'Select who found the child, or that they returned without help' });
  const harm = (HARM_LEVELS as readonly string[]).includes(form.harm) ? (form.harm as HarmLevel) : null;
  if (!harm) problems.push({ field: 'harm', message: 'Select whether the child came to harm while missing' });
  const harmNotes = cleanText(form.harmNotes, 2000);
  if (harm === 'confirmed' && !harmNotes) problems.push({ field: 'harmNotes', message: 'Describe the harm that was confirmed' });
  if (problems.length || !when.ok || !foundLocation || !foundBy || !harm) return { ok: false, problems };
  return { ok: true, value: { foundAt: when.value, foundLocation, foundPostcode, foundBy, harm, harmNotes: harm === 'none' ? null : harmNotes } };
}
