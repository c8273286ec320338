/**
 * A police missing notification, as the intake contract (shared/spec/police-notifications.md) defines it,
 * after validation. Every channel (form, API, CSV) produces this one shape and hands it to the same service.
 */
export const RISK_GRADES = ['high', 'medium', 'low', 'very low', 'no apparent risk'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

/** Ordering used for "highest risk first" on the dashboard. */
export const RISK_RANK: Record<RiskGrade, number> = {
  high: 5,
  medium: 4,
  low: 3,
  'very low': 2,
  'no apparent risk': 1,
};

export const MISSING_FROM = ['home', 'care', 'ola care'] as const;
export type MissingFrom = (typeof MISSING_FROM)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export interface NotificationInput {
  policeReference: string;
  reportedAt: Date;
  notifiedAt: Date;
  lastSeenAt: Date;
  foundAt: Date | null;
  riskGrade: RiskGrade;
  forename: string;
  surname: string;
  /** Calendar date `yyyy-mm-dd`. */
  dateOfBirth: string;
  sex: Sex | null;
  laChildId: string | null;
  policePersonId: string | null;
  missingFrom: MissingFrom;
  responsibleAuthority: string | null;
  district: string | null;
  missingFromPostcode: string | null;
  foundLocation: string | null;
  foundPostcode: string | null;
  circumstances: string | null;
}

/** One problem with one field of one notification, in plain English. */
export interface FieldError {
  /** The contract's column name, e.g. `found_at`. Also the form field name. */
  column: string;
  message: string;
}

export type ParseResult =
  | { ok: true; value: NotificationInput; warnings: FieldError[] }
  | { ok: false; errors: FieldError[] };
