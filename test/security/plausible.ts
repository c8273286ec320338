/**
 * What a person would type into the empty boxes whose names say what they hold (a date, a time, a postcode, a
 * name), so a form can pass validation and the payload in the other field reaches the service, the database and
 * the pages that show it back. Every other field keeps the value the page gave it.
 */
import { defaultPairs, type HtmlForm } from './html-forms.ts';

let serial = 0;

/** Letters for a number (1 → "b", 27 → "bb"): names stay letters only. */
function letters(n: number): string {
  let out = '';
  for (let rest = n; rest >= 0; rest = Math.floor(rest / 26) - 1) out = String.fromCharCode(97 + (rest % 26)) + out;
  return out;
}

const FILLS: [RegExp, () => string][] = [
  [/birth/i, () => '01/05/2012'],
  // Ten minutes before the tests' "now" (21/11/2026 12:00 UTC): after the fixtures' last seen and found times.
  [/(At|_at|For)$/, () => '21/11/2026 11:50'],
  [/(On|_on)$/, () => '21/11/2026'],
  [/postcode/i, () => 'NG1 5AB'],
  [/reference/i, () => `SEC/${Date.now().toString(36)}/${(serial += 1)}`],
  [/forename/i, () => 'Ava'],
  // A new family name each time, so two attempts never look like the same child already missing.
  [/surname/i, () => `Quillfeather${letters((serial += 1))}`],
  [/By$/, () => 'Jo Finch, return interview worker'],
];

/** A plausible answer for a field by its name, or null when its name does not say. */
export function plausibleText(name: string): string | null {
  return FILLS.find(([re]) => re.test(name))?.[1]() ?? null;
}

const FILLED_KINDS = new Set(['text', 'search', 'date', 'datetime-local', 'tel']);

/**
 * The form as a person who answered only the obvious questions would send it: an empty select gets its first real
 * option; numbered fields (action1Owner) are optional extra rows and stay empty.
 */
export function plausiblePairs(form: HtmlForm): [string, string][] {
  const fields = new Map(form.fields.map((f) => [f.name, f]));
  return defaultPairs(form).map(([name, value]) => {
    const field = fields.get(name);
    if (value !== '' || !field || /\d/.test(name)) return [name, value];
    if (field.kind === 'select') return [name, field.options?.find((o) => o !== '') ?? value];
    return [name, (FILLED_KINDS.has(field.kind) ? plausibleText(name) : null) ?? value];
  });
}
