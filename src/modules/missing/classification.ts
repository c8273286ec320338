/**
 * Where a child was missing from, for counting (metrics.md Table 1): from the child's care status at the
 * incident start when the authority holds it, else from what the police reported.
 */
import type { MissingFrom } from './notification.ts';

export const CARE_STATUSES = ['home', 'own_care', 'ola_care'] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];

export const CARE_STATUS_LABELS: Record<CareStatus, string> = {
  home: 'At home',
  own_care: 'Looked after by this authority',
  ola_care: 'Looked after by another authority, placed here',
};

export const CLASSIFICATION_LABELS: Record<CareStatus, string> = {
  home: 'Missing from home',
  own_care: "Missing from this authority's care",
  ola_care: "Missing from another authority's care",
};

export interface CarePeriodLike {
  status: string;
  startsAt: Date;
  endsAt: Date | null;
  responsibleAuthority: string | null;
}

export function careStatusFromPoliceReport(missingFrom: MissingFrom): CareStatus {
  if (missingFrom === 'home') return 'home';
  return missingFrom === 'care' ? 'own_care' : 'ola_care';
}

export function isCareStatus(value: string): value is CareStatus {
  return (CARE_STATUSES as readonly string[]).includes(value);
}

/** The care period in force at `at` (start inclusive, end exclusive), if any. */
export function carePeriodAt<T extends CarePeriodLike>(periods: readonly T[], at: Date): T | null {
  const t = at.getTime();
  return periods.find((p) => p.startsAt.getTime() <= t && (p.endsAt === null || t < p.endsAt.getTime())) ?? null;
}

export function classifyIncident(
  periods: readonly CarePeriodLike[],
  lastSeenAt: Date,
  reported: MissingFrom,
): { classification: CareStatus; responsibleAuthority: string | null; basis: 'care_status' | 'police_report' } {
  const period = carePeriodAt(periods, lastSeenAt);
  if (period && isCareStatus(period.status)) {
    return { classification: period.status, responsibleAuthority: period.responsibleAuthority, basis: 'care_status' };
  }
  return { classification: careStatusFromPoliceReport(reported), responsibleAuthority: null, basis: 'police_report' };
}
