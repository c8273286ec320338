/**
 * The intake contract's messages name CSV columns ("found_at is before last_seen_at"); on the form, people see
 * the field labels instead, in the order the fields appear, as the GOV.UK error summary pattern expects.
 */
import type { FieldError } from '../../modules/missing/notification.ts';

/** Form fields in page order, with the words used for them in messages. */
export const FORM_FIELDS: [column: string, words: string][] = [
  ['police_reference', 'the police reference'],
  ['last_seen_at', 'when the child was last seen'],
  ['reported_at', 'when the child was reported missing'],
  ['notified_at', 'when the local authority was told'],
  ['risk_grade', 'the risk grade'],
  ['missing_from', 'where the child was missing from'],
  ['responsible_authority', 'the responsible authority'],
  ['district', 'the district'],
  ['missing_from_postcode', 'the postcode of the home or placement'],
  ['circumstances', 'the circumstances'],
  ['forename', 'the first name'],
  ['surname', 'the last name'],
  ['date_of_birth', 'the date of birth'],
  ['sex', 'the sex'],
  ['la_child_id', 'the local authority child id'],
  ['police_person_id', 'the police person id'],
  ['found_at', 'when the child was found'],
  ['found_location', 'where the child was found'],
  ['found_postcode', 'the postcode where found'],
];

const WORDS = new Map(FORM_FIELDS);
const ORDER = new Map(FORM_FIELDS.map(([column], i) => [column, i]));

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Rewrites one contract message for the form: "reported_at is missing" → "Enter when the child was reported missing". */
export function formMessage(error: FieldError): string {
  const words = WORDS.get(error.column);
  if (!words) return capitalise(error.message);
  if (error.message === `${error.column} is missing`) return `Enter ${words}`;
  let text = error.message;
  for (const [column, w] of FORM_FIELDS) text = text.split(column).join(w);
  return capitalise(text);
}

export function formErrors(errors: FieldError[]): { column: string; message: string }[] {
  return [...errors]
    .sort((a, b) => (ORDER.get(a.column) ?? 99) - (ORDER.get(b.column) ?? 99))
    .map((e) => ({ column: e.column, message: formMessage(e) }));
}
