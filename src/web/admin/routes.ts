import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerAdminRoutes(_app: FastifyInstance, _deps: RouteDeps): void {}
