/** The Philomena pages' locals: the Part 1 form by section, answers as summary lists, the stale-save comparison. */
import type { FastifyReply } from 'fastify';
import type { FieldProblem } from '../../modules/errors.ts';
import { formatUkDate, formatUkDateTime, londonDate } from '../../modules/missing/uk-time.ts';
import type { MissingHistory } from '../../modules/philomena/history.ts';
import { NOT_KNOWN, type PacketLine } from '../../modules/philomena/packet-sections.ts';
import type { PhilomenaChild } from '../../modules/philomena/philomena-child.ts';
import {
  answersAsInput, PROFILE_FIELDS, PROFILE_QUESTIONS, PROFILE_SECTIONS, REVIEW_LABELS, type ProfileAnswers,
} from '../../modules/philomena/profile-form.ts';
import type { ProfilePage } from '../../modules/philomena/profile.service.ts';
import { escapeHtml } from '../incidents/present.ts';
import { formLocals } from '../incidents/form.ts';

export type Values = Record<string, string>;

/** Free text keeps its line breaks on the page; everything is escaped first. */
export const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

export function summaryRows(lines: readonly PacketLine[]) {
  return lines.map((l) => ({ key: { text: l.label }, value: { html: multiline(l.value) } }));
}

/** The Part 1 questions by section, each with its value and message, for the form. */
export function formSections(values: Values) {
  return PROFILE_SECTIONS.map((title) => ({
    title,
    questions: PROFILE_QUESTIONS.filter((q) => q.section === title).map((q) => ({ ...q, value: values[q.name] ?? '' })),
  }));
}

/** Part 1 as summary lists by section, for those who may read it but not change it (and the stale page). */
export function answerSections(answers: ProfileAnswers | null) {
  return PROFILE_SECTIONS.map((title) => ({
    title,
    rows: summaryRows(PROFILE_QUESTIONS.filter((q) => q.section === title).map((q) => ({ label: q.label, value: answers?.[q.name] ?? NOT_KNOWN }))),
  }));
}

export function reviewedText(answers: ProfileAnswers | null): string {
  return answers?.reviewedOn ? `${formatUkDate(answers.reviewedOn)} by ${answers.reviewedBy ?? ''}` : 'Not recorded';
}

export function historyLocals(h: MissingHistory) {
  return {
    count: h.count, since: formatUkDate(londonDate(h.since)),
    rows: h.lastTwelveMonths.map((e) => ({
      incidentId: e.incidentId, policeReference: e.policeReference, lastSeen: formatUkDateTime(e.lastSeenAt),
      found: e.foundAt ? formatUkDateTime(e.foundAt) : 'Not yet found', where: e.foundLocation ?? (e.foundAt ? NOT_KNOWN : ''),
    })),
  };
}

export const childName = (c: PhilomenaChild) => `${c.forename} ${c.surname}`;

/** Everything the profile page needs; `photoValues` and problems come back when a form is re-shown. */
export function profileLocals(reply: FastifyReply, page: ProfilePage, o: { values?: Values; photoValues?: Values; problems?: FieldProblem[] } = {}) {
  const values = o.values ?? { ...answersAsInput(page.answers), version: String(page.version) };
  return {
    title: `Philomena profile: ${childName(page.child)}`,
    page, values, photoValues: o.photoValues ?? {}, sections: formSections(values), answerSections: answerSections(page.answers),
    reviewed: reviewedText(page.answers), history: historyLocals(page.history), reviewLabels: REVIEW_LABELS,
    ...formLocals(reply, o.problems ?? []),
  };
}

/**
 * The stale-save page's two versions: every value as it is now, and a table of the fields where what was posted
 * differs from it (now, and yours) — what the person would lose by simply saving again.
 */
export function staleLocals(labels: Record<string, string>, now: Values, yours: Values) {
  const fields = Object.entries(labels);
  return {
    currentRows: summaryRows(fields.map(([field, label]) => ({ label, value: now[field] || NOT_KNOWN }))),
    differences: fields
      .filter(([field]) => (now[field] ?? '').trim() !== (yours[field] ?? '').trim())
      .map(([field, label]) => [{ text: label }, { html: multiline(now[field] || NOT_KNOWN) }, { html: multiline(yours[field] || '(left blank)') }]),
  };
}

/** Every Part 1 field's label, in the form's order. */
export const PROFILE_LABELS: Record<string, string> = {
  ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f, PROFILE_QUESTIONS.find((q) => q.name === f)?.label ?? f])),
  ...REVIEW_LABELS,
};
