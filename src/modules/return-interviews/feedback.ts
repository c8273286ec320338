/**
 * The child's feedback on their return interview (pure): the questions, written for a reading age of about 9
 * and never asking the child to explain themselves; the rules for an answer; one-time link tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FieldProblem } from '../errors.ts';
import type { Checked } from '../missing/incident-rules.ts';
import type { CodeLabel } from './outcomes.ts';
import type { RhiOutcome } from './outcomes.ts';

export const FEEDBACK_LINK_DAYS = 14;
export const COMMENT_MAX = 2000;

const YES_A_BIT_NO = [{ code: 'yes', label: 'Yes' }, { code: 'a_bit', label: 'A bit' }, { code: 'no', label: 'No' }] as const;
const YES_NOT_SURE_NO = [{ code: 'yes', label: 'Yes' }, { code: 'not_sure', label: 'Not sure' }, { code: 'no', label: 'No' }] as const;

export const FEEDBACK_QUESTIONS = [
  { field: 'listened', question: 'Did you feel listened to?', answers: YES_A_BIT_NO },
  { field: 'easyToTalk', question: 'Was it easy to talk to the person you met?', answers: YES_A_BIT_NO },
  { field: 'talkAgain', question: 'Would you talk to them again if you needed to?', answers: YES_NOT_SURE_NO },
] as const satisfies readonly { field: string; question: string; answers: readonly CodeLabel[] }[];

export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number]['field'];
export type ListenedAnswer = (typeof YES_A_BIT_NO)[number]['code'];
export type TalkAgainAnswer = (typeof YES_NOT_SURE_NO)[number]['code'];
export const COMMENT_QUESTION = 'Is there anything else you want to tell us?';

export type FeedbackSource = 'child_link' | 'worker';
export const FEEDBACK_SOURCE_LABELS: Record<FeedbackSource, string> = { child_link: 'The child, by their one-time link', worker: 'Recorded by the worker' };

/** Feedback is about an interview that took place: a completed one, or a conversation where advice was given. */
export const OUTCOMES_WITH_FEEDBACK: readonly RhiOutcome[] = ['completed', 'advice_given'];

export interface FeedbackForm { listened: string; easyToTalk: string; talkAgain: string; comment: string }

export interface FeedbackAnswers {
  listened: ListenedAnswer | null;
  easyToTalk: ListenedAnswer | null;
  talkAgain: TalkAgainAnswer | null;
  comment: string | null;
}

/** The label of an answer code for a question, as the child saw it. */
export function answerLabel(field: FeedbackQuestion, code: string | null): string | null {
  if (code === null) return null;
  const question = FEEDBACK_QUESTIONS.find((q) => q.field === field);
  return question?.answers.find((a) => a.code === code)?.label ?? null;
}

function answerOf<C extends string>(answers: readonly { code: C }[], text: string): C | null | undefined {
  if (text === '') return null;
  return answers.find((a) => a.code === text)?.code;
}

/**
 * Every question may be left out, but not all of them. The messages speak to whoever fills the form in:
 * the child themselves, or the worker recording what the child said.
 */
export function checkFeedbackForm(form: FeedbackForm, audience: 'child' | 'worker'): Checked<FeedbackAnswers> {
  const problems: FieldProblem[] = [];
  const pick = <C extends string>(field: FeedbackQuestion, answers: readonly { code: C }[]): C | null => {
    const value = answerOf(answers, form[field].trim());
    if (value !== undefined) return value;
    problems.push({ field, message: 'Choose one of the answers' });
    return null;
  };
  const listened = pick('listened', YES_A_BIT_NO);
  const easyToTalk = pick('easyToTalk', YES_A_BIT_NO);
  const talkAgain = pick('talkAgain', YES_NOT_SURE_NO);
  const comment = form.comment.trim() === '' ? null : form.comment.trim();
  if (comment !== null && comment.length > COMMENT_MAX) {
    problems.push({ field: 'comment', message: audience === 'child' ? 'What you wrote is too long. Please make it shorter.' : `The comment must be ${COMMENT_MAX.toLocaleString('en-GB')} characters or fewer` });
  }
  if (problems.length === 0 && listened === null && easyToTalk === null && talkAgain === null && comment === null) {
    problems.push({ field: 'listened', message: audience === 'child' ? 'Answer at least one question, or write something in the box' : 'Record at least one of the child’s answers' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { listened, easyToTalk, talkAgain, comment } };
}

/** 32 random bytes, URL-safe: the token goes only into the link, never into the database. */
export function newFeedbackToken(): string {
  return randomBytes(32).toString('base64url');
}

export const feedbackTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A well-formed token; anything else is an unknown link without asking the database. */
export const looksLikeFeedbackToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export type LinkState = 'open' | 'used' | 'unavailable';

/**
 * What the child sees: the form, "already used" (the link was used, or feedback was given another way), or
 * one kind message for an unknown or expired link, so nobody learns which.
 */
export function linkState(link: { expiresAt: Date; usedAt: Date | null } | null, feedbackGiven: boolean, now: Date): LinkState {
  if (!link) return 'unavailable';
  if (link.usedAt || feedbackGiven) return 'used';
  return link.expiresAt.getTime() > now.getTime() ? 'open' : 'unavailable';
}
