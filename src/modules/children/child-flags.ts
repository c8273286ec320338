/**
 * The flags on a child's record. Automated flags must explain themselves (domain.md, "children first"):
 * each carries the rule that raises it and the facts that raised it this time.
 */
import { formatUkDateTime, londonDate } from '../missing/uk-time.ts';

/** "More than 3 times in 90 days" is this partnership's local threshold (domain.md step 5), not a national rule. */
export const FREQUENT_MISSING = { count: 4, days: 90 } as const;

export type FlagKey = 'missing-now' | 'looked-after' | 'other-authority' | 'frequently-missing';

export interface ChildFlag {
  key: FlagKey;
  text: string;
  /** A GOV.UK tag colour modifier. */
  tagClass: string;
  rule: string;
  facts: string;
}

export interface FlagIncident {
  policeReference: string;
  lastSeenAt: Date;
  foundAt: Date | null;
}

export interface FlagCarePeriod {
  status: string;
  startsAt: Date;
  placement: string | null;
  outOfArea: boolean;
  responsibleAuthority: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2 January 2026`, the Europe/London calendar date, as GOV.UK writes dates. */
export function longDate(d: Date): string {
  const [y, m, day] = londonDate(d).split('-');
  return `${Number(day)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

function missingNowFlag(incidents: FlagIncident[]): ChildFlag | null {
  const open = incidents.find((i) => i.foundAt === null);
  if (!open) return null;
  return {
    key: 'missing-now', text: 'Missing now', tagClass: 'govuk-tag--red',
    rule: 'Shown while an incident has no time when the child was found.',
    facts: `Last seen ${formatUkDateTime(open.lastSeenAt)} (incident ${open.policeReference}); not yet recorded as found.`,
  };
}

function careFlags(period: FlagCarePeriod | null): ChildFlag[] {
  if (!period || period.status === 'home') return [];
  const since = longDate(period.startsAt);
  const where = [period.placement, period.outOfArea ? 'placed out of area' : null].filter(Boolean).join(', ');
  const by = period.status === 'ola_care' ? (period.responsibleAuthority ?? 'another authority') : 'this authority';
  const flags: ChildFlag[] = [{
    key: 'looked-after', text: 'Looked after', tagClass: 'govuk-tag--blue',
    rule: 'Shown when the current care status is looked after, by this or another authority.',
    facts: `Looked after by ${by} since ${since}${where ? `: ${where}` : ''}.`,
  }];
  if (period.status === 'ola_care') {
    flags.push({
      key: 'other-authority', text: "Other authority's child", tagClass: 'govuk-tag--purple',
      rule: 'Shown when another authority is responsible for the child and placed them here: that authority must be told whenever the child goes missing.',
      facts: `Responsible authority: ${period.responsibleAuthority ?? 'not recorded'}, placed here since ${since}.`,
    });
  }
  return flags;
}

function frequentlyMissingFlag(incidents: FlagIncident[], now: Date): ChildFlag | null {
  const from = now.getTime() - FREQUENT_MISSING.days * 24 * 3600 * 1000;
  const recent = incidents
    .filter((i) => i.lastSeenAt.getTime() >= from && i.lastSeenAt.getTime() <= now.getTime())
    .sort((a, b) => a.lastSeenAt.getTime() - b.lastSeenAt.getTime());
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (recent.length < FREQUENT_MISSING.count || !first || !last) return null;
  return {
    key: 'frequently-missing', text: 'Frequently missing', tagClass: 'govuk-tag--orange',
    rule: `Shown when a child has been missing ${FREQUENT_MISSING.count} or more times in the last ${FREQUENT_MISSING.days} days (this partnership's threshold for a multi-agency meeting).`,
    facts: `${recent.length} incidents between ${longDate(first.lastSeenAt)} and ${longDate(last.lastSeenAt)}.`,
  };
}

export function childFlags(input: { incidents: FlagIncident[]; careNow: FlagCarePeriod | null; now: Date }): ChildFlag[] {
  return [
    missingNowFlag(input.incidents),
    ...careFlags(input.careNow),
    frequentlyMissingFlag(input.incidents, input.now),
  ].filter((f): f is ChildFlag => f !== null);
}
