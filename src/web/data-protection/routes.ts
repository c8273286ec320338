/** The data protection officer's pages (issue 6): retention review, legal holds, deletion, subject access requests. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';
import { registerRetentionRoutes } from './retention-routes.ts';
import { registerSubjectAccessRoutes } from './sar-routes.ts';

export function registerDataProtectionRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerRetentionRoutes(app, deps);
  registerSubjectAccessRoutes(app, deps);
}
