import type { NotificationInput } from '../missing/notification.ts';
import { CITY, COUNTY, IdSequence, type AuthorityProfile } from './authority.ts';
import { generateRecent, type RecentScenario } from './generate-recent.ts';
import { generateExploitation } from './exploitation-generate.ts';
import { generateFinancialYears } from './generate-years.ts';
import { londonDate } from './london-time.ts';
import { Random } from './random.ts';
import { TABLE1_YEARS } from './table1-targets.ts';
import type { DemoAuthority } from './types.ts';

/** The generated records' shapes (defined in types.ts so the generator's parts can share them). */
export type { DemoAuthority, DemoCarePeriod, DemoChild } from './types.ts';
/** Ashfield, Bassetlaw, Broxtowe, Gedling, Mansfield, Newark and Sherwood, Rushcliffe. */
export { COUNTY_DISTRICTS } from './authority.ts';

/*
 * The recent weeks: about four to five incidents a day in the county (a few dozen found in the last
 * week), a fifth of that in the city, with a dozen and four children missing right now.
 */
const RECENT: Readonly<Record<AuthorityProfile['code'], RecentScenario>> = {
  '891': {
    figures: {
      totalIncidents: 255, totalIndividuals: 117, ratioMaleFemale: '55:45', peakAgeRange: '14-17',
      homeIncidents: 125, homeIndividuals: 80, ownCareIncidents: 85, ownCareIndividuals: 25,
      olaCareIncidents: 45, olaCareIndividuals: 15,
    },
    open: [
      ['home', 'high'], ['own_care', 'high'], ['ola_care', 'high'], ['home', 'medium'], ['home', 'medium'],
      ['own_care', 'medium'], ['ola_care', 'medium'], ['home', 'low'], ['home', 'low'], ['own_care', 'low'],
      ['home', 'very low'], ['home', 'medium'],
    ],
    nearMatches: true,
  },
  '892': {
    figures: {
      totalIncidents: 50, totalIndividuals: 27, ratioMaleFemale: '56:44', peakAgeRange: '14-17',
      homeIncidents: 26, homeIndividuals: 18, ownCareIncidents: 16, ownCareIndividuals: 6,
      olaCareIncidents: 8, olaCareIndividuals: 4,
    },
    open: [['home', 'high'], ['home', 'medium'], ['own_care', 'medium'], ['ola_care', 'low']],
    nearMatches: false,
  },
};

// The five financial years must lie well before "now", and recent children must not overlap them.
const EARLIEST_NOW = Date.UTC(2024, 5, 1);

/**
 * A synthetic partnership for demonstrations: Nottinghamshire County ("891") reproducing seed 004's
 * Table 1 for 2019/20 to 2023/24 and the city ("892") at about a fifth of its volume, plus the last 60
 * days before `now` in both, and their exploitation records (the county reproducing seed 004's Tables 2 and 3,
 * both with a recent caseload on their panels). Pure and deterministic: the same seed and `now` give identical output.
 * Notifications are in the order a police feed would send them (by notifiedAt), except that the two
 * near-match notifications of the county come last.
 */
export function generateDemoPartnership(options: { seed: number; now: Date }): DemoAuthority[] {
  const now = options.now.getTime();
  if (!(now >= EARLIEST_NOW)) throw new RangeError('now must be on or after 1 June 2024');
  const root = new Random(options.seed);
  const built = [COUNTY, CITY].map((authority) => buildAuthority(root.fork(authority.code), authority, now));
  assignPoliceReferences(built.flatMap((b) => [...b.notifications, ...b.nearMatches]));
  return built.map((b) => ({
    code: b.code,
    children: b.children,
    notifications: [...byNotifiedAt(b.notifications), ...byNotifiedAt(b.nearMatches)],
    // After the police references are assigned: exploitation records link places to incidents by them.
    exploitation: generateExploitation({ ...b.forExploitation, rng: root.fork(`${b.code} exploitation`), now }),
  }));
}

function buildAuthority(rng: Random, authority: AuthorityProfile, now: number) {
  const ids = new IdSequence(authority);
  const years = generateFinancialYears({ rng, authority, ids, now });
  const recent = generateRecent({ rng, authority, ids, now, scenario: RECENT[authority.code] });
  const periods = [...years, recent.output];
  return {
    code: authority.code,
    children: periods.flatMap((p) => p.dressed.map((d) => d.child)),
    notifications: periods.flatMap((p) => p.notifications),
    nearMatches: recent.nearMatches,
    forExploitation: {
      authority, ids,
      years: TABLE1_YEARS.map((fy, i) => ({ fy, dressed: years[i]?.dressed ?? [] })),
      recent: { dressed: recent.output.dressed, notifications: recent.output.notifications },
    },
  };
}

/** One force serves both authorities, so references run in report order per calendar year across both. */
function assignPoliceReferences(notifications: NotificationInput[]): void {
  const ordered = [...notifications].sort(
    (a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.lastSeenAt.getTime() - b.lastSeenAt.getTime(),
  );
  const counters = new Map<string, number>();
  for (const notification of ordered) {
    const year = londonDate(notification.reportedAt.getTime()).slice(0, 4);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    notification.policeReference = `NP-${year}-${String(n).padStart(6, '0')}`;
  }
}

function byNotifiedAt(notifications: NotificationInput[]): NotificationInput[] {
  return [...notifications].sort(
    (a, b) =>
      a.notifiedAt.getTime() - b.notifiedAt.getTime() || (a.policeReference < b.policeReference ? -1 : 1),
  );
}
