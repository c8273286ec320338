/**
 * The records every statutory export is made from, and the two judgements they share: whether an incident
 * was a missing episode of a child looked after by this authority, and its 903 type (M or A).
 */
import type { RhiForSsd } from '../return-interviews/outcomes.ts';

export interface SourceChild {
  id: string;
  laChildId: string | null;
  dateOfBirth: string;
  sex: string | null;
}

/** A period in which this authority looked after the child (care status `own_care`). */
export interface SourceCarePeriod {
  childId: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface SourceIncident {
  id: string;
  childId: string;
  lastSeenAt: Date;
  foundAt: Date | null;
  riskGrade: string;
  initialRiskGrade: string;
  classification: string;
  rhi: RhiForSsd | null;
}

export interface ExportSource {
  children: SourceChild[];
  ownCarePeriods: SourceCarePeriod[];
  incidents: SourceIncident[];
}

export type MissingType = 'M' | 'A';

/** How an authority reports incidents the police graded "no apparent risk" (absent) throughout. */
export interface MissingTypeSetting {
  noApparentRiskAs: MissingType;
}

/**
 * `settings.ssda903.noApparentRiskAs`, 'A' unless the authority chose 'M'. uk-standards.md 1.3: many
 * authorities report every incident as missing to match their police force, so it is a setting.
 */
export function missingTypeSetting(settings: Record<string, unknown>): MissingTypeSetting {
  const own = settings.ssda903;
  const chosen = typeof own === 'object' && own !== null && 'noApparentRiskAs' in own ? own.noApparentRiskAs : null;
  return { noApparentRiskAs: chosen === 'M' ? 'M' : 'A' };
}

/**
 * `M` missing from care, or `A` away from placement without authorisation. Homeward does not record whether
 * the child's whereabouts were known, so the police grading stands for it: an incident graded "no apparent
 * risk" (APP's "absent") at first notification and still so is reported as the setting says; any grading
 * of risk at either point makes it missing.
 */
export function missingTypeOf(incident: Pick<SourceIncident, 'riskGrade' | 'initialRiskGrade'>, setting: MissingTypeSetting): MissingType {
  const absent = incident.riskGrade === 'no apparent risk' && incident.initialRiskGrade === 'no apparent risk';
  return absent ? setting.noApparentRiskAs : 'M';
}

/**
 * Whether the child was looked after by this authority when last seen: the incident is classified as
 * missing from this authority's care, or one of the child's care periods with this authority covers its
 * start. An incident classified as another authority's child is never counted: that authority reports it.
 */
export function lookedAfterHere(incident: SourceIncident, periods: readonly SourceCarePeriod[]): boolean {
  if (incident.classification === 'ola_care') return false;
  if (incident.classification === 'own_care') return true;
  const t = incident.lastSeenAt.getTime();
  return periods.some((p) => p.startsAt.getTime() <= t && (p.endsAt === null || t < p.endsAt.getTime()));
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
