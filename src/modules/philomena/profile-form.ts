/**
 * Part 1 of the Philomena Protocol as a person fills it in (pure): the questions, their limits, and checking
 * what was typed. The questions follow the protocol's published forms (uk-standards.md 5.3: GMP, PSNI, Thames
 * Valley): description, associates, places, phones and social media, medical, vulnerabilities, finance, transport.
 */
import type { FieldProblem } from '../errors.ts';
import { cleanText, type Checked } from '../missing/incident-rules.ts';
import { formatUkDate, londonDate, parseUkDate } from '../missing/uk-time.ts';

export const PROFILE_SECTIONS = ['Description', 'Who and where', 'Health and vulnerabilities', 'Money and travel'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export interface ProfileQuestion {
  name: string;
  label: string;
  hint?: string;
  max: number;
  section: ProfileSection;
  /** A short answer gets a one-line field; the rest a text area. */
  short?: boolean;
}

export const PROFILE_QUESTIONS = [
  { name: 'height', label: 'Height', hint: 'For example, 1.65 m (5 ft 5 in)', max: 100, section: 'Description', short: true },
  { name: 'build', label: 'Build', hint: 'For example, slim', max: 100, section: 'Description', short: true },
  { name: 'hair', label: 'Hair', hint: 'Colour, length and style', max: 200, section: 'Description', short: true },
  { name: 'eyes', label: 'Eyes', hint: 'Colour, and glasses or contact lenses', max: 100, section: 'Description', short: true },
  { name: 'marks', label: 'Marks', hint: 'Birthmarks, piercings and other distinguishing marks, and where they are', max: 2000, section: 'Description' },
  { name: 'scars', label: 'Scars', hint: 'What and where', max: 2000, section: 'Description' },
  { name: 'tattoos', label: 'Tattoos', hint: 'What and where', max: 2000, section: 'Description' },
  { name: 'nicknames', label: 'Nicknames and other names used', max: 1000, section: 'Who and where' },
  { name: 'associates', label: 'Associates', hint: 'Friends, partners and adults the child spends time with, and how to reach them if known', max: 4000, section: 'Who and where' },
  { name: 'places', label: 'Addresses and places frequented', hint: 'Family and friends’ addresses, and places the child goes to', max: 4000, section: 'Who and where' },
  { name: 'phones', label: 'Phones', hint: 'Numbers and handsets', max: 2000, section: 'Who and where' },
  { name: 'socialMedia', label: 'Social media', hint: 'Accounts and user names', max: 2000, section: 'Who and where' },
  { name: 'medical', label: 'Medical needs', max: 4000, section: 'Health and vulnerabilities' },
  { name: 'medication', label: 'Medication', hint: 'What, how often, and what happens if a dose is missed', max: 2000, section: 'Health and vulnerabilities' },
  { name: 'vulnerabilities', label: 'Vulnerabilities', hint: 'Risks to the child and warning markers', max: 4000, section: 'Health and vulnerabilities' },
  { name: 'finance', label: 'Money', hint: 'Bank accounts, cards and other ways the child may get money', max: 2000, section: 'Money and travel' },
  { name: 'transport', label: 'Transport', hint: 'Travel cards, bikes and the routes the child knows', max: 2000, section: 'Money and travel' },
] as const satisfies readonly ProfileQuestion[];

export type ProfileField = (typeof PROFILE_QUESTIONS)[number]['name'];
export const PROFILE_FIELDS: readonly ProfileField[] = PROFILE_QUESTIONS.map((q) => q.name);

/** What the form sends: text as typed. */
export type ProfileInput = Record<ProfileField | 'reviewedOn' | 'reviewedBy', string>;

/** Part 1 as stored: each answer, or null when not known. */
export type ProfileAnswers = Record<ProfileField, string | null> & { reviewedOn: string | null; reviewedBy: string | null };

export const REVIEW_LABELS = { reviewedOn: 'Date of the last review', reviewedBy: 'Who reviewed it' } as const;
export const REVIEWED_BY_MAX = 200;

function checkReview(input: ProfileInput, now: Date, problems: FieldProblem[]): { reviewedOn: string | null; reviewedBy: string | null } {
  const by = cleanText(input.reviewedBy, REVIEWED_BY_MAX + 1);
  const text = input.reviewedOn.trim();
  let on: string | null = null;
  if (text) {
    const parsed = parseUkDate(text);
    if (!parsed.ok) {
      const message = parsed.reason === 'not-real' ? 'The date of the review must be a real date' : 'Enter the date of the review like 27/03/2026';
      problems.push({ field: 'reviewedOn', message });
    } else if (parsed.value > londonDate(now)) {
      problems.push({ field: 'reviewedOn', message: 'The date of the review must be today or in the past' });
    } else on = parsed.value;
  }
  if (!text && by) problems.push({ field: 'reviewedOn', message: 'Enter the date of the review' });
  if (text && !by) problems.push({ field: 'reviewedBy', message: 'Enter who reviewed the profile' });
  if (by && [...by].length > REVIEWED_BY_MAX) problems.push({ field: 'reviewedBy', message: `Who reviewed it must be ${REVIEWED_BY_MAX} characters or fewer` });
  return { reviewedOn: on, reviewedBy: by };
}

/** Checks the form: every answer is optional and limited in length; a review needs its date and who did it. */
export function checkProfile(input: ProfileInput, now: Date): Checked<ProfileAnswers> {
  const problems: FieldProblem[] = [];
  const answers = {} as Record<ProfileField, string | null>;
  for (const q of PROFILE_QUESTIONS) {
    const value = cleanText(input[q.name], q.max + 1);
    if (value && [...value].length > q.max) problems.push({ field: q.name, message: `${q.label} must be ${q.max} characters or fewer` });
    answers[q.name] = value;
  }
  const review = checkReview(input, now, problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { ...answers, ...review } };
}

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** The answers that differ from what is stored (all of them, against no profile yet). */
export function profileChanges(before: ProfileAnswers | null, after: ProfileAnswers): FieldChange[] {
  const fields = [...PROFILE_FIELDS, 'reviewedOn', 'reviewedBy'] as const;
  return fields
    .map((field) => ({ field, oldValue: before ? before[field] : null, newValue: after[field] }))
    .filter((c) => c.oldValue !== c.newValue);
}

/** The label of a Part 1 field, for the history of changes. */
export function profileFieldLabel(field: string): string {
  if (field === 'reviewedOn' || field === 'reviewedBy') return REVIEW_LABELS[field];
  if (field === 'photo') return 'New photo (date taken)';
  return PROFILE_QUESTIONS.find((q) => q.name === field)?.label ?? field;
}

/** A stored answer as the form shows it: dates as dd/mm/yyyy, nothing as ''. */
export function answersAsInput(answers: ProfileAnswers | null): ProfileInput {
  const input = {} as ProfileInput;
  for (const f of PROFILE_FIELDS) input[f] = answers?.[f] ?? '';
  input.reviewedOn = answers?.reviewedOn ? formatUkDate(answers.reviewedOn) : '';
  input.reviewedBy = answers?.reviewedBy ?? '';
  return input;
}
