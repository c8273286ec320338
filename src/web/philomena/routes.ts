import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerPhilomenaRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Filled in by the philomena work of issue 3.
}
