/** Philomena test data: children looked after (recorded through the services), and uploading a photo as a browser does. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { philomenaChanges, philomenaPhotos, philomenaProfiles } from '../../src/db/schema.ts';
import type { Role } from '../../src/modules/access/actor.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import type { NotificationCells, SyntheticChild } from '../fixtures/notifications.ts';
import { multipartBody } from '../fixtures/philomena-images.ts';
import { actorOf } from '../fixtures/records.ts';
import type { Agent } from '../support/app.ts';
import { FIXED_NOW, notify, type Recorded } from './children-support.ts';

export { FIXED_NOW };

/** A child missing now (last seen 20/11/2026 08:00), looked after by this authority since 01/11/2026. */
export async function lookedAfterChild(db: Database, options: { role?: Role; authority?: '891' | '892'; cells?: Partial<NotificationCells>; child?: SyntheticChild } = {}): Promise<Recorded> {
  const recorded = await notify(db, options);
  const officer = await actorOf(db, 'missing_officer', options.authority ?? '891');
  await recordCareStatus(db, officer, recorded.childId, { status: 'own_care', startsOn: '01/11/2026', placement: 'Oak House', outOfArea: 'no', responsibleAuthority: '' }, FIXED_NOW);
  return recorded;
}

/** Every Part 1 field blank, as an untouched form posts it; `version` as the form was opened. */
export function profileForm(version: string, answers: Record<string, string> = {}): Record<string, string> {
  const blank = Object.fromEntries([
    'height', 'build', 'hair', 'eyes', 'marks', 'scars', 'tattoos', 'nicknames', 'associates', 'places', 'phones', 'socialMedia',
    'medical', 'medication', 'vulnerabilities', 'finance', 'transport', 'reviewedOn', 'reviewedBy',
  ].map((f) => [f, '']));
  return { ...blank, version, ...answers };
}

/** Uploads a photo from the profile page last fetched, its CSRF token in the address as the page's form does. */
export async function uploadPhoto(agent: Agent, childId: string, takenOn: string, file: { filename: string; contentType: string; bytes: Buffer } | null) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(agent.lastHtml)?.[1] ?? '';
  const { payload, contentType } = multipartBody({ takenOn }, file ? { name: 'photo', ...file } : null);
  return agent.send({ method: 'POST', url: `/children/${childId}/philomena/photo?_csrf=${encodeURIComponent(csrf)}`, payload, headers: { 'content-type': contentType } });
}

export async function photosOf(db: Database, childId: string) {
  return db.read((q) => q.select().from(philomenaPhotos).where(eq(philomenaPhotos.childId, childId)));
}

export async function profileOf(db: Database, childId: string) {
  const [row] = await db.read((q) => q.select().from(philomenaProfiles).where(eq(philomenaProfiles.childId, childId)));
  return row ?? null;
}

export async function changesOf(db: Database, childId: string) {
  return db.read((q) => q.select().from(philomenaChanges).where(eq(philomenaChanges.childId, childId)));
}
