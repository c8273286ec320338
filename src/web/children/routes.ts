import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';

export function registerChildrenRoutes(_app: FastifyInstance, _deps: RouteDeps): void {}
