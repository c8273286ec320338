/** The rules for the meeting forms (pure): what a Missing Officer must enter to schedule, record or cancel. */
import type { FieldProblem } from '../errors.ts';
import { cleanText, parseTime, type Checked } from '../missing/incident-rules.ts';
import { parseUkDate } from '../missing/uk-time.ts';

/** How many blank action rows the "held" form offers: enough for a meeting, no JavaScript needed. */
export const ACTION_ROWS = 3;

export interface ActionForm { description: string; owner: string; agencyId: string; dueOn: string }
export interface HeldForm { heldAt: string; attended: string[]; decisions: string; actions: ActionForm[] }
export interface MeetingAction { description: string; ownerName: string; agencyId: string; dueOn: string }
export interface HeldDetails { heldAt: Date; attended: Set<string>; decisions: string[]; actions: MeetingAction[] }

export const actionField = (k: number, part: 'Description' | 'Owner' | 'Agency' | 'DueOn') => `action${k + 1}${part}`;

export function checkSchedule(text: string): Checked<Date> {
  const when = parseTime(text, 'the date and time of the meeting');
  return when.ok ? { ok: true, value: when.value } : { ok: false, problems: [{ field: 'scheduledFor', message: when.message }] };
}

export function checkCancel(text: string): Checked<string> {
  const reason = cleanText(text, 1000);
  return reason ? { ok: true, value: reason } : { ok: false, problems: [{ field: 'cancelReason', message: 'Enter why the meeting is cancelled' }] };
}

/** A row left blank is ignored; a row partly filled must be completed. */
function checkAction(form: ActionForm, k: number, agencyIds: Set<string>, problems: FieldProblem[]): MeetingAction | null {
  const description = cleanText(form.description, 1000);
  const ownerName = cleanText(form.owner, 200);
  const dueText = form.dueOn.trim();
  if (!description && !ownerName && !form.agencyId && !dueText) return null;
  const n = k + 1;
  if (!description) problems.push({ field: actionField(k, 'Description'), message: `Enter what action ${n} is` });
  if (!ownerName) problems.push({ field: actionField(k, 'Owner'), message: `Enter who owns action ${n}` });
  const agencyId = agencyIds.has(form.agencyId) ? form.agencyId : null;
  if (!agencyId) problems.push({ field: actionField(k, 'Agency'), message: `Select the agency responsible for action ${n}` });
  const due = dueText ? parseUkDate(dueText) : null;
  if (!due?.ok) problems.push({ field: actionField(k, 'DueOn'), message: dueText ? `Enter the due date of action ${n} as a real date, like 31/03/2026` : `Enter when action ${n} is due` });
  if (!description || !ownerName || !agencyId || !due?.ok) return null;
  return { description, ownerName, agencyId, dueOn: due.value };
}

/** Checks the record of a meeting that took place, against the authority's agencies and the clock. */
export function checkHeld(form: HeldForm, agencyIds: Set<string>, now: Date): Checked<HeldDetails> {
  const problems: FieldProblem[] = [];
  const when = parseTime(form.heldAt, 'when the meeting was held');
  if (!when.ok) problems.push({ field: 'heldAt', message: when.message });
  else if (when.value.getTime() > now.getTime()) problems.push({ field: 'heldAt', message: 'The time the meeting was held must not be in the future' });
  const attended = new Set(form.attended.filter((id) => agencyIds.has(id)));
  if (attended.size === 0) problems.push({ field: 'attended', message: 'Select the agencies that attended' });
  const decisions = (cleanText(form.decisions, 5000) ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (decisions.length === 0) problems.push({ field: 'decisions', message: 'Enter what the meeting decided' });
  const actions = form.actions.map((a, k) => checkAction(a, k, agencyIds, problems)).filter((a): a is MeetingAction => a !== null);
  if (problems.length || !when.ok) return { ok: false, problems };
  return { ok: true, value: { heldAt: when.value, attended, decisions, actions } };
}
