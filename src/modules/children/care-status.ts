/** The rules of a care status change, as a person enters it on the form (pure). */
import type { FieldProblem } from '../errors.ts';
import { CARE_STATUS_LABELS, isCareStatus, type CareStatus } from '../missing/classification.ts';
import { londonDate, parseUkDate, parseUkTimestamp } from '../missing/uk-time.ts';

/** What the form sends: text as typed. */
export interface CareStatusInput {
  status: string;
  /** `dd/mm/yyyy` or `yyyy-mm-dd`. */
  startsOn: string;
  placement: string;
  outOfArea: string;
  responsibleAuthority: string;
}

export interface CarePeriodChange {
  status: CareStatus;
  startsOn: string;
  /** Midnight, UK time, at the start of `startsOn`. */
  startsAt: Date;
  placement: string | null;
  outOfArea: boolean;
  responsibleAuthority: string | null;
}

export type CareStatusCheck = { ok: true; value: CarePeriodChange } | { ok: false; problems: FieldProblem[] };

const clean = (s: string, max: number) => s.trim().slice(0, max) || null;

function startDate(text: string, now: Date, problems: FieldProblem[]): { startsOn: string; startsAt: Date } | null {
  const field = 'startsOn';
  if (!text.trim()) return problems.push({ field, message: 'Enter the date the care status started' }), null;
  const parsed = parseUkDate(text);
  if (!parsed.ok) {
    const message = parsed.reason === 'not-real' ? 'The date must be a real date' : 'Enter the date like 27/03/2024';
    return problems.push({ field, message }), null;
  }
  if (parsed.value > londonDate(now)) return problems.push({ field, message: 'The date must be today or in the past' }), null;
  const midnight = parseUkTimestamp(`${parsed.value}T00:00`);
  if (!midnight.ok) return problems.push({ field, message: 'The date must be a real date' }), null;
  return { startsOn: parsed.value, startsAt: midnight.value };
}

/** Checks the form; placement details are kept only for a child who is looked after. */
export function checkCareStatus(input: CareStatusInput, now: Date): CareStatusCheck {
  const problems: FieldProblem[] = [];
  const status = isCareStatus(input.status) ? input.status : null;
  if (!status) problems.push({ field: 'status', message: "Select the child's care status" });
  const start = startDate(input.startsOn, now, problems);
  const responsibleAuthority = clean(input.responsibleAuthority, 100);
  if (status === 'ola_care' && !responsibleAuthority) {
    problems.push({ field: 'responsibleAuthority', message: 'Enter the authority responsible for the child' });
  }
  if (!status || !start || problems.length) return { ok: false, problems };
  const lookedAfter = status !== 'home';
  return {
    ok: true,
    value: {
      status, ...start,
      placement: lookedAfter ? clean(input.placement, 200) : null,
      outOfArea: lookedAfter && input.outOfArea === 'yes',
      responsibleAuthority: status === 'ola_care' ? responsibleAuthority : null,
    },
  };
}

/** Whether the change says nothing new: same status and same placement details as the period in force. */
export function sameAsCurrent(change: CarePeriodChange, current: { status: string; placement: string | null; outOfArea: boolean; responsibleAuthority: string | null }): boolean {
  return change.status === current.status && change.placement === current.placement
    && change.outOfArea === current.outOfArea && change.responsibleAuthority === current.responsibleAuthority;
}

export function careStatusLabel(status: string): string {
  return isCareStatus(status) ? CARE_STATUS_LABELS[status] : status;
}
