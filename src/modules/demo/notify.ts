import type { MissingFrom, NotificationInput, RiskGrade } from '../missing/notification.ts';
import type { AuthorityProfile } from './authority.ts';
import { DAY, HOUR } from './london-time.ts';
import type { DressedChild } from './people.ts';
import type { Random } from './random.ts';
import type { DraftIncident } from './timeline.ts';
import type { CareStatus, DemoChild } from './types.ts';

const MINUTE = 60_000;
const GRADING_CHANGE = Date.UTC(2021, 0, 1);
const MISSING_FROM: Record<CareStatus, MissingFrom> = { home: 'home', own_care: 'care', ola_care: 'ola care' };

// Before 2021 the force still graded many reports "no apparent risk" (absent); later "very low" replaced most.
const EARLY_GRADES = [['high', 7], ['medium', 44], ['low', 37], ['no apparent risk', 12]] as const;
const LATER_GRADES = [['high', 9], ['medium', 45], ['low', 33], ['very low', 11], ['no apparent risk', 2]] as const;

// Neutral descriptions of what happened: never blaming the child.
const CIRCUMSTANCES_HOME = [
  'Did not return home at the agreed time.',
  'Left the family home in the evening and did not return as expected.',
  'Did not come home after school.',
  'Parent unable to make contact; phone not answered.',
  'Went out to see friends and did not return at the agreed time.',
  'Left home after a disagreement in the household.',
];
const CIRCUMSTANCES_CARE = [
  'Did not return to the placement at the agreed time.',
  'Left the placement in the evening; carers unable to make contact.',
  'Did not return after school; reported as agreed in the care plan.',
  'Staff unable to make contact after the agreed return time.',
  'Not at the expected address after a planned family visit.',
];
const FOUND_LOCATIONS = [
  "Friend's home", "Relative's home", 'Town centre', 'Park', 'Bus station', 'Shopping centre',
  'Returned of their own accord', 'Railway station',
];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * The police notification for one incident of a known child. Missing-from agrees with the child's care
 * period at the incident start. The police reference is filled in later, in report order.
 */
export function buildNotification(
  rng: Random,
  input: { dressed: DressedChild; incident: DraftIncident; authority: AuthorityProfile; now: number },
): NotificationInput {
  const { dressed, incident, authority, now } = input;
  const { child } = dressed;
  const period = periodAt(child, incident.lastSeenAt);
  const status = period?.status ?? incident.group;
  const timing = reportTiming(rng, incident, now);
  return {
    policeReference: '',
    ...timing,
    lastSeenAt: new Date(incident.lastSeenAt),
    foundAt: incident.foundAt === null ? null : new Date(incident.foundAt),
    riskGrade: incident.riskGrade ?? gradeFor(rng, incident.lastSeenAt),
    forename: child.forename,
    surname: child.surname,
    dateOfBirth: child.dateOfBirth,
    sex: child.sex,
    laChildId: child.laChildId,
    policePersonId: rng.chance(0.88) ? dressed.policePersonId : null,
    missingFrom: MISSING_FROM[status],
    responsibleAuthority: status === 'ola_care' ? (period?.responsibleAuthority ?? null) : null,
    district: child.district,
    missingFromPostcode: rng.chance(0.75) ? fakePostcode(rng, authority) : null,
    foundLocation: incident.foundAt === null ? null : rng.pick(FOUND_LOCATIONS),
    foundPostcode: incident.foundAt !== null && rng.chance(0.5) ? fakePostcode(rng, authority) : null,
    circumstances: rng.chance(0.85) ? rng.pick(status === 'home' ? CIRCUMSTANCES_HOME : CIRCUMSTANCES_CARE) : null,
  };
}

function periodAt(child: DemoChild, at: number): DemoChild['carePeriods'][number] | undefined {
  return child.carePeriods.find((p) => p.startsAt.getTime() <= at && (p.endsAt === null || at < p.endsAt.getTime()));
}

/**
 * Reported minutes to a few hours after last seen (always before being found); notified mostly within 24
 * hours of the report, some within 72, a few later; never after `now`. Whole minutes, as police systems
 * record them, so the order survives any export format.
 */
export function reportTiming(
  rng: Random,
  incident: Pick<DraftIncident, 'lastSeenAt' | 'foundAt'>,
  now: number,
): { reportedAt: Date; notifiedAt: Date } {
  const { lastSeenAt } = incident;
  const latestReport = lastSeenAt + 0.6 * ((incident.foundAt ?? now) - lastSeenAt);
  const delay = rng.weighted([[rng.range(5, 90), 70], [rng.range(90, 360), 30]] as const) * MINUTE;
  const reportedAt = ceilMinute(Math.min(lastSeenAt + delay, latestReport));
  const notifyDelay = rng.weighted([
    [rng.range(5 * MINUTE, 24 * HOUR), 82],
    [rng.range(24 * HOUR, 72 * HOUR), 14],
    [rng.range(3 * DAY, 10 * DAY), 4],
  ] as const);
  const wanted = ceilMinute(reportedAt + notifyDelay);
  const notifiedAt = wanted <= now ? wanted : floorMinute(reportedAt + rng.next() * (now - reportedAt));
  return { reportedAt: new Date(reportedAt), notifiedAt: new Date(Math.max(notifiedAt, reportedAt)) };
}

function ceilMinute(ms: number): number {
  return Math.ceil(ms / MINUTE) * MINUTE;
}

function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** A risk grade typical of the date. */
export function gradeFor(rng: Random, at: number): RiskGrade {
  return rng.weighted(at < GRADING_CHANGE ? EARLY_GRADES : LATER_GRADES);
}

/** A valid-looking, made-up postcode in one of the authority's outward codes. */
export function fakePostcode(rng: Random, authority: AuthorityProfile): string {
  const letter = (): string => POSTCODE_LETTERS.charAt(rng.int(0, POSTCODE_LETTERS.length - 1));
  return `${rng.pick(authority.postcodeDistricts)} ${rng.int(1, 9)}${letter()}${letter()}`;
}
