/**
 * The pieces of a synthetic notification that do not depend on time order: the child's identity and the
 * free-text and coded details of one incident. Names come from the demo's generic lists; nothing is real.
 */
import { COUNTY_DISTRICTS } from '../../src/modules/demo/authority.ts';
import { randomForename, randomSurname } from '../../src/modules/demo/names.ts';
import type { Random } from '../../src/modules/demo/random.ts';
import type { MissingFrom, NotificationInput, RiskGrade, Sex } from '../../src/modules/missing/notification.ts';

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

export interface SyntheticChild
  extends Pick<NotificationInput, 'forename' | 'surname' | 'dateOfBirth' | 'sex' | 'laChildId' | 'policePersonId' | 'missingFrom' | 'responsibleAuthority'> {
  district: string;
  postcode: string;
  /** A little before the 18th birthday: the child may not be notified after this. */
  adultAtMs: number;
  /** The child may not go missing again before this (the previous incident's end). */
  busyUntilMs: number;
}

const OTHER_AUTHORITIES = ['Demo Borough Council', 'Another Shire Council', 'Demo Metropolitan Council', '892'];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const CIRCUMSTANCES = [
  'Did not return to the placement after school.',
  'Left home after an argument; phone switched off.',
  'Not at the agreed meeting point after a family visit.',
  'Did not come home at the agreed time in the evening.',
  'Did not return from college.',
  'Left the placement during the night; carers called the police.',
];
const FOUND_LOCATIONS = [
  'At a friend’s address', 'At a relative’s home', 'Town centre, with police', 'Returned to the placement',
  'Returned home', 'Bus station',
];

// Age at the first notification: mostly young teenagers, as in the seed reports' breakdowns.
const FIRST_AGE: readonly (readonly [number, number])[] = [[10, 4], [11, 7], [12, 11], [13, 17], [14, 22], [15, 23], [16, 16]];

export function syntheticPostcode(rng: Random): string {
  const letter = () => POSTCODE_LETTERS.charAt(rng.int(0, POSTCODE_LETTERS.length - 1));
  return `NG${rng.int(1, 25)} ${rng.int(1, 9)}${letter()}${letter()}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A new child first reported missing at `lastSeenMs`; `serial` makes the identifiers unique. */
export function syntheticChild(rng: Random, serial: number, lastSeenMs: number): SyntheticChild {
  const sex: Sex | null = rng.chance(0.05) ? null : rng.chance(0.5) ? 'male' : 'female';
  const age = rng.weighted(FIRST_AGE) + rng.next() * 0.98;
  const dobMs = Math.floor((lastSeenMs - age * YEAR) / DAY) * DAY;
  const dob = new Date(dobMs);
  const missingFrom = rng.weighted<MissingFrom>([['home', 65], ['care', 25], ['ola care', 10]]);
  // Most children are known to the authority or the force by an id; a few only by name and date of birth.
  const ids = rng.weighted<'both' | 'la' | 'police' | 'none'>([['both', 45], ['la', 10], ['police', 37], ['none', 8]]);
  return {
    forename: randomForename(rng, sex),
    surname: randomSurname(rng),
    dateOfBirth: isoDate(dobMs),
    sex,
    laChildId: ids === 'both' || ids === 'la' ? `LA${String(1_000_000 + serial)}` : null,
    policePersonId: ids === 'both' || ids === 'police' ? `PP${String(20_000_000 + serial)}` : null,
    missingFrom,
    responsibleAuthority: missingFrom === 'ola care' ? rng.pick(OTHER_AUTHORITIES) : null,
    district: rng.pick(COUNTY_DISTRICTS),
    postcode: syntheticPostcode(rng),
    adultAtMs: Date.UTC(dob.getUTCFullYear() + 18, dob.getUTCMonth(), dob.getUTCDate()) - 3 * DAY,
    busyUntilMs: 0,
  };
}

export function riskGrade(rng: Random): RiskGrade {
  return rng.weighted<RiskGrade>([['high', 6], ['medium', 52], ['low', 24], ['very low', 8], ['no apparent risk', 10]]);
}

export function circumstances(rng: Random): string | null {
  return rng.chance(0.4) ? null : rng.pick(CIRCUMSTANCES);
}

export function foundLocation(rng: Random): string {
  return rng.pick(FOUND_LOCATIONS);
}
