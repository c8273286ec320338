import type { NotificationInput, RiskGrade } from '../missing/notification.ts';
import type { AuthorityProfile, IdSequence } from './authority.ts';
import { DAY, HOUR, londonDate, yearsBetween } from './london-time.ts';
import { withOneLetterTypo } from './names.ts';
import { buildNotification } from './notify.ts';
import type { DressedChild } from './people.ts';
import { generatePeriod, type PeriodOutput } from './period.ts';
import { planFromFigures, type Group } from './plan.ts';
import type { Random } from './random.ts';
import { drawStart, type DraftChild } from './timeline.ts';
import type { Table1Figures } from './types.ts';

/** What the recent weeks of one authority look like. */
export interface RecentScenario {
  figures: Table1Figures;
  /** One open incident per entry, each for a different child whose current status is the group. */
  open: readonly (readonly [Group, RiskGrade])[];
  /** Whether to add the two "possible same child" notifications. */
  nearMatches: boolean;
}

/** The last 60 days up to `now`: found incidents, incidents still open, and near-match notifications. */
export function generateRecent(input: {
  rng: Random;
  authority: AuthorityProfile;
  ids: IdSequence;
  now: number;
  scenario: RecentScenario;
}): { output: PeriodOutput; nearMatches: NotificationInput[] } {
  const { rng, authority, ids, now, scenario } = input;
  const label = `${authority.code} recent`;
  // Found incidents end before the window does, so an hour before now leaves room for the open ones.
  const window = { label, start: now - 60 * DAY, end: now - HOUR, maxPerChild: 12, pins: [] };
  const plan = planFromFigures(scenario.figures, window);
  const output = generatePeriod({
    rng, plan, authority, ids, now,
    ageUntil: now,
    beforeDressing: (drafts) => addOpenIncidents(rng.fork(`${label} open`), { drafts, open: scenario.open, now }),
  });
  const nearMatches = scenario.nearMatches
    ? nearMatchNotifications(rng.fork(`${label} near matches`), { dressed: output.dressed, authority, now })
    : [];
  return { output, nearMatches };
}

function lastFound(draft: DraftChild): number {
  return Math.max(...draft.incidents.map((i) => i.foundAt ?? Infinity));
}

/** Open incidents that started between 3 days and 1 hour ago, after the child's previous return. */
function addOpenIncidents(
  rng: Random,
  input: { drafts: DraftChild[]; open: RecentScenario['open']; now: number },
): void {
  const { drafts, open, now } = input;
  const chosen = new Set<DraftChild>();
  for (const [group, riskGrade] of open) {
    const candidates = drafts.filter(
      (d) => !chosen.has(d) && d.groups[d.groups.length - 1] === group && lastFound(d) <= now - 4 * HOUR,
    );
    const child = rng.pick(candidates);
    chosen.add(child);
    const lastSeenAt = drawStart(rng, Math.max(now - 3 * DAY, lastFound(child) + HOUR), now - HOUR);
    child.incidents.push({ group, lastSeenAt, foundAt: null, riskGrade });
  }
}

/**
 * Two notifications that do not quote the authority's or police's ids and nearly match a recent child: one
 * with a one-letter typo in the surname, one with the day and month of birth swapped. The intake must not
 * link them silently; they go on the "possible same child" list.
 */
function nearMatchNotifications(
  rng: Random,
  input: { dressed: DressedChild[]; authority: AuthorityProfile; now: number },
): NotificationInput[] {
  const { dressed, authority, now } = input;
  const today = londonDate(now);
  const settled = dressed.filter(
    (d) => d.draft.groups[d.draft.groups.length - 1] === 'home' && lastFound(d.draft) <= now - 10 * HOUR,
  );
  const typo = rng.pick(settled);
  // Swapping must give a different real date and keep the child under 18.
  const swappable = settled.filter((d) => {
    const [month, day] = [Number(d.child.dateOfBirth.slice(5, 7)), Number(d.child.dateOfBirth.slice(8, 10))];
    return d !== typo && day <= 12 && day !== month && yearsBetween(d.child.dateOfBirth, today) <= 16;
  });
  const swapped = rng.pick(swappable);
  const dob = swapped.child.dateOfBirth;
  return [
    { ...nearMatch(rng, { dressed: typo, authority, now }), surname: withOneLetterTypo(rng, typo.child.surname) },
    {
      ...nearMatch(rng, { dressed: swapped, authority, now }),
      dateOfBirth: `${dob.slice(0, 5)}${dob.slice(8, 10)}-${dob.slice(5, 7)}`,
    },
  ];
}

/** A recent, found incident for the child's look-alike, after the child's own last return. */
function nearMatch(
  rng: Random,
  input: { dressed: DressedChild; authority: AuthorityProfile; now: number },
): NotificationInput {
  const { dressed, authority, now } = input;
  const lastSeenAt = drawStart(rng, Math.max(lastFound(dressed.draft) + 2 * HOUR, now - 2 * DAY), now - 6 * HOUR);
  const foundAt = lastSeenAt + rng.int(60, 240) * 60_000;
  const incident = { group: 'home' as const, lastSeenAt, foundAt };
  const notification = buildNotification(rng, { dressed, incident, authority, now });
  return { ...notification, laChildId: null, policePersonId: null };
}
