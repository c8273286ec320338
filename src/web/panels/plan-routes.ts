/** A child's One Plan: the page (printable), adding an action, changing an action's status, recording a review. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { PLAN_STATUS_LABELS, PLAN_STATUSES, statusField } from '../../modules/exploitation/plan-form.ts';
import { addPlanAction, changePlanActionStatus, PlanActionChanged, recordPlanReview, viewPlan, type PlanPage } from '../../modules/exploitation/plan.service.ts';
import { formatUkDate } from '../../modules/missing/uk-time.ts';
import type { Database } from '../../db/database.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { flashWithAdvice, formLocals, postedText, postedVersion, queryText, styleNonce } from './present.ts';

type Params = { Params: { id: string } };
type Form = { values: Record<string, string>; problems: FieldProblem[] };

const STATUS_OPTIONS = PLAN_STATUSES.map((s) => ({ value: s, text: PLAN_STATUS_LABELS[s] }));

function renderPlan(reply: FastifyReply, actor: Actor, page: PlanPage, form?: Form, meetingId = ''): FastifyReply {
  return reply.view('panels/plan.njk', {
    title: `One Plan: ${page.child.forename} ${page.child.surname}`, page, canEdit: can(actor, 'plan:edit'), statusOptions: STATUS_OPTIONS, statusField,
    values: form?.values ?? { reviewedOn: formatUkDate(page.today), panelMeetingId: meetingId }, styleNonce: styleNonce(reply),
    ...formLocals(reply, form?.problems ?? []),
  });
}

/** Saves a plan form and goes back to the plan; problems re-render it with what was sent (400). */
async function submit(o: { db: Database; now: () => Date; actor: Actor; request: FastifyRequest<Params>; reply: FastifyReply; values: Record<string, string>; save: () => Promise<void> }) {
  try {
    await o.save();
    return o.reply.redirect(urls.childPlan(o.request.params.id));
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return renderPlan(o.reply.code(400), o.actor, await viewPlan(o.db, o.actor, o.request.params.id, o.now()), { values: o.values, problems: error.problems });
  }
}

export function registerPlanRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params & { Querystring: { meeting?: string } }>(urls.childPlan(':id'), async (request, reply) => {
    const actor = requireActor(request);
    return renderPlan(reply, actor, await viewPlan(db, actor, request.params.id, now()), undefined, queryText(request.query.meeting));
  });

  app.post<Params>(urls.childPlan(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['strand', 'description', 'owner', 'agencyId', 'dueOn'] as const);
    return submit({ db, now, actor, request, reply, values, save: async () => {
      const saved = await addPlanAction(db, actor, request.params.id, values, now());
      flashWithAdvice(request, 'The action is added to the plan.', saved.advice);
    } });
  });

  app.post<Params>(urls.childPlanReviews(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, ['reviewedOn', 'note', 'panelMeetingId'] as const);
    return submit({ db, now, actor, request, reply, values, save: async () => {
      const saved = await recordPlanReview(db, actor, request.params.id, values, now());
      flashWithAdvice(request, 'The review is recorded.', saved.advice);
    } });
  });

  app.post<{ Params: { id: string; actionId: string } }>(urls.childPlanAction(':id', ':actionId'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const { id, actionId } = request.params;
    const { status, version } = postedText(request, ['status', 'version'] as const);
    try {
      const saved = await changePlanActionStatus(db, actor, id, actionId, { status, version: postedVersion(version) }, now());
      request.session.flash = { title: 'Success', text: `The action is now "${saved.statusLabel}".` };
      return reply.redirect(urls.childPlan(id));
    } catch (error) {
      if (error instanceof PlanActionChanged) {
        return reply.code(409).view('panels/plan-stale.njk', {
          title: 'This action was changed by someone else', childId: id, current: error.current, message: error.message,
          yours: PLAN_STATUS_LABELS[error.wanted as keyof typeof PLAN_STATUS_LABELS] ?? error.wanted,
          currentLabel: PLAN_STATUS_LABELS[error.current.status as keyof typeof PLAN_STATUS_LABELS] ?? error.current.status,
        });
      }
      if (!(error instanceof ValidationFailed)) throw error;
      return renderPlan(reply.code(400), actor, await viewPlan(db, actor, id, now()), { values: { [statusField(actionId)]: status }, problems: error.problems });
    }
  });
}
