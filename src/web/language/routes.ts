/** The language guide page and the phrase list the inline advice reads (issue 5). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerLanguageRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Routes are added by the issue that builds this area.
}
