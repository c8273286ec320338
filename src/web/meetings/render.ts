/** The meeting pages: reading the posted "held" form, and rendering the list, a request and its forms. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import type { FieldProblem } from '../../modules/errors.ts';
import { ACTION_ROWS, actionField, type HeldForm } from '../../modules/repeat-missing/meeting-forms.ts';
import { isOpen, STATUS_LABELS, type MeetingPage } from '../../modules/repeat-missing/meetings.service.ts';
import { formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { formLocals, postedText } from '../incidents/form.ts';

export type Values = Record<string, string | string[]>;

/** Checkboxes arrive as one string or several. */
function postedList(request: FastifyRequest, name: string): string[] {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const v = body[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const ACTION_NAMES = Array.from({ length: ACTION_ROWS }, (_, k) => (['Description', 'Owner', 'Agency', 'DueOn'] as const).map((p) => actionField(k, p))).flat();

/** The held form as posted, and the same values to show again if it has problems. */
export function postedHeld(request: FastifyRequest): { form: HeldForm; values: Values } {
  const text = postedText(request, ['version', 'heldAt', 'decisions', ...ACTION_NAMES]);
  const attended = postedList(request, 'attended');
  const actions = Array.from({ length: ACTION_ROWS }, (_, k) => ({
    description: text[actionField(k, 'Description')] ?? '', owner: text[actionField(k, 'Owner')] ?? '',
    agencyId: text[actionField(k, 'Agency')] ?? '', dueOn: text[actionField(k, 'DueOn')] ?? '',
  }));
  return { form: { heldAt: text.heldAt ?? '', attended, decisions: text.decisions ?? '', actions }, values: { ...text, attended } };
}

export function renderMeeting(reply: FastifyReply, actor: Actor, page: MeetingPage, form?: { values: Values; problems: FieldProblem[] }): FastifyReply {
  const m = page.meeting;
  const manage = can(actor, 'meeting:manage');
  return reply.view('meetings/view.njk', {
    title: `Meeting request: ${page.child.forename} ${page.child.surname}`,
    page, status: STATUS_LABELS[m.status] ?? m.status,
    can: {
      schedule: manage && (m.status === 'requested' || m.status === 'scheduled'),
      held: manage && m.status === 'scheduled',
      complete: manage && m.status === 'held',
      cancel: manage && isOpen(m.status),
      markDone: manage,
    },
    actionRows: Array.from({ length: ACTION_ROWS }, (_, k) => ({ n: k + 1, description: actionField(k, 'Description'), owner: actionField(k, 'Owner'), agency: actionField(k, 'Agency'), dueOn: actionField(k, 'DueOn') })),
    values: form?.values ?? { version: String(m.version), scheduledFor: m.scheduledFor ? formatUkDateTime(m.scheduledFor) : '' },
    ...formLocals(reply, form?.problems ?? []),
  });
}
