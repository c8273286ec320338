/**
 * The rules for recording a return home interview (pure). A worker may save as they go: the offer first, the
 * outcome later. What is given must hang together: an offer has its time, method, who and independence; a
 * completed interview has its completion time; "not attempted" has its reason (OUTCOMES_NEEDING_REASON).
 */
import type { FieldProblem } from '../errors.ts';
import { capitalise, cleanText, parseTime, type Checked } from '../missing/incident-rules.ts';
import { formatUkDateTime, parseUkDate } from '../missing/uk-time.ts';
import {
  isCode, OUTCOMES_NEEDING_REASON, PUSH_PULL_FACTORS, RHI_OFFER_METHODS, RHI_OUTCOMES, RHI_RISKS,
  type PushPullFactor, type RhiOfferMethod, type RhiOutcome, type RhiRisk,
} from './outcomes.ts';

/** Follow-up action rows on the form (blank rows are ignored). */
export const ACTION_ROWS = 2;

export interface ActionForm { description: string; owner: string; dueOn: string }

export interface RhiForm {
  offeredAt: string; offerMethod: string; offeredBy: string; offeredByIndependent: string;
  outcome: string; notAttemptedReason: string; completedAt: string;
  factors: string[]; notes: string; risks: string[];
  whereStayed: string; stayedWith: string; childWords: string;
  actions: ActionForm[];
  providerAgencyId: string; workerUserId: string;
  sendToMissingOfficer: boolean;
}

export interface CheckedRhi {
  offeredAt: Date | null; offerMethod: RhiOfferMethod | null; offeredBy: string | null; offeredByIndependent: boolean | null;
  outcome: RhiOutcome | null; notAttemptedReason: string | null; completedAt: Date | null;
  factors: PushPullFactor[]; notes: string | null; risks: RhiRisk[];
  whereStayed: string | null; stayedWith: string | null; childWords: string | null;
  actions: { description: string; owner: string; dueOn: string }[];
  providerAgencyId: string | null; workerUserId: string | null;
  sendToMissingOfficer: boolean;
}

export interface RhiFormContext {
  returnedAt: Date;
  now: Date;
  providerIds: ReadonlySet<string>;
  workerIds: ReadonlySet<string>;
}

type Problems = FieldProblem[];

/** A time on the form: after the child's return and not in the future; null when left blank. */
function timeAfterReturn(text: string, field: string, what: string, ctx: RhiFormContext, problems: Problems): Date | null {
  if (!text.trim()) return null;
  const parsed = parseTime(text, what);
  if (!parsed.ok) {
    problems.push({ field, message: parsed.message });
    return null;
  }
  const When = capitalise(what);
  if (parsed.value.getTime() < ctx.returnedAt.getTime()) problems.push({ field, message: `${When} must be after the child returned (${formatUkDateTime(ctx.returnedAt)})` });
  else if (parsed.value.getTime() > ctx.now.getTime()) problems.push({ field, message: `${When} must not be in the future` });
  return parsed.value;
}

function checkOffer(form: RhiForm, ctx: RhiFormContext, problems: Problems) {
  const offeredAt = timeAfterReturn(form.offeredAt, 'offeredAt', 'when the interview was offered', ctx, problems);
  const offerMethod = isCode(RHI_OFFER_METHODS, form.offerMethod) ? form.offerMethod : null;
  const offeredBy = cleanText(form.offeredBy, 200);
  const independent = form.offeredByIndependent === 'yes' ? true : form.offeredByIndependent === 'no' ? false : null;
  const anyOffer = form.offeredAt.trim() !== '' || offerMethod !== null || offeredBy !== null || independent !== null;
  if (anyOffer) {
    if (!form.offeredAt.trim()) problems.push({ field: 'offeredAt', message: 'Enter when the interview was offered' });
    if (!offerMethod) problems.push({ field: 'offerMethod', message: 'Select how the interview was offered' });
    if (!offeredBy) problems.push({ field: 'offeredBy', message: 'Enter who offered the interview' });
    if (independent === null) problems.push({ field: 'offeredByIndependent', message: 'Select whether the person who offered it is independent of the placement' });
  }
  return { offeredAt, offerMethod, offeredBy, offeredByIndependent: independent };
}

function checkOutcome(form: RhiForm, ctx: RhiFormContext, offeredAt: Date | null, problems: Problems) {
  const outcome = isCode(RHI_OUTCOMES, form.outcome) ? form.outcome : null;
  if (form.outcome && !outcome) problems.push({ field: 'outcome', message: 'Select an outcome from the list' });
  const notAttemptedReason = cleanText(form.notAttemptedReason, 2000);
  if (outcome && OUTCOMES_NEEDING_REASON.includes(outcome) && !notAttemptedReason) {
    problems.push({ field: 'notAttemptedReason', message: 'Enter why the interview was not attempted' });
  }
  const completedAt = timeAfterReturn(form.completedAt, 'completedAt', 'when the interview was completed', ctx, problems);
  if (outcome === 'completed' && !form.completedAt.trim()) problems.push({ field: 'completedAt', message: 'Enter when the interview was completed' });
  if (outcome !== 'completed' && form.completedAt.trim()) problems.push({ field: 'completedAt', message: 'Leave the completion time blank unless the interview was completed' });
  if (completedAt && offeredAt && completedAt.getTime() < offeredAt.getTime()) problems.push({ field: 'completedAt', message: 'When the interview was completed must be after it was offered' });
  if (form.sendToMissingOfficer && !outcome) problems.push({ field: 'sendToMissingOfficer', message: 'Record the outcome before sending the interview back to the Missing Officer' });
  return { outcome, notAttemptedReason: outcome === 'not_attempted' ? notAttemptedReason : null, completedAt: outcome === 'completed' ? completedAt : null };
}

function checkActions(rows: ActionForm[], problems: Problems) {
  const actions: CheckedRhi['actions'] = [];
  rows.forEach((row, i) => {
    const n = i + 1;
    const description = cleanText(row.description, 1000);
    const owner = cleanText(row.owner, 200);
    if (!description && !owner && !row.dueOn.trim()) return;
    const due = parseUkDate(row.dueOn);
    if (!description) problems.push({ field: `action${n}Description`, message: `Enter what follow-up action ${n} is` });
    if (!owner) problems.push({ field: `action${n}Owner`, message: `Enter who owns follow-up action ${n}` });
    if (!due.ok) problems.push({ field: `action${n}DueOn`, message: `Enter the date follow-up action ${n} is due, like 30/11/2026` });
    if (description && owner && due.ok) actions.push({ description, owner, dueOn: due.value });
  });
  return actions;
}

/** Checks the form against the interview's return time and the authority's providers and workers. */
export function checkRhiForm(form: RhiForm, ctx: RhiFormContext): Checked<CheckedRhi> {
  const problems: Problems = [];
  const offer = checkOffer(form, ctx, problems);
  const outcome = checkOutcome(form, ctx, offer.offeredAt, problems);
  const factors = form.factors.filter((c): c is PushPullFactor => isCode(PUSH_PULL_FACTORS, c));
  const risks = form.risks.filter((c): c is RhiRisk => isCode(RHI_RISKS, c));
  if (factors.length !== form.factors.length) problems.push({ field: 'factors', message: 'Select reasons from the list' });
  if (risks.length !== form.risks.length) problems.push({ field: 'risks', message: 'Select risks from the list' });
  const providerAgencyId = form.providerAgencyId && ctx.providerIds.has(form.providerAgencyId) ? form.providerAgencyId : null;
  if (form.providerAgencyId && !providerAgencyId) problems.push({ field: 'providerAgencyId', message: 'Select a provider from the list' });
  const workerUserId = form.workerUserId && ctx.workerIds.has(form.workerUserId) ? form.workerUserId : null;
  if (form.workerUserId && !workerUserId) problems.push({ field: 'workerUserId', message: 'Select a worker from the list' });
  const actions = checkActions(form.actions, problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...offer, ...outcome, factors: [...new Set(factors)], risks: [...new Set(risks)], notes: cleanText(form.notes, 5000),
      whereStayed: cleanText(form.whereStayed, 1000), stayedWith: cleanText(form.stayedWith, 1000), childWords: cleanText(form.childWords, 10000),
      actions, providerAgencyId, workerUserId, sendToMissingOfficer: form.sendToMissingOfficer,
    },
  };
}
