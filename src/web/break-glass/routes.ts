/** Break-glass: opening a child's exploitation records with a reason, and the data protection officer's review list. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BREAK_GLASS_MINUTES, breakGlass, breakGlassReviewList, reviewBreakGlass } from '../../modules/access/break-glass.service.ts';
import { assertCan } from '../../modules/access/policy.ts';
import { recordId } from '../../modules/children/ids.ts';
import { ValidationFailed } from '../../modules/errors.ts';
import { formLocals } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import { registerRestrictionRoutes } from './restriction-routes.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Params = { Params: { id: string } };
const Reason = z.object({ reason: z.string().max(2000).default('') });
const Review = z.object({ outcome: z.string().max(20).default(''), note: z.string().max(2000).default('') });

function pageOf(raw: string | undefined): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export function registerBreakGlassRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { db, now } = deps;
  registerRestrictionRoutes(app, deps);
  app.get<Params>(urls.childBreakGlass(':id'), async (request, reply) => {
    assertCan(requireActor(request), 'break-glass:use');
    const childId = recordId(request.params.id, 'child');
    return reply.view('break-glass/request.njk', { title: 'Open this record with a reason', childId, minutes: BREAK_GLASS_MINUTES, values: {} });
  });

  app.post<Params>(urls.childBreakGlass(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const childId = recordId(request.params.id, 'child');
    const form = Reason.parse(request.body ?? {});
    try {
      const { expiresAt } = await breakGlass(db, actor, childId, form.reason, now());
      request.session.flash = { title: 'Important', text: `You can see this child's exploitation records until ${expiresAt.toISOString().slice(11, 16)} UTC. The data protection officer has been told and will review your reason.` };
      return reply.redirect(urls.childExploitation(childId));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.code(400).view('break-glass/request.njk', { title: 'Open this record with a reason', childId, minutes: BREAK_GLASS_MINUTES, values: form, ...formLocals(reply, error.problems) });
    }
  });

  app.get<{ Querystring: { page?: string } }>(urls.breakGlassReviews, async (request, reply) => {
    const list = await breakGlassReviewList(db, requireActor(request), pageOf(request.query.page));
    const href = (page: number) => `${urls.breakGlassReviews}?page=${page}`;
    return reply.view('break-glass/reviews.njk', {
      title: 'Records opened with a reason', list,
      previous: list.page > 1 ? href(list.page - 1) : null, next: list.page < list.pageCount ? href(list.page + 1) : null,
    });
  });

  app.post<Params>(urls.breakGlassReview(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const form = Review.parse(request.body ?? {});
    try {
      await reviewBreakGlass(db, actor, request.params.id, form, now());
      request.session.flash = { title: 'Success', text: 'Your review is recorded.' };
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      request.session.flash = { title: 'Important', text: error.problems.map((p) => p.message).join('. ') };
    }
    return reply.redirect(urls.breakGlassReviews);
  });
}
