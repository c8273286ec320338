import type { NotificationInput } from '../missing/notification.ts';
import type { DemoExploitation } from './exploitation-types.ts';

/** Where a child lived at a moment: at home, looked after by this authority, or by another authority. */
export type CareStatus = 'home' | 'own_care' | 'ola_care';

/** One stretch of a child's living situation. Periods are contiguous: each ends where the next starts. */
export interface DemoCarePeriod {
  status: CareStatus;
  /** Inclusive. */
  startsAt: Date;
  /** Exclusive; null = current. */
  endsAt: Date | null;
  /** The kind of placement for care, e.g. "Residential children's home"; null at home. */
  placement: string | null;
  /** This authority's child placed outside the county. */
  outOfArea: boolean;
  /** For ola_care: the other authority's name, e.g. "Derbyshire". */
  responsibleAuthority: string | null;
}

/** A child as the authority's own case system would hold them. */
export interface DemoChild {
  /** Unique in the authority, e.g. "891-C000123". */
  laChildId: string;
  forename: string;
  surname: string;
  /** yyyy-mm-dd. */
  dateOfBirth: string;
  sex: 'male' | 'female' | null;
  /** One of the authority's districts. */
  district: string;
  /** Contiguous, non-overlapping, ordered; the first starts at or before the child's first incident. */
  carePeriods: DemoCarePeriod[];
}

/** One authority's demo records. */
export interface DemoAuthority {
  code: '891' | '892';
  children: DemoChild[];
  notifications: NotificationInput[];
  /** Exploitation concerns, assessments, meetings, panels and places (Tables 2 and 3, and the recent weeks). */
  exploitation: DemoExploitation;
}

/** The published Table 1 cells for one year (shared/spec/metrics.md keys, in camel case). */
export interface Table1Figures {
  totalIncidents: number;
  totalIndividuals: number;
  /** e.g. "56:44". */
  ratioMaleFemale: string;
  /** e.g. "14-17". */
  peakAgeRange: string;
  homeIncidents: number;
  homeIndividuals: number;
  ownCareIncidents: number;
  ownCareIndividuals: number;
  olaCareIncidents: number;
  olaCareIndividuals: number;
}
