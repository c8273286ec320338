/**
 * The dated photo of Part 1: kept in the database (outside the web root, in every backup), old ones kept, the
 * latest upload current; given out only to those who may view the profile, and every look is audited.
 */
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { actorUserId } from '../missing/intake.service.ts';
import { assertLookedAfter, liveChild } from './philomena-child.ts';
import { checkPhoto, type PhotoUpload } from './photo.ts';
import * as repo from './philomena.repository.ts';

/** Stores a checked photo as the child's current one; a refused photo stores nothing. */
export async function addPhoto(db: Database, actor: Actor, childId: string, upload: PhotoUpload, now: Date): Promise<void> {
  assertCan(actor, 'philomena:edit');
  const id = recordId(childId, 'child');
  await db.transaction(async (tx) => {
    const child = await liveChild(tx, actor, id, now);
    assertLookedAfter(child);
    const checked = await checkPhoto(upload, now);
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const { bytes, contentType, takenOn } = checked.value;
    const by = actorUserId(actor);
    const photoId = await repo.addPhoto(tx, { childId: child.id, authorityCode: actor.authorityCode, contentType, bytes, takenOn, uploadedAt: now, uploadedBy: by });
    await repo.addChanges(tx, [{ childId: child.id, changedAt: now, changedBy: by, field: 'photo', oldValue: null, newValue: takenOn }]);
    await writeAudit(tx, actor, { action: 'philomena.photo-added', childId: child.id, subjectType: 'philomena_photo', subjectId: String(photoId), details: { contentType, bytes: bytes.length } });
  });
}

/** The child's current photo, audited as `philomena.photo-viewed`; NotFound when there is none to show. */
export async function currentPhoto(db: Database, actor: Actor, childId: string, now: Date): Promise<{ bytes: Buffer; contentType: string }> {
  assertCan(actor, 'philomena:view');
  const id = recordId(childId, 'child');
  return db.transaction(async (tx) => {
    const child = await liveChild(tx, actor, id, now);
    const photo = child.lookedAfter ? await repo.currentPhoto(tx, child.id) : null;
    if (!photo) throw new NotFound('There is no photo');
    await writeAudit(tx, actor, { action: 'philomena.photo-viewed', childId: child.id, subjectType: 'philomena_photo', subjectId: String(photo.id) });
    return { bytes: photo.bytes, contentType: photo.contentType };
  });
}
