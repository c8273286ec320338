import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerReportRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Filled in by the report renderers work (issue 4).
}
