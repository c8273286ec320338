/** The language guide page and the phrase list the inline advice reads (issue 5): any signed-in user. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { languageGuide, languagePhraseList } from '../../modules/language/guide.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

/**
 * The phrase list holds nothing about anyone and is the same for everyone, so each browser may keep it for an
 * hour rather than fetch it on every page. This route's hook runs after the app's, which marks every response
 * no-store because pages hold case data.
 */
async function privatelyCacheable(_request: unknown, reply: FastifyReply, payload: unknown) {
  // A redirect to sign in or an error must not be kept: only the list itself.
  if (reply.statusCode !== 200) return payload;
  reply.header('Cache-Control', 'private, max-age=3600');
  reply.removeHeader('Pragma');
  return payload;
}

export function registerLanguageRoutes(app: FastifyInstance, _deps: RouteDeps): void {
  app.get(urls.languageGuide, async (request, reply) => {
    const guide = languageGuide(requireActor(request));
    return reply.view('language/guide.njk', { title: 'Language guide', ...guide });
  });

  app.get(urls.languageGuidePhrases, { onSend: privatelyCacheable }, async (request) => {
    return { guide: urls.languageGuide, phrases: languagePhraseList(requireActor(request)) };
  });
}
