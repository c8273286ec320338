/** Panels, their monitoring lists, meetings, agendas, actions; pen pictures and One Plans (issue 5). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerPanelRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Routes are added by the issue that builds this area.
}
