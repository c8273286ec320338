/** Adding a link or a disruption to a location or a person: back to its page, or the page again with the problems. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../modules/errors.ts';
import { DISRUPTION_FIELDS } from '../../modules/exploitation/disruptions-form.ts';
import { recordDisruption } from '../../modules/exploitation/disruptions.service.ts';
import { LINK_FIELDS, linkTo } from '../../modules/exploitation/links.service.ts';
import { postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { renderLocationPage, renderPersonPage, type RecordForms } from './record-page.ts';

type Params = { Params: { id: string } };
type Kind = 'location' | 'person';

const LINKED_TEXT: Record<string, string> = {
  child: 'Child linked.', incident: 'Incident linked.', rhi: 'Return interview linked.', concern: 'Concern linked.', person: 'Person linked.',
};

const pageOf = (kind: Kind, id: string) => (kind === 'location' ? urls.location(id) : urls.person(id));

function render(kind: Kind, deps: RouteDeps, request: FastifyRequest<Params>, reply: FastifyReply, forms: RecordForms): Promise<FastifyReply> {
  const renderPage = kind === 'location' ? renderLocationPage : renderPersonPage;
  return renderPage(reply, deps.db, requireActor(request), request.params.id, forms);
}

function registerFor(app: FastifyInstance, deps: RouteDeps, kind: Kind): void {
  const linksUrl = kind === 'location' ? urls.locationLinks(':id') : urls.personLinks(':id');
  const disruptionsUrl = kind === 'location' ? urls.locationDisruptions(':id') : urls.personDisruptions(':id');

  app.post<Params>(linksUrl, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, LINK_FIELDS);
    try {
      const outcome = await linkTo(deps.db, actor, { kind, id: request.params.id }, values, deps.now());
      if (outcome.kind === 'choose-child') {
        const problems = [{ field: 'childId', message: 'More than one child matches: choose which one' }];
        return render(kind, deps, request, reply.code(400), { link: { values, problems, candidates: outcome.candidates, more: outcome.more } });
      }
      request.session.flash = { title: 'Success', text: LINKED_TEXT[outcome.target] ?? 'Linked.' };
      return reply.redirect(`${pageOf(kind, request.params.id)}#links`);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return render(kind, deps, request, reply.code(400), { link: { values, problems: error.problems } });
    }
  });

  app.post<Params>(disruptionsUrl, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, DISRUPTION_FIELDS);
    try {
      await recordDisruption(deps.db, actor, { kind, id: request.params.id }, values, deps.now());
      request.session.flash = { title: 'Success', text: 'Disruption recorded.' };
      return reply.redirect(`${pageOf(kind, request.params.id)}#disruption`);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return render(kind, deps, request, reply.code(400), { disruption: { values, problems: error.problems } });
    }
  });
}

export function registerRecordActions(app: FastifyInstance, deps: RouteDeps): void {
  registerFor(app, deps, 'location');
  registerFor(app, deps, 'person');
}
