/** Locations and persons who may pose a risk, links, disruption, hotspots (issue 5). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';
import { registerHotspotRoutes } from './hotspots.ts';
import { registerLocationPages } from './location-pages.ts';
import { registerPersonPages } from './person-pages.ts';
import { registerRecordActions } from './record-actions.ts';

export function registerLocationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerLocationPages(app, deps);
  registerPersonPages(app, deps);
  registerRecordActions(app, deps);
  registerHotspotRoutes(app, deps);
}
