/** Locations and persons who may pose a risk, links, disruption, hotspots (issue 5). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerLocationRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Routes are added by the issue that builds this area.
}
