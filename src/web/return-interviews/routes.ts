/** Return home interviews: the worklist with its clocks, and one interview's page where it is recorded. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { ValidationFailed } from '../../modules/errors.ts';
import {
  recordReturnInterview, returnInterviewWorklist, ReturnInterviewChanged, viewReturnInterview, type WorklistFilter,
} from '../../modules/return-interviews/return-interviews.service.ts';
import { FEEDBACK_SUMMARY_DAYS, interviewFeedback, recentFeedbackCounts } from '../../modules/return-interviews/feedback.service.ts';
import { feedbackRows, summaryRows } from '../feedback/present.ts';
import { postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import type { FieldAdvice } from '../../modules/language/advice.ts';
import { savedFlash } from '../language/saved-flash.ts';
import { clockTag, dueWhat, postedRhi, recordPageLocals, storedValues } from './form.ts';

type Params = { Params: { id: string } };
type Query = { Querystring: { show?: string } };

const FILTERS: Record<string, WorklistFilter> = { overdue: 'overdue', 'due-soon': 'due-soon' };

/** The fields the language guide advises on, as the form labels them. */
const RHI_FIELD_LABELS = {
  notes: 'Notes about the reasons', notAttemptedReason: 'Why the interview was not attempted', whereStayed: 'Where the child stayed',
  stayedWith: 'Who the child was with', actions: 'Follow-up actions',
};

export function registerReturnInterviewRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  // The child's feedback section of the interview page (web/feedback).
  const feedbackLocals = async (actor: Actor, id: string) => {
    const feedback = await interviewFeedback(db, actor, id, now());
    return { feedback, feedbackRows: feedbackRows(feedback.given) };
  };

  app.get<Query>(urls.returnInterviews, async (request, reply) => {
    const filter = FILTERS[request.query.show ?? ''] ?? 'all';
    const actor = requireActor(request);
    const list = await returnInterviewWorklist(db, actor, now(), filter);
    const rows = list.rows.map((r) => ({ ...r, tagClass: clockTag(r.clocks.status), dueWhat: dueWhat(r.offeredAt, r.clocks) }));
    const feedbackCounts = await recentFeedbackCounts(db, actor, now());
    return reply.view('return-interviews/list.njk', {
      title: 'Return home interviews', ...list, rows, filter, feedbackCounts, feedbackSummaryRows: summaryRows(feedbackCounts), feedbackDays: FEEDBACK_SUMMARY_DAYS,
    });
  });

  app.get<Params>(urls.returnInterview(':id'), async (request, reply) => {
    const actor = requireActor(request);
    const page = await viewReturnInterview(db, actor, request.params.id, now());
    return reply.view('return-interviews/record.njk', { ...recordPageLocals(reply, page, storedValues(page, actor.id)), ...(await feedbackLocals(actor, page.rhi.id)) });
  });

  app.post<Params>(urls.returnInterview(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const id = request.params.id;
    const { form, values, version } = postedRhi(request);
    let advice: FieldAdvice[];
    try {
      advice = await recordReturnInterview(db, actor, id, { version: postedVersion(version), form }, now());
    } catch (error) {
      if (error instanceof ReturnInterviewChanged) {
        const page = await viewReturnInterview(db, actor, id, now());
        return reply.code(409).view('return-interviews/stale.njk', { ...recordPageLocals(reply, page, storedValues(page, actor.id)), title: 'This return interview was changed by someone else' });
      }
      if (!(error instanceof ValidationFailed)) throw error;
      const page = await viewReturnInterview(db, actor, id, now(), { for: 'rhi:record' });
      return reply.code(400).view('return-interviews/record.njk', { ...recordPageLocals(reply, page, values, error.problems), ...(await feedbackLocals(actor, page.rhi.id)) });
    }
    request.session.flash = savedFlash('The return interview is saved.', advice, RHI_FIELD_LABELS);
    return reply.redirect(urls.returnInterview(id));
  });
}
