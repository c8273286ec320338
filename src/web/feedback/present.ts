/** What the feedback pages show: the questions as GOV.UK radios, feedback given as a summary list, the counts. */
import type { FastifyRequest } from 'fastify';
import { formatUkDateTime } from '../../modules/missing/uk-time.ts';
import type { RhiFeedbackCounts } from '../../modules/reports/rhi-feedback.ts';
import {
  answerLabel, COMMENT_QUESTION, FEEDBACK_QUESTIONS, FEEDBACK_SOURCE_LABELS, type FeedbackForm,
} from '../../modules/return-interviews/feedback.ts';
import type { InterviewFeedback } from '../../modules/return-interviews/feedback.service.ts';
import { postedText } from '../incidents/form.ts';

const FIELDS = ['listened', 'easyToTalk', 'talkAgain', 'comment'] as const;

export function postedFeedback(request: FastifyRequest): FeedbackForm {
  return postedText(request, FIELDS);
}

/** The questions partial's locals; the hint under the comment box speaks to the child or to the worker. */
export function questionLocals(audience: 'child' | 'worker') {
  return {
    questions: FEEDBACK_QUESTIONS.map((q) => ({ field: q.field, question: q.question, items: q.answers.map((a) => ({ value: a.code, text: a.label })) })),
    commentQuestion: COMMENT_QUESTION,
    commentHint: audience === 'child' ? 'You do not have to write anything.' : 'In the child’s own words, if they want to say more.',
  };
}

/** The feedback given, as the interview page and the feedback page show it. */
export function feedbackRows(given: InterviewFeedback['given']) {
  if (!given) return [];
  const f = given.feedback;
  const answered = (text: string | null) => text ?? 'Not answered';
  const rows: [string, string][] = [
    ...FEEDBACK_QUESTIONS.map((q): [string, string] => [q.question, answered(answerLabel(q.field, f[q.field]))]),
    [COMMENT_QUESTION, answered(f.comment)],
    ['Given', `${formatUkDateTime(f.createdAt)}: ${f.source === 'worker' ? `recorded by ${given.recordedByName ?? 'a worker'}` : FEEDBACK_SOURCE_LABELS.child_link.toLowerCase()}`],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** One row per question for the worklist's summary; the middle answer is "A bit" or "Not sure". */
export function summaryRows(c: RhiFeedbackCounts) {
  return [
    { question: FEEDBACK_QUESTIONS[0].question, yes: c.listened.yes, middle: c.listened.a_bit, no: c.listened.no, unanswered: c.listened.unanswered },
    { question: FEEDBACK_QUESTIONS[1].question, yes: c.easyToTalk.yes, middle: c.easyToTalk.a_bit, no: c.easyToTalk.no, unanswered: c.easyToTalk.unanswered },
    { question: FEEDBACK_QUESTIONS[2].question, yes: c.talkAgain.yes, middle: c.talkAgain.not_sure, no: c.talkAgain.no, unanswered: c.talkAgain.unanswered },
  ];
}
