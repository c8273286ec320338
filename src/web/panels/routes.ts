/** Panels, their monitoring lists, meetings, agendas, actions; pen pictures and One Plans (issue 5). */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';
import { registerPanelActionRoutes } from './action-routes.ts';
import { registerPanelMeetingRoutes } from './meeting-routes.ts';
import { registerPanelPageRoutes } from './panel-routes.ts';
import { registerPenPictureRoutes } from './pen-picture-routes.ts';
import { registerPlanRoutes } from './plan-routes.ts';

export function registerPanelRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerPanelPageRoutes(app, deps);
  registerPanelMeetingRoutes(app, deps);
  registerPanelActionRoutes(app, deps);
  registerPenPictureRoutes(app, deps);
  registerPlanRoutes(app, deps);
}
