/**
 * Part 2 of the Philomena Protocol (pure): filled in when the child goes missing — "what the child was wearing at
 * the time and where they were last seen" (PSNI/GMP, uk-standards.md 5.3) — and what else the police should know.
 */
import type { FieldProblem } from '../errors.ts';
import { cleanText, parseTime, type Checked } from '../missing/incident-rules.ts';
import { formatUkDateTime } from '../missing/uk-time.ts';

export const PART2_QUESTIONS = [
  { name: 'clothing', label: 'What the child was wearing', hint: 'Clothes, shoes, bags and anything they were carrying', max: 2000 },
  { name: 'lastSeenPlace', label: 'Where the child was last seen', hint: 'An address or a description of the place', max: 2000 },
  { name: 'otherInformation', label: 'Anything else the police should know', hint: 'For example, who the child may be with, or where they may go', max: 4000 },
] as const;

export type Part2TextField = (typeof PART2_QUESTIONS)[number]['name'];
export type Part2Input = Record<Part2TextField | 'lastSeenAt', string>;
export type Part2Answers = Record<Part2TextField, string | null> & { lastSeenAt: Date };

export const LAST_SEEN_LABEL = 'When the child was last seen';

/** Checks the form against the incident: last seen not in the future, nor after the child was found. */
export function checkPart2(input: Part2Input, incident: { foundAt: Date | null }, now: Date): Checked<Part2Answers> {
  const problems: FieldProblem[] = [];
  const answers = {} as Record<Part2TextField, string | null>;
  for (const q of PART2_QUESTIONS) {
    const value = cleanText(input[q.name], q.max + 1);
    if (value && [...value].length > q.max) problems.push({ field: q.name, message: `${q.label} must be ${q.max} characters or fewer` });
    answers[q.name] = value;
  }
  const when = parseTime(input.lastSeenAt, 'when the child was last seen');
  if (!when.ok) problems.push({ field: 'lastSeenAt', message: when.message });
  else if (when.value.getTime() > now.getTime()) problems.push({ field: 'lastSeenAt', message: 'When the child was last seen must not be in the future' });
  else if (incident.foundAt && when.value.getTime() > incident.foundAt.getTime()) {
    problems.push({ field: 'lastSeenAt', message: `When the child was last seen must be before they were found (${formatUkDateTime(incident.foundAt)})` });
  }
  if (problems.length || !when.ok) return { ok: false, problems };
  return { ok: true, value: { ...answers, lastSeenAt: when.value } };
}

/** The label of a Part 2 field, for the history of changes. */
export function part2FieldLabel(field: string): string {
  if (field === 'lastSeenAt') return LAST_SEEN_LABEL;
  return PART2_QUESTIONS.find((q) => q.name === field)?.label ?? field;
}
