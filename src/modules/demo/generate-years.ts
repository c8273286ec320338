import { financialYear, ratioOf, roundHalfUp } from '../reports/measures.ts';
import type { AuthorityProfile, IdSequence } from './authority.ts';
import { lastSunday, londonInstant } from './london-time.ts';
import { generatePeriod, type PeriodOutput } from './period.ts';
import { planFromFigures } from './plan.ts';
import type { Random } from './random.ts';
import { TABLE1_PUBLISHED, TABLE1_YEARS, type Table1Year } from './table1-targets.ts';
import type { Table1Figures } from './types.ts';

const MINUTE = 60_000;

/**
 * One period per financial year 2019/20 to 2023/24. The county reproduces the published Table 1; the city
 * gets about a fifth of the county's volume with the same shape. Every year has fresh children.
 */
export function generateFinancialYears(input: {
  rng: Random;
  authority: AuthorityProfile;
  ids: IdSequence;
  now: number;
}): PeriodOutput[] {
  const { rng, authority, ids, now } = input;
  return TABLE1_YEARS.map((year) => {
    const { start, end } = financialYear(year);
    const label = `${authority.code} ${year}`;
    const figures = authority.code === '891'
      ? TABLE1_PUBLISHED[year]
      : cityFigures(rng.fork(`${label} figures`), TABLE1_PUBLISHED[year]);
    const plan = planFromFigures(figures, {
      label,
      start: start.getTime(),
      end: end.getTime(),
      maxPerChild: 60,
      pins: specialInstants(rng.fork(`${label} pins`), year),
    });
    return generatePeriod({ rng, plan, authority, ids, now });
  });
}

/**
 * Start times that catch off-by-one-hour mistakes: minutes after the year opens and before it closes (both
 * in British Summer Time, so 23:xx UTC the day before), and around both clock changes, including the
 * repeated hour in October and the missing hour in March.
 */
function specialInstants(rng: Random, year: Table1Year): number[] {
  const first = Number(year.slice(0, 4));
  const opens = `${first}-04-01`;
  const closes = `${first + 1}-03-31`;
  const autumn = lastSunday(first, 10);
  const spring = lastSunday(first + 1, 3);
  const repeatedHourBst = londonInstant(autumn, 80);
  return [
    londonInstant(opens, rng.int(3, 50)),
    londonInstant(opens, rng.int(51, 110)),
    londonInstant(closes, 24 * 60 - rng.int(10, 40)),
    londonInstant(closes, 24 * 60 - rng.int(41, 90)),
    londonInstant(autumn, 50),
    repeatedHourBst,
    repeatedHourBst + 60 * MINUTE,
    londonInstant(spring, 40),
    londonInstant(spring, 190),
  ];
}

/** City figures: the county's year scaled to about a fifth, with some variation between groups. */
function cityFigures(rng: Random, county: Table1Figures): Table1Figures {
  const factor = 0.2 * rng.range(0.92, 1.08);
  const scale = (n: number): number => Math.max(1, roundHalfUp(n * factor));
  const incidents = (n: number): number => Math.max(1, roundHalfUp(n * factor * rng.range(0.94, 1.06)));
  const home = incidents(county.homeIncidents);
  const ownCare = incidents(county.ownCareIncidents);
  const olaCare = incidents(county.olaCareIncidents);
  const totalIndividuals = scale(county.totalIndividuals);
  const males = roundHalfUp(totalIndividuals * rng.range(0.51, 0.59));
  return {
    totalIncidents: home + ownCare + olaCare,
    totalIndividuals,
    ratioMaleFemale: ratioOf({ male: males, female: totalIndividuals - males, total: totalIndividuals }),
    peakAgeRange: '14-17',
    homeIncidents: home,
    homeIndividuals: scale(county.homeIndividuals),
    ownCareIncidents: ownCare,
    ownCareIndividuals: scale(county.ownCareIndividuals),
    olaCareIncidents: olaCare,
    olaCareIndividuals: scale(county.olaCareIndividuals),
  };
}
