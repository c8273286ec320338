/** Return home interviews: the worklist with its clocks, and one interview's page where it is recorded. */
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../../modules/errors.ts';
import {
  recordReturnInterview, returnInterviewWorklist, ReturnInterviewChanged, viewReturnInterview, type WorklistFilter,
} from '../../modules/return-interviews/return-interviews.service.ts';
import { postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { clockTag, dueWhat, postedRhi, recordPageLocals, storedValues } from './form.ts';

type Params = { Params: { id: string } };
type Query = { Querystring: { show?: string } };

const FILTERS: Record<string, WorklistFilter> = { overdue: 'overdue', 'due-soon': 'due-soon' };

export function registerReturnInterviewRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Query>(urls.returnInterviews, async (request, reply) => {
    const filter = FILTERS[request.query.show ?? ''] ?? 'all';
    const list = await returnInterviewWorklist(db, requireActor(request), now(), filter);
    const rows = list.rows.map((r) => ({ ...r, tagClass: clockTag(r.clocks.status), dueWhat: dueWhat(r.offeredAt, r.clocks) }));
    return reply.view('return-interviews/list.njk', { title: 'Return home interviews', ...list, rows, filter });
  });

  app.get<Params>(urls.returnInterview(':id'), async (request, reply) => {
    const actor = requireActor(request);
    const page = await viewReturnInterview(db, actor, request.params.id, now());
    return reply.view('return-interviews/record.njk', recordPageLocals(reply, page, storedValues(page, actor.id)));
  });

  app.post<Params>(urls.returnInterview(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const id = request.params.id;
    const { form, values, version } = postedRhi(request);
    try {
      await recordReturnInterview(db, actor, id, { version: postedVersion(version), form }, now());
    } catch (error) {
      if (error instanceof ReturnInterviewChanged) {
        const page = await viewReturnInterview(db, actor, id, now());
        return reply.code(409).view('return-interviews/stale.njk', { ...recordPageLocals(reply, page, storedValues(page, actor.id)), title: 'This return interview was changed by someone else' });
      }
      if (!(error instanceof ValidationFailed)) throw error;
      const page = await viewReturnInterview(db, actor, id, now(), { for: 'rhi:record' });
      return reply.code(400).view('return-interviews/record.njk', recordPageLocals(reply, page, values, error.problems));
    }
    request.session.flash = { title: 'Success', text: 'The return interview is saved.' };
    return reply.redirect(urls.returnInterview(id));
  });
}
