import type { NotificationInput } from '../missing/notification.ts';
import type { AuthorityProfile, IdSequence } from './authority.ts';
import { buildNotification } from './notify.ts';
import { dressChildren, type DressedChild } from './people.ts';
import type { PeriodPlan } from './plan.ts';
import type { Random } from './random.ts';
import { generateTimelines, type DraftChild } from './timeline.ts';

/** Children and notifications generated for one period. */
export interface PeriodOutput {
  dressed: DressedChild[];
  notifications: NotificationInput[];
}

/**
 * The one pipeline every period goes through (each financial year, the recent weeks, both authorities):
 * timelines → optional scenario step (e.g. open incidents) → identities and care histories → notifications.
 */
export function generatePeriod(input: {
  rng: Random;
  plan: PeriodPlan;
  authority: AuthorityProfile;
  ids: IdSequence;
  now: number;
  /** Adjusts the drafts before identities are chosen (ages depend on every incident). */
  beforeDressing?: (drafts: DraftChild[]) => void;
  /** Ages must also hold up to this instant (recent children must still be children now). */
  ageUntil?: number;
}): PeriodOutput {
  const { rng, plan, authority, ids, now } = input;
  const drafts = generateTimelines(rng.fork(`${plan.label} timelines`), plan);
  input.beforeDressing?.(drafts);
  const dressed = dressChildren(rng.fork(`${plan.label} people`), {
    drafts, plan, authority, ids, now, ageUntil: input.ageUntil,
  });
  const notifyRng = rng.fork(`${plan.label} notifications`);
  const notifications = dressed.flatMap((d) =>
    d.draft.incidents.map((incident) => buildNotification(notifyRng, { dressed: d, incident, authority, now })),
  );
  return { dressed, notifications };
}
