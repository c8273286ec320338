/**
 * How long Homeward keeps each kind of record, and when one falls due for deletion. Pure: no I/O.
 *
 * The defaults, each configurable per authority in authorities.settings `retention`:
 *  - a child's record: until their 25th birthday (the IRMS retention guidelines for local authorities, children's
 *    social care case files);
 *  - a child who was ever looked after: until 75 years from their birth (Care Planning, Placement and Case Review
 *    (England) Regulations 2010, regulation 50);
 *  - a location, or a person who may pose a risk: 6 years after their last link or change (no statute sets a
 *    period: six years after last action is the usual local authority schedule's default, and each partnership may
 *    set its own).
 * Drafts of forms, sessions and the e-mail outbox are looked after elsewhere (see docs/operations.md).
 */
export const SUBJECT_TYPES = ['child', 'location', 'person'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface RetentionPolicy {
  /** A child's record is kept until this birthday. */
  childUntilAge: number;
  /** …or until this many years from birth if the child was ever looked after. */
  lookedAfterUntilAge: number;
  locationYearsAfterLastActivity: number;
  personYearsAfterLastActivity: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  childUntilAge: 25,
  lookedAfterUntilAge: 75,
  locationYearsAfterLastActivity: 6,
  personYearsAfterLastActivity: 6,
};

export type RuleCode = 'child-age' | 'looked-after-age' | 'location-inactive' | 'person-inactive';

export interface DueDate {
  /** The first day the record may be deleted, yyyy-mm-dd. */
  dueOn: string;
  rule: RuleCode;
  /** The rule in words, with the period that applied. */
  ruleText: string;
}

/**
 * The authority's policy from `settings.retention`, each period a whole number of years from 1 to 150; what is
 * not set takes the default. A malformed setting throws, rather than deleting by another rule than the one chosen.
 */
export function retentionFromSettings(settings: Record<string, unknown>): RetentionPolicy {
  const raw = settings.retention;
  if (raw === undefined || raw === null) return DEFAULT_RETENTION;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('The authority setting "retention" must be an object of periods in years');
  const given = raw as Record<string, unknown>;
  const policy = { ...DEFAULT_RETENTION };
  for (const name of Object.keys(DEFAULT_RETENTION) as (keyof RetentionPolicy)[]) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 150) {
      throw new Error(`The authority setting "retention.${name}" must be a whole number of years from 1 to 150`);
    }
    policy[name] = value;
  }
  return policy;
}

/** yyyy-mm-dd plus whole years; 29 February becomes 1 March in a year without one (as a birthday does). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

/** The child's due date: for a child ever looked after, the later of the two rules. */
export function childDueDate(child: { dateOfBirth: string; everLookedAfter: boolean }, policy: RetentionPolicy): DueDate {
  if (child.everLookedAfter && policy.lookedAfterUntilAge > policy.childUntilAge) {
    return { dueOn: addYears(child.dateOfBirth, policy.lookedAfterUntilAge), rule: 'looked-after-age', ruleText: `Ever looked after: kept until ${policy.lookedAfterUntilAge} years from birth` };
  }
  return { dueOn: addYears(child.dateOfBirth, policy.childUntilAge), rule: 'child-age', ruleText: `Kept until the ${ordinal(policy.childUntilAge)} birthday` };
}

/** A location's or person's due date: the period after the last link to it or change of it. */
export function activityDueDate(kind: 'location' | 'person', lastActivityOn: string, policy: RetentionPolicy): DueDate {
  const years = kind === 'location' ? policy.locationYearsAfterLastActivity : policy.personYearsAfterLastActivity;
  return { dueOn: addYears(lastActivityOn, years), rule: kind === 'location' ? 'location-inactive' : 'person-inactive', ruleText: `Kept ${years} years after the last link or change` };
}

/** Due on its date: `today` is the UK calendar date. */
export function isDue(due: DueDate, today: string): boolean {
  return due.dueOn <= today;
}

/** The earliest birth date that could be due today under either child rule: a cheap filter before the rules run. */
export function bornOnOrBeforeForReview(today: string, policy: RetentionPolicy): string {
  return addYears(today, -Math.min(policy.childUntilAge, policy.lookedAfterUntilAge));
}

/** 25 → '25th', 21 → '21st'. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
