/** "Who has seen this child": the data protection officer's view of a child's audit events. */
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, ROLES, type Role } from '../../modules/access/actor.ts';
import { childAccessLog } from '../../modules/audit/access-log.service.ts';
import { recordId } from '../../modules/children/ids.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Request = { Params: { id: string }; Querystring: { page?: string } };

const roleLabel = (role: string | null): string => (ROLES.includes(role as Role) ? ROLE_LABELS[role as Role] : '');

/** A page number from the query string; anything else is the first page. */
function pageOf(raw: string | undefined): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export function registerAccessLogRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get<Request>(urls.childAccessLog(':id'), async (request, reply) => {
    const childId = recordId(request.params.id, 'child');
    const log = await childAccessLog(db, requireActor(request), childId, pageOf(request.query.page));
    const href = (page: number) => `${urls.childAccessLog(childId)}?page=${page}`;
    return reply.view('access-log/view.njk', {
      title: 'Who has seen this child',
      log,
      entries: log.entries.map((e) => ({ ...e, roleLabel: roleLabel(e.role) })),
      previous: log.page > 1 ? href(log.page - 1) : null,
      next: log.page < log.pageCount ? href(log.page + 1) : null,
    });
  });
}
