/** The retention review list, legal holds and audited deletion: the data protection officer's pages. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../modules/access/actor.ts';
import { placeLegalHold, releaseLegalHold } from '../../modules/data-protection/holds.service.ts';
import { deleteRecord, deletionPreview } from '../../modules/data-protection/record-deletion.service.ts';
import { retentionReview } from '../../modules/data-protection/retention.service.ts';
import type { SubjectInput } from '../../modules/data-protection/retention-subjects.ts';
import { ValidationFailed } from '../../modules/errors.ts';
import { formLocals } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { deletionView, plural, reviewView } from './present.ts';
import { renderSubjectAccess } from './sar-routes.ts';

const SubjectForm = z.object({ type: z.string().max(20).default(''), id: z.string().max(64).default('') });
const HoldForm = SubjectForm.extend({ reason: z.string().max(5000).default(''), from: z.enum(['retention', 'child']).catch('retention') });
const ReleaseForm = z.object({ from: z.enum(['retention', 'child']).catch('retention') });

/** Where a hold form came from, so the person returns to the page they were on. */
const backTo = (from: 'retention' | 'child', subject: SubjectInput) => (from === 'child' && subject.type === 'child' ? urls.childSubjectAccess(subject.id) : urls.retention);

export function registerRetentionRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  const renderReview = async (reply: FastifyReply, actor: Actor, extra: Record<string, unknown> = {}) =>
    reply.view('data-protection/retention.njk', { title: 'Retention review', ...reviewView(await retentionReview(db, actor, now())), ...extra });

  app.get(urls.retention, async (request, reply) => renderReview(reply, requireActor(request)));

  app.post(urls.retentionHolds, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const form = HoldForm.parse(request.body ?? {});
    const subject = { type: form.type, id: form.id };
    try {
      await placeLegalHold(db, actor, { ...subject, reason: form.reason }, now());
      request.session.flash = { title: 'Success', text: 'The legal hold is placed: the record will not be deleted until the hold is released.' };
      return reply.redirect(backTo(form.from, subject));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      if (form.from === 'child' && subject.type === 'child') return renderSubjectAccess(reply.code(400), { db, actor, now: now(), childId: subject.id, problems: error.problems, reason: form.reason });
      // Each row of the list has its own reason box: the error links to the one that was sent.
      const problems = error.problems.map((p) => ({ ...p, field: `${p.field}-${subject.id}` }));
      return renderReview(reply.code(400), actor, { ...formLocals(reply, problems), values: { holdFor: subject.id, reason: form.reason } });
    }
  });

  app.post<{ Params: { id: string } }>(urls.retentionHoldRelease(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = ReleaseForm.parse(request.body ?? {});
    const subject = await releaseLegalHold(db, requireActor(request), request.params.id, now());
    request.session.flash = { title: 'Success', text: 'The legal hold is released: the record is kept or deleted by its retention rule again.' };
    return reply.redirect(backTo(form.from, subject));
  });

  app.get<{ Querystring: { type?: string; id?: string } }>(urls.retentionDelete, async (request, reply) => {
    const one = (v: unknown): string => (typeof v === 'string' ? v : '');
    const subject = { type: one(request.query.type), id: one(request.query.id) };
    const preview = await deletionPreview(db, requireActor(request), subject, now());
    return reply.view('data-protection/retention-delete.njk', { title: 'Delete this record', ...deletionView(preview) });
  });

  app.post(urls.retentionDelete, { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = SubjectForm.parse(request.body ?? {});
    const { counts } = await deleteRecord(db, requireActor(request), { type: form.type, id: form.id }, now());
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    request.session.flash = { title: 'Success', text: `The record is deleted: ${plural(rows, 'row')} from ${plural(Object.keys(counts).length, 'table')}. The deletion is recorded in the audit trail.` };
    return reply.redirect(urls.retention);
  });
}
