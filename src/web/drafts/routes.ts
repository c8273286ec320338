/** Saved drafts of long forms and the session keep-alive (issue 6). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerDraftRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Routes are added by the issue that builds this area.
}
