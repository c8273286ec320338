/**
 * Part 1 of the Philomena Protocol, kept in advance for a child looked after: its page (audited) and saving it
 * with an optimistic version check, so nobody's answers are overwritten silently; each changed field is kept
 * in philomena_changes (who, when, before and after).
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, can, scopeOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, ValidationFailed } from '../errors.ts';
import { actorUserId } from '../missing/intake.service.ts';
import { changeEntries } from './changes.ts';
import { assertLookedAfter, liveChild, missingHistoryOf, philomenaChild, type PhilomenaChild } from './philomena-child.ts';
import * as repo from './philomena.repository.ts';
import { checkProfile, PROFILE_FIELDS, profileChanges, profileFieldLabel, type ProfileAnswers, type ProfileInput } from './profile-form.ts';

/** Someone else saved the profile after this form was opened. */
export class ProfileChanged extends Conflict {
  constructor(readonly childId: string) {
    super('This profile was changed by someone else while you were editing');
    this.name = 'ProfileChanged';
  }
}

/** Part 1 as stored, or null when none was made yet. */
export function answersOf(row: repo.ProfileRow | null): ProfileAnswers | null {
  if (!row) return null;
  const answers = { reviewedOn: row.reviewedOn, reviewedBy: row.reviewedBy } as ProfileAnswers;
  for (const f of PROFILE_FIELDS) answers[f] = row[f];
  return answers;
}

async function loadProfile(tx: Tx, actor: Actor, child: PhilomenaChild, now: Date) {
  const row = await repo.findProfile(tx, child.id);
  return {
    kind: 'profile' as const, child, answers: answersOf(row), version: row?.version ?? 0, updatedAt: row?.updatedAt ?? null,
    photo: await repo.currentPhotoDetails(tx, child.id),
    history: await missingHistoryOf(tx, actor, child.id, now),
    changes: await changeEntries(tx, { childId: child.id }, profileFieldLabel),
    openIncident: await repo.openIncident(tx, child.id, scopeOf(actor).sourceAgencyId),
    canEdit: can(actor, 'philomena:edit'),
  };
}

export type ProfilePage = Awaited<ReturnType<typeof loadProfile>>;
export type ProfileView = { kind: 'merged'; mergedInto: string } | { kind: 'not-looked-after'; child: PhilomenaChild } | ProfilePage;

/** Part 1 with its photo, missing history and changes, audited as `philomena.viewed`. */
export async function viewProfile(db: Database, actor: Actor, childId: string, now: Date): Promise<ProfileView> {
  assertCan(actor, 'philomena:view');
  const id = recordId(childId, 'child');
  return db.transaction(async (tx) => {
    const resolved = await philomenaChild(tx, actor, id, now);
    if (resolved.kind === 'merged') return resolved;
    const { child } = resolved;
    await writeAudit(tx, actor, { action: 'philomena.viewed', childId: child.id, subjectType: 'child', subjectId: child.id, details: { lookedAfter: child.lookedAfter } });
    if (!child.lookedAfter) return { kind: 'not-looked-after' as const, child };
    return loadProfile(tx, actor, child, now);
  });
}

/**
 * Saves Part 1 if it is still at `version` (0 when there was none); returns the fields that changed. A save
 * that changes nothing writes nothing but its audit row.
 */
export async function saveProfile(db: Database, actor: Actor, childId: string, input: { version: number; form: ProfileInput }, now: Date): Promise<{ changed: string[] }> {
  assertCan(actor, 'philomena:edit');
  const id = recordId(childId, 'child');
  return db.transaction(async (tx) => {
    const child = await liveChild(tx, actor, id, now);
    assertLookedAfter(child);
    const row = await repo.findProfile(tx, child.id, { lock: true });
    if ((row?.version ?? 0) !== input.version) throw new ProfileChanged(child.id);
    const checked = checkProfile(input.form, now);
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const changes = profileChanges(answersOf(row), checked.value);
    if (changes.length) {
      const by = actorUserId(actor);
      const saved = await repo.saveProfile(tx, { childId: child.id, authorityCode: actor.authorityCode, expectedVersion: input.version, answers: checked.value, at: now, by });
      if (!saved) throw new ProfileChanged(child.id);
      await repo.addChanges(tx, changes.map((c) => ({ ...c, childId: child.id, changedAt: now, changedBy: by })));
    }
    const fields = changes.map((c) => c.field);
    await writeAudit(tx, actor, { action: 'philomena.saved', childId: child.id, subjectType: 'child', subjectId: child.id, details: { fields } });
    return { changed: fields };
  });
}
