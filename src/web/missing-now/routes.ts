import type { FastifyInstance } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import { missingNow } from '../../modules/missing/dashboard.service.ts';
import { openMeetingRequests } from '../../modules/repeat-missing/meetings.service.ts';
import { ageInYears } from '../../modules/missing/uk-time.ts';
import { CLASSIFICATION_LABELS, isCareStatus } from '../../modules/missing/classification.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

export function registerMissingNowRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get(urls.missingNow, async (request, reply) => {
    const actor = request.actor;
    if (!actor) return reply.redirect(urls.signIn);
    const at = now();
    const board = await missingNow(db, actor, at);
    // Meetings are the local authority's: police users are not shown them.
    const meetings = can(actor, 'meeting:view') ? await openMeetingRequests(db, actor) : null;
    const withAge = <T extends { dateOfBirth: string }>(rows: T[]) => rows.map((r) => ({ ...r, age: ageInYears(r.dateOfBirth, at) }));
    return reply.view('missing-now/view.njk', {
      title: 'Missing now',
      now: at,
      open: withAge(board.open).map((r) => ({ ...r, from: isCareStatus(r.classification) ? CLASSIFICATION_LABELS[r.classification] : r.classification })),
      found: withAge(board.found),
      matches: board.matches,
      tasks: board.tasks,
      meetings,
      canDecide: actor.role === 'missing_officer',
    });
  });
}
