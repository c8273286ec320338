import { DateTime } from 'luxon';

/*
 * Pure helpers behind the measures in shared/spec/metrics.md ("Conventions"). Every report, export and
 * dashboard uses these, so a figure is computed one way everywhere.
 */

const LONDON = 'Europe/London';

/**
 * Rounds half away from zero (Java's HALF_UP; for the non-negative percentages we print, "half up").
 * The scaled value is first cut to 15 significant digits so binary noise such as 1.005 * 100 =
 * 100.49999999999999 rounds as the decimal a person would write.
 */
export function roundHalfUp(x: number, dp = 0): number {
  const factor = 10 ** dp;
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  const rounded = (Math.sign(x) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/**
 * The modal age (ages in whole years); ties go to the older age. Null when there are no ages.
 */
export function peakAge(ages: readonly number[]): number | null {
  const counts = countByAge(ages);
  let best: number | null = null;
  let bestCount = 0;
  for (const [age, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && age > best)) {
      best = age;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The shortest contiguous range of ages containing at least `share` of the ages given (one age per
 * counted incident or child). Ties: the range with more of them, then the older range. Null when empty.
 */
export function peakAgeRange(
  ages: readonly number[],
  share = 0.6,
): { from: number; to: number } | null {
  if (ages.length === 0) return null;
  const counts = countByAge(ages);
  const min = Math.min(...counts.keys());
  const max = Math.max(...counts.keys());
  // Compare with a tiny tolerance: 0.6 * n is not always exact in binary.
  const needed = share * ages.length - 1e-9;
  for (let width = 1; width <= max - min + 1; width += 1) {
    let best: { from: number; to: number; count: number } | null = null;
    for (let from = min; from + width - 1 <= max; from += 1) {
      const to = from + width - 1;
      let count = 0;
      for (let age = from; age <= to; age += 1) count += counts.get(age) ?? 0;
      // Iterating upwards, ">=" lets an equal count from an older range win the tie.
      if (count >= needed && (best === null || count >= best.count)) best = { from, to, count };
    }
    if (best !== null) return { from: best.from, to: best.to };
  }
  return null;
}

/**
 * Males to females as whole percentages of ALL the individuals (unknown sex included in the total but on
 * neither side), each side rounded half up, e.g. "49:50".
 */
export function ratioOf(counts: { male: number; female: number; total: number }): string {
  if (counts.total === 0) return '0:0';
  const male = roundHalfUp((100 * counts.male) / counts.total);
  const female = roundHalfUp((100 * counts.female) / counts.total);
  return `${male}:${female}`;
}

/**
 * The bounds of a financial year such as "2023/24": 1 April 00:00 Europe/London (inclusive) to the next
 * 1 April 00:00 (exclusive). Both fall in British Summer Time, so they are 23:00 UTC the day before.
 */
export function financialYear(label: string): { start: Date; end: Date } {
  const match = /^(\d{4})\/(\d{2})$/.exec(label);
  const first = Number(match?.[1]);
  const second = Number(match?.[2]);
  if (!match || (first + 1) % 100 !== second) {
    throw new RangeError(`Not a financial year label: "${label}" (expected e.g. "2023/24")`);
  }
  const start = DateTime.fromObject({ year: first, month: 4, day: 1 }, { zone: LONDON });
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() };
}

/**
 * Age in whole years on the Europe/London calendar date of `at`. A 29 February birthday is reached on
 * 1 March in other years.
 */
export function ageAt(dateOfBirth: string, at: Date): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) throw new RangeError(`Not a yyyy-mm-dd date: "${dateOfBirth}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const local = DateTime.fromJSDate(at, { zone: LONDON });
  const beforeBirthday = local.month < month || (local.month === month && local.day < day);
  return local.year - year - (beforeBirthday ? 1 : 0);
}

function countByAge(ages: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const age of ages) counts.set(age, (counts.get(age) ?? 0) + 1);
  return counts;
}
