import { ratioOf, roundHalfUp } from '../reports/measures.ts';
import type { CareStatus, Table1Figures } from './types.ts';

/** The three Table 1 groups; a group is the child's care status when the incident starts. */
export type Group = CareStatus;
/** The groups in Table 1 order. */
export const GROUPS: readonly Group[] = ['home', 'own_care', 'ola_care'];

/** What one period (a financial year, or the recent weeks) must contain. */
export interface PeriodPlan {
  /** Names the period in forked random streams, e.g. "891 2023/24". */
  label: string;
  /** Incidents start (and, except pinned ones, end) in [start, end), epoch ms. */
  start: number;
  end: number;
  incidents: Record<Group, number>;
  /** How many children are in each combination of groups (a child can move between groups). */
  combos: { groups: Group[]; count: number }[];
  sex: { male: number; female: number; unknown: number };
  /** Relative weight of incidents at each age in whole years. */
  ageWeights: ReadonlyMap<number, number>;
  /** No child has more incidents than this in one group in the period. */
  maxPerChild: number;
  /** Start instants to give single-incident children (FY boundaries, clock changes). */
  pins: number[];
}

/*
 * Age weights (percent of incidents) designed so the peak age range is robustly the published one: for
 * 14-17 every 3-year range stays near 55% (below 60%) while 14-17 has ~73%, clear of 13-16 (~67%); for
 * 15-17, 15-17 has ~65% while 14-16 has ~55% and no 2-year range reaches 45%.
 */
const AGE_PROFILES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  '14-17': [[8, 1], [9, 1], [10, 2], [11, 4], [12, 8], [13, 11], [14, 18], [15, 19], [16, 19], [17, 17]],
  '15-17': [[8, 1], [9, 1], [10, 1], [11, 4], [12, 7], [13, 10], [14, 11], [15, 21], [16, 23], [17, 21]],
};

/** Turns Table 1-shaped figures into a generation plan. Throws if they cannot be met within 2%. */
export function planFromFigures(
  figures: Table1Figures,
  period: Pick<PeriodPlan, 'label' | 'start' | 'end' | 'maxPerChild' | 'pins'>,
): PeriodPlan {
  const profile = AGE_PROFILES[figures.peakAgeRange.replace(/\s/g, '')];
  if (!profile) throw new RangeError(`No age profile for peak age range ${figures.peakAgeRange}`);
  return {
    ...period,
    incidents: reconcileIncidents(figures),
    combos: groupCombinations(figures),
    sex: sexCounts(figures.ratioMaleFemale, figures.totalIndividuals),
    ageWeights: new Map(profile),
  };
}

/**
 * Group incident counts that add up to the published total, each within 2% of its published cell: the
 * difference is shared in proportion to the groups (largest remainder).
 */
export function reconcileIncidents(figures: Table1Figures): Record<Group, number> {
  const published = [figures.homeIncidents, figures.ownCareIncidents, figures.olaCareIncidents];
  const sum = published.reduce((a, b) => a + b, 0);
  const exact = published.map((n) => n + ((figures.totalIncidents - sum) * n) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  let left = figures.totalIncidents - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  const [home = 0, ownCare = 0, olaCare = 0] = counts;
  published.forEach((n, i) => {
    if (Math.abs((counts[i] ?? 0) - n) > 0.02 * n) {
      throw new RangeError(`Cannot reconcile incident totals within 2%: ${published.join('+')} vs ${sum}`);
    }
  });
  return { home, own_care: ownCare, ola_care: olaCare };
}

/**
 * Children per combination of groups so that every "relating to individuals" cell is exact. The overlap
 * (group rows minus the total) is mostly children who moved between home and care; a few move between
 * this authority's care and another's, and a very few are in all three groups.
 */
export function groupCombinations(figures: Table1Figures): { groups: Group[]; count: number }[] {
  const home = figures.homeIndividuals;
  const own = figures.ownCareIndividuals;
  const ola = figures.olaCareIndividuals;
  const overlap = home + own + ola - figures.totalIndividuals;
  const all = roundHalfUp(overlap * 0.03);
  const careToCare = roundHalfUp(overlap * 0.05);
  const rest = overlap - 2 * all - careToCare;
  const homeOwn = roundHalfUp((rest * own) / (own + ola));
  const homeOla = rest - homeOwn;
  const combos = [
    { groups: ['home'], count: home - homeOwn - homeOla - all },
    { groups: ['own_care'], count: own - homeOwn - careToCare - all },
    { groups: ['ola_care'], count: ola - homeOla - careToCare - all },
    { groups: ['home', 'own_care'], count: homeOwn },
    { groups: ['home', 'ola_care'], count: homeOla },
    { groups: ['own_care', 'ola_care'], count: careToCare },
    { groups: ['home', 'own_care', 'ola_care'], count: all },
  ] satisfies { groups: Group[]; count: number }[];
  if (overlap < 0 || combos.some((c) => c.count < 0)) {
    throw new RangeError(`Individuals rows cannot be combined into ${figures.totalIndividuals} children`);
  }
  return combos.filter((c) => c.count > 0);
}

/**
 * Male, female and unknown-sex counts among `total` children that print exactly as `ratio` ("M:F", whole
 * percentages of all children, half up). When the sides sum to 100 nobody is of unknown sex.
 */
export function sexCounts(ratio: string, total: number): PeriodPlan['sex'] {
  const [malePct = NaN, femalePct = NaN] = ratio.split(':').map(Number);
  for (const male of countsPrintingAs(malePct, total)) {
    const females = malePct + femalePct === 100 ? [total - male] : countsPrintingAs(femalePct, total);
    for (const female of females) {
      if (male + female <= total && ratioOf({ male, female, total }) === ratio) {
        return { male, female, unknown: total - male - female };
      }
    }
  }
  throw new RangeError(`Cannot split ${total} children as ${ratio}`);
}

/** Counts n out of total that print as `percent`, nearest to the exact share first. */
function countsPrintingAs(percent: number, total: number): number[] {
  const ideal = (percent * total) / 100;
  const low = Math.floor(ideal);
  const near = [low, low + 1, low - 1, low + 2, low - 2];
  return [...new Set(near)].filter((n) => n >= 0 && roundHalfUp((100 * n) / total) === percent);
}
