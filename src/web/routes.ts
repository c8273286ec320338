/** Every route module, registered in one place. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { LiveHub } from '../modules/live/hub.ts';
import { registerAccessLogRoutes } from './access-log/routes.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { registerApiRoutes } from './api/routes.ts';
import { registerAlertRoutes } from './alerts/routes.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import { registerChildrenRoutes } from './children/routes.ts';
import { registerFeedbackRoutes } from './feedback/routes.ts';
import { registerHealthRoutes } from './health/routes.ts';
import { registerLiveRoutes } from './live/routes.ts';
import { registerIncidentRoutes } from './incidents/routes.ts';
import { registerMeetingRoutes } from './meetings/routes.ts';
import { registerMissingNowRoutes } from './missing-now/routes.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerPhilomenaRoutes } from './philomena/routes.ts';
import { registerPossibleMatchRoutes } from './possible-matches/routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { registerReturnInterviewRoutes } from './return-interviews/routes.ts';
import { registerTaskRoutes } from './tasks/routes.ts';
import { registerBreakGlassRoutes } from './break-glass/routes.ts';
import { registerDataProtectionRoutes } from './data-protection/routes.ts';
import { registerDraftRoutes } from './drafts/routes.ts';
import { registerExploitationRoutes } from './exploitation/routes.ts';
import { registerLanguageRoutes } from './language/routes.ts';
import { registerLocationRoutes } from './locations/routes.ts';
import { registerPanelRoutes } from './panels/routes.ts';

export interface RouteDeps {
  db: Database;
  config: Config;
  now: () => Date;
  live: LiveHub;
}

export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerMissingNowRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerChildrenRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerPossibleMatchRoutes(app, deps);
  registerTaskRoutes(app, deps);
  registerMeetingRoutes(app, deps);
  registerReturnInterviewRoutes(app, deps);
  registerFeedbackRoutes(app, deps);
  registerPhilomenaRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerLiveRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerAccessLogRoutes(app, deps);
  registerExploitationRoutes(app, deps);
  registerPanelRoutes(app, deps);
  registerLocationRoutes(app, deps);
  registerLanguageRoutes(app, deps);
  registerDraftRoutes(app, deps);
  registerBreakGlassRoutes(app, deps);
  registerDataProtectionRoutes(app, deps);
  await registerApiRoutes(app, deps);
}
