/** The return interview form: reading what was posted, and the values to show (posted, or as stored). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../modules/errors.ts';
import { formatUkDateTime } from '../../modules/missing/uk-time.ts';
import {
  labelFor, PUSH_PULL_FACTORS, RHI_OFFER_METHODS, RHI_OUTCOMES, RHI_RISKS, type CodeLabel,
} from '../../modules/return-interviews/outcomes.ts';
import { ACTION_ROWS, type RhiForm } from '../../modules/return-interviews/record-form.ts';
import type { ReturnInterviewPage } from '../../modules/return-interviews/return-interviews.service.ts';
import { formLocals, postedText } from '../incidents/form.ts';

export type Values = Record<string, string | string[]>;

const TEXT_FIELDS = [
  'version', 'offeredAt', 'offerMethod', 'offeredBy', 'offeredByIndependent', 'outcome', 'notAttemptedReason', 'completedAt',
  'notes', 'whereStayed', 'stayedWith', 'childWords', 'providerAgencyId', 'workerUserId', 'sendToMissingOfficer',
] as const;
const actionField = (n: number, part: 'Description' | 'Owner' | 'DueOn') => `action${n}${part}`;
const ACTION_FIELDS = Array.from({ length: ACTION_ROWS }, (_, k) => (['Description', 'Owner', 'DueOn'] as const).map((p) => actionField(k + 1, p))).flat();

/** Checkboxes arrive as one string or several. */
function postedList(request: FastifyRequest, name: string): string[] {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const v = body[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The form as posted, and the same values to show again if it has problems. */
export function postedRhi(request: FastifyRequest): { form: RhiForm; values: Values; version: string } {
  const t = postedText(request, TEXT_FIELDS);
  const a = postedText(request, ACTION_FIELDS);
  const factors = postedList(request, 'factors');
  const risks = postedList(request, 'risks');
  const actions = Array.from({ length: ACTION_ROWS }, (_, k) => ({
    description: a[actionField(k + 1, 'Description')] ?? '', owner: a[actionField(k + 1, 'Owner')] ?? '', dueOn: a[actionField(k + 1, 'DueOn')] ?? '',
  }));
  const form: RhiForm = {
    offeredAt: t.offeredAt, offerMethod: t.offerMethod, offeredBy: t.offeredBy, offeredByIndependent: t.offeredByIndependent,
    outcome: t.outcome, notAttemptedReason: t.notAttemptedReason, completedAt: t.completedAt, factors, notes: t.notes, risks,
    whereStayed: t.whereStayed, stayedWith: t.stayedWith, childWords: t.childWords, actions,
    providerAgencyId: t.providerAgencyId, workerUserId: t.workerUserId, sendToMissingOfficer: t.sendToMissingOfficer === 'yes',
  };
  return { form, values: { ...t, ...a, factors, risks }, version: t.version };
}

const metText = (met: boolean | null) => (met === true ? 'met' : met === false ? 'not met' : 'not decided yet');
const time = (d: Date | null) => (d ? formatUkDateTime(d) : '');

/** The values of the interview as stored; a worker opening an unassigned one is offered as its worker. */
export function storedValues(page: ReturnInterviewPage, actorId: string): Values {
  const r = page.rhi;
  const me = page.workers.some((w) => w.id === actorId) ? actorId : '';
  return {
    version: String(r.version), offeredAt: time(r.offeredAt), offerMethod: r.offerMethod ?? '', offeredBy: r.offeredBy ?? '',
    offeredByIndependent: r.offeredByIndependent === null ? '' : r.offeredByIndependent ? 'yes' : 'no',
    outcome: r.outcome ?? '', notAttemptedReason: r.notAttemptedReason ?? '', completedAt: time(r.completedAt),
    factors: page.factors, risks: page.risks, notes: r.notes ?? '', whereStayed: r.whereStayed ?? '', stayedWith: r.stayedWith ?? '',
    childWords: r.childWords ?? '', providerAgencyId: r.providerAgencyId ?? '', workerUserId: r.workerUserId ?? me,
    sendToMissingOfficer: r.sentToMissingOfficerAt ? 'yes' : '',
  };
}

const TAGS: Record<string, string> = { overdue: 'govuk-tag--red', 'due-soon': 'govuk-tag--orange', due: 'govuk-tag--blue', done: 'govuk-tag--green' };
export const clockTag = (status: string) => TAGS[status] ?? 'govuk-tag--grey';

/** What the worklist's countdown is to: the offer, the interview, or both when they fall due together. */
export function dueWhat(offeredAt: Date | null, clocks: { offerDueAt: Date; completionDueAt: Date }): string {
  if (offeredAt) return 'Interview';
  const offer = clocks.offerDueAt.getTime();
  const complete = clocks.completionDueAt.getTime();
  return offer === complete ? 'Offer and interview' : offer < complete ? 'Offer' : 'Interview';
}

/** Everything the interview page needs, with the posted values and problems when re-rendering. */
export function recordPageLocals(reply: FastifyReply, page: ReturnInterviewPage, values: Values, problems: FieldProblem[] = []) {
  return {
    title: `Return interview: ${page.child.forename} ${page.child.surname}`,
    page, values, clockTag: clockTag(page.clocks.status),
    metText: { offer: metText(page.clocks.offerMet), completion: metText(page.clocks.completionMet) },
    outcomeItems: items(RHI_OUTCOMES), offerMethodItems: items(RHI_OFFER_METHODS), factorItems: items(PUSH_PULL_FACTORS), riskItems: items(RHI_RISKS),
    providerItems: page.providers.map((p) => ({ value: p.id, text: p.name })),
    workerItems: [{ value: '', text: 'Not assigned' }, ...page.workers.map((w) => ({ value: w.id, text: w.name }))],
    recordedRows: recordedRows(page),
    actionRows: Array.from({ length: ACTION_ROWS }, (_, k) => ({ n: k + 1, description: actionField(k + 1, 'Description'), owner: actionField(k + 1, 'Owner'), dueOn: actionField(k + 1, 'DueOn') })),
    ...formLocals(reply, problems),
  };
}

const items = (list: readonly CodeLabel[]) => list.map((c) => ({ value: c.code, text: c.label }));
const labels = (list: readonly CodeLabel[], codes: string[]) => codes.map((c) => labelFor(list, c) ?? c).join('; ');

/** What was recorded, for those who may read the interview but not record it. */
function recordedRows(page: ReturnInterviewPage) {
  const r = page.rhi;
  const offer = r.offeredAt
    ? `${time(r.offeredAt)}, ${labelFor(RHI_OFFER_METHODS, r.offerMethod ?? '') ?? ''} by ${r.offeredBy ?? ''} (${r.offeredByIndependent ? 'independent of the placement' : 'not independent of the placement'})`
    : 'Not recorded';
  const outcome = r.outcome ? `${labelFor(RHI_OUTCOMES, r.outcome) ?? r.outcome}${r.notAttemptedReason ? `: ${r.notAttemptedReason}` : ''}` : 'Not recorded yet';
  const rows: [string, string][] = [
    ['Offer', offer], ['Outcome', outcome], ['Completed', r.completedAt ? time(r.completedAt) : 'Not completed'],
    ['Reasons the child gives', labels(PUSH_PULL_FACTORS, page.factors) || 'None recorded'], ['Notes', r.notes ?? ''],
    ['Where the child stayed', r.whereStayed ?? ''], ['Who the child was with', r.stayedWith ?? ''],
    ['The child’s own words', r.childWords ?? ''], ['Risks identified', labels(RHI_RISKS, page.risks) || 'None recorded'],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}
