/** A panel meeting: its page, generating the agenda, the minutes, decisions and actions, and the pen pictures to print. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { generateAgenda } from '../../modules/exploitation/agenda.service.ts';
import { dayText } from '../../modules/exploitation/agenda.ts';
import { discussionField } from '../../modules/exploitation/panel-forms.ts';
import { recordDecision, recordPanelAction } from '../../modules/exploitation/panel-meeting-records.service.ts';
import { PanelMeetingChanged, recordMinutes, viewPanelMeeting, type PanelMeetingPage } from '../../modules/exploitation/panel-meetings.service.ts';
import { meetingPenPictures } from '../../modules/exploitation/pen-picture.service.ts';
import type { Database } from '../../db/database.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { flashWithAdvice, formLocals, postedByPrefix, postedText, postedVersion, styleNonce } from './present.ts';
import { PEN_PICTURE_LOCALS } from './pen-picture-routes.ts';

type Params = { Params: { id: string } };
type Values = Record<string, string>;
type Form = { values: Values; problems: FieldProblem[]; stale?: boolean };

/** What the forms show: the meeting as saved, or what was sent when it came back with a problem. */
function savedValues(page: PanelMeetingPage): Values {
  const discussions = Object.fromEntries(page.agenda.map((a) => [discussionField(a.childId), a.discussion ?? '']));
  return { version: String(page.meeting.version), minutes: page.meeting.minutes ?? '', ...discussions };
}

function renderMeeting(reply: FastifyReply, actor: Actor, page: PanelMeetingPage, form?: Form): FastifyReply {
  const manage = can(actor, 'panel:manage');
  const planned = page.meeting.status === 'planned';
  // A stale form keeps what was typed but takes the current version, so saving again is a deliberate choice.
  const values = form ? { ...form.values, ...(form.stale ? { version: String(page.meeting.version) } : {}) } : savedValues(page);
  return reply.view('panels/meeting.njk', {
    title: `${page.panel.name}: meeting on ${dayText(page.meeting.meetsOn)}`, page, meetsOnText: dayText(page.meeting.meetsOn),
    can: { manage, generate: manage && planned, markHeld: manage && planned, plan: can(actor, 'exploitation:view') },
    values, stale: form?.stale ?? false, discussionField,
    ...formLocals(reply, form?.problems ?? []),
  });
}

/** Saves one of the meeting's forms; problems re-render the page with what was sent. */
async function submit(o: { db: Database; actor: Actor; request: FastifyRequest<Params>; reply: FastifyReply; values: Values; save: () => Promise<string> }) {
  try {
    await o.save();
    return o.reply.redirect(urls.panelMeeting(o.request.params.id));
  } catch (error) {
    const stale = error instanceof PanelMeetingChanged;
    if (!stale && !(error instanceof ValidationFailed)) throw error;
    const problems = stale ? [{ field: 'minutes', message: error.message }] : (error as ValidationFailed).problems;
    const page = await viewPanelMeeting(o.db, o.actor, o.request.params.id);
    return renderMeeting(o.reply.code(stale ? 409 : 400), o.actor, page, { values: o.values, problems, stale });
  }
}

export function registerPanelMeetingRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.panelMeeting(':id'), async (request, reply) => {
    const actor = requireActor(request);
    return renderMeeting(reply, actor, await viewPanelMeeting(db, actor, request.params.id));
  });

  const post = (url: string, handle: (actor: Actor, request: FastifyRequest<Params>, reply: FastifyReply) => Promise<FastifyReply>) =>
    app.post<Params>(url, { preHandler: app.csrfProtection }, async (request, reply) => handle(requireActor(request), request, reply));

  post(urls.panelMeetingAgenda(':id'), async (actor, request, reply) => {
    const counts = await generateAgenda(db, actor, request.params.id, now());
    request.session.flash = { title: 'Success', text: `Agenda generated: ${counts.monitored} on the monitoring list, ${counts.criteria} newly meeting the panel's criteria.` };
    return reply.redirect(urls.panelMeeting(request.params.id));
  });

  post(urls.panelMeetingMinutes(':id'), (actor, request, reply) => {
    const text = postedText(request, ['version', 'minutes', 'held'] as const);
    const discussions = postedByPrefix(request, 'discussion-');
    const values = { ...text, ...Object.fromEntries(Object.entries(discussions).map(([id, v]) => [discussionField(id), v])) };
    return submit({ db, actor, request, reply, values, save: async () => {
      const saved = await recordMinutes(db, actor, request.params.id, { version: postedVersion(text.version), minutes: text.minutes, discussions, held: text.held === 'yes' }, now());
      flashWithAdvice(request, saved.status === 'held' ? 'The minutes are saved and the meeting is recorded as held.' : 'The minutes are saved.', saved.advice);
      return saved.status;
    } });
  });

  post(urls.panelMeetingDecisions(':id'), (actor, request, reply) => {
    const values = postedText(request, ['decision', 'decisionChild'] as const);
    return submit({ db, actor, request, reply, values, save: async () => {
      const saved = await recordDecision(db, actor, request.params.id, { decision: values.decision, childId: values.decisionChild }, now());
      flashWithAdvice(request, 'The decision is recorded.', saved.advice);
      return saved.id;
    } });
  });

  post(urls.panelMeetingActions(':id'), (actor, request, reply) => {
    const values = postedText(request, ['actionDescription', 'actionOwner', 'actionAgency', 'actionDueOn', 'actionChild'] as const);
    return submit({ db, actor, request, reply, values, save: async () => {
      const form = { description: values.actionDescription, owner: values.actionOwner, agencyId: values.actionAgency, dueOn: values.actionDueOn, childId: values.actionChild };
      const saved = await recordPanelAction(db, actor, request.params.id, form, now());
      flashWithAdvice(request, 'The action is recorded.', saved.advice);
      return saved.id;
    } });
  });

  app.get<Params>(urls.panelMeetingPenPictures(':id'), async (request, reply) => {
    const result = await meetingPenPictures(db, requireActor(request), request.params.id, now());
    return reply.view('panels/pen-pictures.njk', {
      title: `Pen pictures: ${result.panel.name}, ${dayText(result.meeting.meetsOn)}`, ...result, meetsOnText: dayText(result.meeting.meetsOn),
      styleNonce: styleNonce(reply), ...PEN_PICTURE_LOCALS,
    });
  });
}
