import type { AuthorityProfile, IdSequence } from './authority.ts';
import { buildCarePeriods } from './care-periods.ts';
import { addDays, londonDate, yearsBetween } from './london-time.ts';
import { randomForename, randomSurname } from './names.ts';
import type { PeriodPlan } from './plan.ts';
import type { Random } from './random.ts';
import type { DraftChild } from './timeline.ts';
import type { DemoChild } from './types.ts';

/** A child with their police person id and the incidents that made them. */
export interface DressedChild {
  child: DemoChild;
  policePersonId: string;
  draft: DraftChild;
}

/** Gives each draft child an identity: age and date of birth, sex, names, district and care history. */
export function dressChildren(
  rng: Random,
  input: {
    drafts: DraftChild[];
    plan: PeriodPlan;
    authority: AuthorityProfile;
    ids: IdSequence;
    now: number;
    /** Ages must also hold up to this instant. */
    ageUntil?: number;
  },
): DressedChild[] {
  const { drafts, plan, authority, ids, now } = input;
  const ages = assignAges(rng, drafts, plan.ageWeights);
  const sexes = rng.shuffle([
    ...Array.from({ length: plan.sex.male }, () => 'male' as const),
    ...Array.from({ length: plan.sex.female }, () => 'female' as const),
    ...Array.from({ length: plan.sex.unknown }, () => null),
  ]);
  return drafts.map((draft, i) => {
    const starts = draft.incidents.map((incident) => incident.lastSeenAt);
    const span = { first: Math.min(...starts), last: Math.max(...starts, input.ageUntil ?? -Infinity) };
    const dateOfBirth = dateOfBirthFor(rng, ages[i] ?? 15, span);
    const sex = sexes[i] ?? null;
    const { laChildId, policePersonId } = ids.nextIds();
    const child: DemoChild = {
      laChildId,
      forename: randomForename(rng, sex),
      surname: randomSurname(rng),
      dateOfBirth,
      sex,
      district: rng.weighted(authority.districts),
      carePeriods: buildCarePeriods(rng, { draft, dateOfBirth, authority, now }),
    };
    return { child, policePersonId, draft };
  });
}

/**
 * An age per child so that incidents (not children) follow the age weights: children with most incidents
 * choose first, each among the ages whose shortfall can still take all of their incidents.
 */
function assignAges(rng: Random, drafts: DraftChild[], weights: ReadonlyMap<number, number>): number[] {
  const total = drafts.reduce((sum, d) => sum + d.incidents.length, 0);
  const weightSum = [...weights.values()].reduce((a, b) => a + b, 0);
  const shortfall = new Map([...weights].map(([age, w]) => [age, (w / weightSum) * total]));
  const order = drafts.map((d, i) => [d.incidents.length, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ages: number[] = new Array<number>(drafts.length).fill(15);
  for (const [count, i] of order) {
    const roomy = [...shortfall].filter(([, left]) => left >= count);
    const age = roomy.length > 0
      ? rng.weighted(roomy)
      : [...shortfall].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
    shortfall.set(age, (shortfall.get(age) ?? 0) - count);
    ages[i] = age;
  }
  return ages;
}

/**
 * A date of birth giving the same age at every moment in the span (so a child's age never changes between
 * their incidents in a period): the last birthday falls on or before the span's first day and the next
 * one after its last. If the span is a year or longer, the age holds at its end (younger before, never
 * older), so the child is never older than planned.
 */
function dateOfBirthFor(rng: Random, age: number, span: { first: number; last: number }): string {
  const firstDay = londonDate(span.first);
  const lastDay = londonDate(span.last);
  const earliest = addDays(lastDay, -364);
  const room = Math.round((Date.parse(firstDay) - Date.parse(earliest)) / 86_400_000);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const birthday = addDays(earliest, rng.int(0, room >= 0 ? room : 364));
    const dob = `${Number(birthday.slice(0, 4)) - age}${birthday.slice(4)}`;
    if (!isRealDate(dob) || yearsBetween(dob, lastDay) !== age) continue;
    if (room < 0 || yearsBetween(dob, firstDay) === age) return dob;
  }
  return `${Number(lastDay.slice(0, 4)) - age}-01-01`;
}

function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
