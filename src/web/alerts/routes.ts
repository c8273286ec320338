import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerAlertRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Filled in by the alerts work of issue 3.
}
