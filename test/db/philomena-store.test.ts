/**
 * How the Philomena Protocol is stored, on both backends: photo bytes come back exactly, the database refuses
 * what the forms would never send, and two saves from the same version never both win.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { philomenaPhotos, philomenaProfiles } from '../../src/db/schema.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import type { ProfileInput } from '../../src/modules/philomena/profile-form.ts';
import { ProfileChanged, saveProfile } from '../../src/modules/philomena/profile.service.ts';
import { addPhoto, currentPhoto } from '../../src/modules/philomena/photo.service.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { tinyJpeg, tinyPng } from '../fixtures/philomena-images.ts';
import { actorOf, sqlState } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notify } from '../route/children-support.ts';
import { profileForm } from '../route/philomena-support.ts';

describeEachDatabase('Philomena storage', (use) => {
  async function lookedAfter(): Promise<string> {
    const { childId } = await notify(use());
    const officer = await actorOf(use(), 'missing_officer');
    await recordCareStatus(use(), officer, childId, { status: 'ola_care', startsOn: '01/11/2026', placement: '', outOfArea: 'no', responsibleAuthority: 'Northshire' }, FIXED_NOW);
    return childId;
  }

  it('gives back a photo’s bytes exactly, and the latest upload is the current photo', async () => {
    const childId = await lookedAfter();
    const officer = await actorOf(use(), 'missing_officer');
    // Every byte value, after a real PNG's start: nothing may be lost to text encoding on either driver.
    const png = Buffer.concat([tinyPng(), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    await addPhoto(use(), officer, childId, { bytes: tinyJpeg(), tooLarge: false, takenOn: '2026-10-01' }, FIXED_NOW);
    await addPhoto(use(), officer, childId, { bytes: png, tooLarge: false, takenOn: '2026-09-01' }, FIXED_NOW);
    const current = await currentPhoto(use(), officer, childId, FIXED_NOW);
    expect(current.contentType).toBe('image/png');
    expect(current.bytes.equals(png)).toBe(true);
  });

  it('refuses in the database a photo that is not JPEG or PNG, or over 5 MB, and a review without who did it', async () => {
    const childId = await lookedAfter();
    const photo = { childId, authorityCode: '891', takenOn: '2026-11-01', uploadedAt: FIXED_NOW };
    const gif = use().transaction((tx) => tx.insert(philomenaPhotos).values({ ...photo, contentType: 'image/gif', bytes: Buffer.from('GIF89a') }));
    await expect(gif).rejects.toSatisfy((e: unknown) => sqlState(e) === '23514');
    const big = use().transaction((tx) => tx.insert(philomenaPhotos).values({ ...photo, contentType: 'image/png', bytes: Buffer.alloc(5 * 1024 * 1024 + 1) }));
    await expect(big).rejects.toSatisfy((e: unknown) => sqlState(e) === '23514');
    const review = use().transaction((tx) => tx.insert(philomenaProfiles).values({ childId, authorityCode: '891', reviewedOn: '2026-11-01' }));
    await expect(review).rejects.toSatisfy((e: unknown) => sqlState(e) === '23514');
    const changes = use().transaction((tx) => tx.execute(sql`INSERT INTO philomena_changes (changed_at, field) VALUES (now(), 'hair')`));
    await expect(changes).rejects.toSatisfy((e: unknown) => sqlState(e) === '23514');
  });

  it('lets only one of two saves from the same version win, whichever comes first', async () => {
    const childId = await lookedAfter();
    const officer = await actorOf(use(), 'missing_officer');
    const worker = await actorOf(use(), 'social_worker');
    const results = await Promise.allSettled([
      saveProfile(use(), officer, childId, { version: 0, form: profileForm('0', { hair: 'Red' }) as ProfileInput }, FIXED_NOW),
      saveProfile(use(), worker, childId, { version: 0, form: profileForm('0', { hair: 'Black' }) as ProfileInput }, FIXED_NOW),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.status === 'rejected' && failed.reason instanceof ProfileChanged).toBe(true);
    const [row] = await use().read((q) => q.select().from(philomenaProfiles).where(eq(philomenaProfiles.childId, childId)));
    expect(row?.version).toBe(1);
    expect(['Red', 'Black']).toContain(row?.hair);
  });

  it('keeps a profile’s rows to its own child', async () => {
    const profile = use().transaction((tx) => tx.insert(philomenaProfiles).values({ childId: randomUUID(), authorityCode: '891' }));
    await expect(profile).rejects.toSatisfy((e: unknown) => sqlState(e) === '23503');
  });
});
