import type { AuthorityProfile } from './authority.ts';
import { DAY, londonInstant, londonMidnight } from './london-time.ts';
import type { Random } from './random.ts';
import type { DraftChild } from './timeline.ts';
import type { CareStatus, DemoCarePeriod } from './types.ts';

const PLACEMENTS = [
  ["Residential children's home", 30],
  ['Foster care (in-house)', 30],
  ['Foster care (independent agency)', 25],
  ['Kinship care', 8],
  ['Placed with parents', 7],
] as const;

/**
 * A child's care history: at home from birth, then the groups of the period in order, each starting at the
 * draft's switch dates. A child first seen in care came into care some weeks to years before their first
 * incident. The last period ends on the 18th birthday if that is already past.
 */
export function buildCarePeriods(
  rng: Random,
  input: { draft: DraftChild; dateOfBirth: string; authority: AuthorityProfile; now: number },
): DemoCarePeriod[] {
  const { draft, dateOfBirth, authority, now } = input;
  const birth = londonInstant(dateOfBirth, 0);
  const firstIncident = Math.min(...draft.incidents.map((i) => i.lastSeenAt));
  const statuses: CareStatus[] = [...draft.groups];
  const starts = [birth, ...draft.switches];
  if (statuses[0] !== 'home') {
    const cameIntoCare = londonMidnight(firstIncident - rng.int(14, 1400) * DAY);
    statuses.unshift('home');
    starts.splice(1, 0, Math.max(cameIntoCare, birth + DAY));
  }
  const authorityName = rng.pick(authority.otherAuthorities);
  const adulthood = eighteenthBirthday(dateOfBirth);
  return statuses.map((status, i) => {
    const next = starts[i + 1];
    const end = next ?? (adulthood <= now ? adulthood : null);
    return {
      status,
      startsAt: new Date(starts[i] ?? birth),
      endsAt: end === null ? null : new Date(end),
      placement: status === 'home' ? null : rng.weighted(PLACEMENTS),
      outOfArea: status === 'own_care' && rng.chance(0.15),
      responsibleAuthority: status === 'ola_care' ? authorityName : null,
    };
  });
}

/** London midnight of the 18th birthday (1 March for a 29 February birthday in a common year). */
function eighteenthBirthday(dateOfBirth: string): number {
  const year = Number(dateOfBirth.slice(0, 4)) + 18;
  const monthDay = dateOfBirth.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return londonInstant(`${year}-${monthDay === '02-29' && !leap ? '03-01' : monthDay}`, 0);
}
