/**
 * The child's feedback on their return interview: the public one-time-link form (no sign-in, nothing about the
 * child on it), and the worker's side on the interview: creating a link, recording the child's answers.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import type { LinkState } from '../../modules/return-interviews/feedback.ts';
import {
  childFeedbackLink, createFeedbackLink, interviewFeedback, recordFeedbackForChild, submitChildFeedback, viewInterviewFeedback,
} from '../../modules/return-interviews/feedback.service.ts';
import { formLocals } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { feedbackRows, postedFeedback, questionLocals } from './present.ts';

type Token = { Params: { token: string } };
type Params = { Params: { id: string } };

const MESSAGES: Record<Exclude<LinkState, 'open'> | 'saved', { status: number; title: string; lines: string[] }> = {
  saved: { status: 200, title: 'Thank you for telling us', lines: ['We have your answers. They will help us make these meetings better for children.', 'You can close this page now.'] },
  used: { status: 200, title: 'This link has already been used. Thank you.', lines: ['Your answers have been sent. You can close this page now.'] },
  // Unknown and expired links get the same page, so nobody can tell which.
  unavailable: {
    status: 404, title: 'This link is not working',
    lines: ['The link may be out of date, or it may not have been copied in full.', 'If you would still like to tell us how your interview went, ask the person you met to send you a new link.'],
  },
};

function childMessage(reply: FastifyReply, state: keyof typeof MESSAGES): FastifyReply {
  const m = MESSAGES[state];
  return reply.code(m.status).view('feedback/child-message.njk', { title: m.title, lines: m.lines });
}

function childForm(reply: FastifyReply, token: string, values: Record<string, string>, problems: FieldProblem[] = []): FastifyReply {
  return reply.code(problems.length ? 400 : 200).view('feedback/child-form.njk', {
    title: 'Tell us how your interview went', action: urls.childFeedback(token), values, ...questionLocals('child'), ...formLocals(reply, problems),
  });
}

export function registerFeedbackRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerChildRoutes(app, deps);
  registerWorkerRoutes(app, deps);
}

function registerChildRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Token>(urls.childFeedback(':token'), async (request, reply) => {
    const state = await childFeedbackLink(db, request.params.token, now());
    return state === 'open' ? childForm(reply, request.params.token, {}) : childMessage(reply, state);
  });

  // Limited like sign-in: the form is open to anyone holding a link, so repeated posts are slowed down.
  app.post<Token>(urls.childFeedback(':token'), { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = postedFeedback(request);
    try {
      const result = await submitChildFeedback(db, request.params.token, form, { now: now(), correlationId: request.id });
      return childMessage(reply, result);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return childForm(reply, request.params.token, { ...form }, error.problems);
    }
  });
}

function registerWorkerRoutes(app: FastifyInstance, { db, config, now }: RouteDeps): void {
  app.post<Params>(urls.returnInterviewFeedbackLink(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const { token, expiresAt } = await createFeedbackLink(db, requireActor(request), request.params.id, now());
    // Shown in answer to the POST and never stored: reloading the interview will not show it again.
    return reply.view('feedback/link-created.njk', {
      title: 'One-time link created', link: new URL(urls.childFeedback(token), config.publicUrl).toString(), expiresAt,
      returnInterviewId: request.params.id.toLowerCase(), csrfToken: reply.generateCsrf(),
    });
  });

  app.get<Params>(urls.returnInterviewFeedback(':id'), async (request, reply) => {
    const feedback = await viewInterviewFeedback(db, requireActor(request), request.params.id, now());
    return reply.view('feedback/worker-feedback.njk', { title: 'The child’s feedback', feedback, feedbackRows: feedbackRows(feedback.given), values: {}, ...questionLocals('worker') });
  });

  app.post<Params>(urls.returnInterviewFeedback(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const form = postedFeedback(request);
    try {
      await recordFeedbackForChild(db, actor, request.params.id, form, now());
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const feedback = await interviewFeedback(db, actor, request.params.id, now());
      return reply.code(400).view('feedback/worker-feedback.njk', {
        title: 'The child’s feedback', feedback, feedbackRows: feedbackRows(feedback.given), values: { ...form }, ...questionLocals('worker'), ...formLocals(reply, error.problems),
      });
    }
    request.session.flash = { title: 'Success', text: 'The child’s feedback is saved.' };
    return reply.redirect(`${urls.returnInterview(request.params.id.toLowerCase())}#feedback`);
  });
}
