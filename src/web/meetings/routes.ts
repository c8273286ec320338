/** Multi-agency meeting requests: the list, one request, and its lifecycle forms (schedule, held, complete, cancel). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed } from '../../modules/errors.ts';
import {
  cancelMeeting, completeMeeting, markActionDone, MeetingChanged, recordMeetingHeld, scheduleMeeting,
} from '../../modules/repeat-missing/meeting-lifecycle.service.ts';
import { listMeetings, STATUS_LABELS, viewMeeting } from '../../modules/repeat-missing/meetings.service.ts';
import type { Database } from '../../db/database.ts';
import { postedText, postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import type { FieldAdvice } from '../../modules/language/advice.ts';
import type { MeetingRow } from '../../modules/repeat-missing/meetings.repository.ts';
import { savedFlash } from '../language/saved-flash.ts';
import { postedHeld, renderMeeting, type Values } from './render.ts';

type Params = { Params: { id: string } };

interface Submission {
  db: Database;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
  id: string;
  values: Values;
  /** What was saved; the held meeting comes with the language guide's advice on its decisions and actions. */
  save: () => Promise<MeetingRow & { languageAdvice?: FieldAdvice[] }>;
  successText: string;
}

/** Saves a meeting form, then back to the request; stale → 409 with the request as it is now; problems re-render. */
async function submit(s: Submission): Promise<FastifyReply> {
  let saved: { languageAdvice?: FieldAdvice[] };
  try {
    saved = await s.save();
  } catch (error) {
    if (error instanceof MeetingChanged) {
      const page = await viewMeeting(s.db, s.actor, s.id);
      return s.reply.code(409).view('meetings/stale.njk', { title: 'This meeting request was changed by someone else', page, status: STATUS_LABELS[page.meeting.status], csrfToken: s.reply.generateCsrf() });
    }
    if (!(error instanceof ValidationFailed)) throw error;
    const page = await viewMeeting(s.db, s.actor, s.id, { for: 'meeting:manage' });
    return renderMeeting(s.reply.code(400), s.actor, page, { values: s.values, problems: error.problems });
  }
  s.request.session.flash = savedFlash(s.successText, saved.languageAdvice, { decisions: 'Decisions', actions: 'Actions' });
  return s.reply.redirect(urls.meeting(s.id));
}

export function registerMeetingRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get(urls.meetings, async (request, reply) => {
    const actor = requireActor(request);
    const list = await listMeetings(db, actor);
    return reply.view('meetings/list.njk', { title: 'Multi-agency meeting requests', ...list, statusLabels: STATUS_LABELS, canManage: can(actor, 'meeting:manage') });
  });

  app.get<Params>(urls.meeting(':id'), async (request, reply) => {
    const actor = requireActor(request);
    return renderMeeting(reply, actor, await viewMeeting(db, actor, request.params.id));
  });

  const post = (url: string, handle: (actor: Actor, request: FastifyRequest<Params>, reply: FastifyReply) => Promise<FastifyReply>) =>
    app.post<Params>(url, { preHandler: app.csrfProtection }, async (request, reply) => handle(requireActor(request), request, reply));

  post(urls.meetingSchedule(':id'), (actor, request, reply) => {
    const values = postedText(request, ['version', 'scheduledFor'] as const);
    const id = request.params.id;
    return submit({ db, actor, request, reply, id, values, successText: `Meeting scheduled for ${values.scheduledFor.trim()}.`,
      save: () => scheduleMeeting(db, actor, id, { version: postedVersion(values.version), scheduledFor: values.scheduledFor }) });
  });

  post(urls.meetingHeld(':id'), (actor, request, reply) => {
    const { form, values } = postedHeld(request);
    const id = request.params.id;
    return submit({ db, actor, request, reply, id, values, successText: 'The meeting is recorded as held.',
      save: () => recordMeetingHeld(db, actor, id, { ...form, version: postedVersion(String(values.version ?? '')) }, now()) });
  });

  post(urls.meetingComplete(':id'), (actor, request, reply) => {
    const values = postedText(request, ['version'] as const);
    const id = request.params.id;
    return submit({ db, actor, request, reply, id, values, successText: 'The meeting request is completed.',
      save: () => completeMeeting(db, actor, id, { version: postedVersion(values.version) }, now()) });
  });

  post(urls.meetingCancel(':id'), (actor, request, reply) => {
    const values = postedText(request, ['version', 'cancelReason'] as const);
    const id = request.params.id;
    return submit({ db, actor, request, reply, id, values, successText: 'The meeting request is cancelled.',
      save: () => cancelMeeting(db, actor, id, { version: postedVersion(values.version), cancelReason: values.cancelReason }, now()) });
  });

  app.post<{ Params: { id: string; actionId: string } }>(urls.meetingActionDone(':id', ':actionId'), { preHandler: app.csrfProtection }, async (request, reply) => {
    await markActionDone(db, requireActor(request), request.params.id, request.params.actionId, now());
    request.session.flash = { title: 'Success', text: 'The action is marked as done.' };
    return reply.redirect(urls.meeting(request.params.id));
  });
}
