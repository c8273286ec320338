/** A child's pen picture: one printable page for the panels (need to know). */
import type { FastifyInstance } from 'fastify';
import { viewPenPicture } from '../../modules/exploitation/pen-picture.service.ts';
import { londonDate } from '../../modules/missing/uk-time.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { styleNonce } from './present.ts';

/** What every pen picture's template needs besides the picture. */
export const PEN_PICTURE_LOCALS = {
  levelTags: { high: 'govuk-tag--red', medium: 'govuk-tag--orange', low: 'govuk-tag--yellow', none: 'govuk-tag--grey' },
};

export function registerPenPictureRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<{ Params: { id: string } }>(urls.childPenPicture(':id'), async (request, reply) => {
    const at = now();
    const pp = await viewPenPicture(db, requireActor(request), request.params.id, at);
    return reply.view('panels/pen-picture.njk', { title: `Pen picture: ${pp.child.name}`, pp, today: londonDate(at), styleNonce: styleNonce(reply), ...PEN_PICTURE_LOCALS });
  });
}
