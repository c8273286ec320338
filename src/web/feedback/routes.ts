import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerFeedbackRoutes(_app: FastifyInstance, _deps: RouteDeps): void {
  // Filled in by the feedback work of issue 3.
}
