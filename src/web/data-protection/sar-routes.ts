/** Subject access requests: finding the child, what the export holds, and the JSON and PDF downloads. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../modules/access/actor.ts';
import { assertCan } from '../../modules/access/policy.ts';
import type { Database } from '../../db/database.ts';
import { findChildForSubjectAccess } from '../../modules/data-protection/sar-search.service.ts';
import { produceSubjectAccess, subjectAccessSummary } from '../../modules/data-protection/sar.service.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { formatUkDate, formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { formLocals } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

type Params = { Params: { id: string } };
const Search = z.object({ surname: z.string().max(200).optional(), dateOfBirth: z.string().max(20).optional() });

interface SubjectAccessPage {
  db: Database;
  actor: Actor;
  now: Date;
  childId: string;
  problems?: FieldProblem[];
  reason?: string;
}

/** The page of what the export holds, with the legal hold form (re-rendered with its problems when a hold is refused). */
export async function renderSubjectAccess(reply: FastifyReply, page: SubjectAccessPage): Promise<FastifyReply> {
  const summary = await subjectAccessSummary(page.db, page.actor, page.childId, page.now);
  const id = summary.child.id;
  return reply.view('data-protection/subject-access.njk', {
    title: 'Subject access request', summary, dateOfBirth: formatUkDate(summary.child.dateOfBirth),
    countRows: summary.counts.map((c) => ({ key: { text: c.label }, value: { text: String(c.rows) } })),
    hold: summary.hold ? { ...summary.hold, placed: `${formatUkDateTime(summary.hold.placedAt)} by ${summary.hold.placedBy}`, releaseAction: urls.retentionHoldRelease(summary.hold.id) } : null,
    jsonHref: urls.childSubjectAccessJson(id), pdfHref: urls.childSubjectAccessPdf(id), holdAction: urls.retentionHolds,
    values: { reason: page.reason ?? '' },
    ...(page.problems ? formLocals(reply, page.problems) : {}),
  });
}

async function download(reply: FastifyReply, file: { fileName: string; contentType: string; bytes: Buffer }): Promise<FastifyReply> {
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .send(file.bytes);
}

export function registerSubjectAccessRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<{ Querystring: Record<string, string | undefined> }>(urls.subjectAccess, async (request, reply) => {
    const actor = requireActor(request);
    const query = Search.parse(request.query);
    const values = { surname: query.surname ?? '', dateOfBirth: query.dateOfBirth ?? '' };
    const view = (extra: Record<string, unknown>) => reply.view('data-protection/subject-access-search.njk', { title: 'Subject access request: find the child', values, ...extra });
    if (query.surname === undefined && query.dateOfBirth === undefined) {
      // Nothing asked yet: the empty form, to those who may produce a request.
      assertCan(actor, 'sar:produce');
      return view({ hits: null });
    }
    try {
      const hits = await findChildForSubjectAccess(db, actor, values);
      return view({ hits: hits.map((h) => ({ ...h, dateOfBirth: formatUkDate(h.dateOfBirth), href: urls.childSubjectAccess(h.id) })) });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return reply.code(400).view('data-protection/subject-access-search.njk', { title: 'Subject access request: find the child', values, hits: null, ...formLocals(reply, error.problems) });
    }
  });

  app.get<Params>(urls.childSubjectAccess(':id'), async (request, reply) =>
    renderSubjectAccess(reply, { db, actor: requireActor(request), now: now(), childId: request.params.id }));

  app.get<Params>(urls.childSubjectAccessJson(':id'), async (request, reply) =>
    download(reply, await produceSubjectAccess(db, requireActor(request), request.params.id, 'json', now())));

  app.get<Params>(urls.childSubjectAccessPdf(':id'), async (request, reply) =>
    download(reply, await produceSubjectAccess(db, requireActor(request), request.params.id, 'pdf', now())));
}
