/** Restricting a child's record to named users: the data protection officer's page. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { liftRestriction, restrictionPage, restrictRecord, type RestrictionPage } from '../../modules/access/restriction.service.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { formLocals } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Params = { Params: { id: string } };
const Form = z.object({
  reason: z.string().max(2000).default(''),
  userIds: z.union([z.string(), z.array(z.string())]).default([]).transform((v) => (Array.isArray(v) ? v : [v]).slice(0, 200)),
});

function view(page: RestrictionPage, values: { reason: string; userIds: string[] }) {
  return {
    title: 'Restrict this record', page,
    people: page.people.map((p) => ({ value: p.id, text: `${p.name} (${p.role})`, checked: values.userIds.includes(p.id) })),
    values,
  };
}

export function registerRestrictionRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.childRestriction(':id'), async (request, reply) => {
    const page = await restrictionPage(db, requireActor(request), request.params.id);
    return reply.view('break-glass/restriction.njk', view(page, { reason: page.restriction?.reason ?? '', userIds: [...page.named] }));
  });

  app.post<Params>(urls.childRestriction(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const form = Form.parse(request.body ?? {});
    try {
      await restrictRecord(db, actor, request.params.id, form, now());
      request.session.flash = { title: 'Success', text: 'The record is restricted to the people named.' };
      return reply.redirect(urls.childRestriction(request.params.id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const page = await restrictionPage(db, actor, request.params.id);
      const problems: FieldProblem[] = error.problems;
      return reply.code(400).view('break-glass/restriction.njk', { ...view(page, form), ...formLocals(reply, problems) });
    }
  });

  app.post<Params>(urls.childRestrictionLift(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    await liftRestriction(db, requireActor(request), request.params.id);
    request.session.flash = { title: 'Success', text: 'The restriction is lifted: the record is open again to those whose role allows it.' };
    return reply.redirect(urls.childRestriction(request.params.id));
  });
}
