/** Working an incident: its page, re-grading risk, marking found, corrections and classification. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';
import { registerClassificationRoutes } from './classification.ts';
import { registerCorrectRoutes } from './correct.ts';
import { registerFoundRoutes } from './found.ts';
import { registerIncidentView } from './view.ts';

export function registerIncidentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerIncidentView(app, deps);
  registerFoundRoutes(app, deps);
  registerCorrectRoutes(app, deps);
  registerClassificationRoutes(app, deps);
}
