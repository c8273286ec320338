/** SQL for the Philomena Protocol: Part 1, its photos, Part 2 per incident, and the history of changes. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { incidents, philomenaChanges, philomenaIncidentDetails, philomenaPhotos, philomenaProfiles, users } from '../../db/schema.ts';
import type { ProfileAnswers } from './profile-form.ts';
import type { Part2Answers } from './part2-form.ts';

export type ProfileRow = typeof philomenaProfiles.$inferSelect;
export type Part2Row = typeof philomenaIncidentDetails.$inferSelect;
export type NewChange = typeof philomenaChanges.$inferInsert;

export async function findProfile(q: Tx, childId: string, options: { lock?: boolean } = {}): Promise<ProfileRow | null> {
  const query = q.select().from(philomenaProfiles).where(eq(philomenaProfiles.childId, childId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/**
 * Saves Part 1 only if nobody saved it since `expectedVersion` was read (0: nobody had made one yet);
 * false when someone did.
 */
export async function saveProfile(tx: Tx, p: { childId: string; authorityCode: string; expectedVersion: number; answers: ProfileAnswers; at: Date; by: string | null }): Promise<boolean> {
  const values = { ...p.answers, updatedAt: p.at, updatedBy: p.by };
  if (p.expectedVersion === 0) {
    const made = await tx.insert(philomenaProfiles)
      .values({ childId: p.childId, authorityCode: p.authorityCode, ...values, createdAt: p.at })
      .onConflictDoNothing()
      .returning({ childId: philomenaProfiles.childId });
    return made.length === 1;
  }
  const saved = await tx.update(philomenaProfiles)
    .set({ ...values, version: sql`${philomenaProfiles.version} + 1` })
    .where(and(eq(philomenaProfiles.childId, p.childId), eq(philomenaProfiles.version, p.expectedVersion)))
    .returning({ childId: philomenaProfiles.childId });
  return saved.length === 1;
}

export async function addChanges(tx: Tx, changes: NewChange[]): Promise<void> {
  if (changes.length) await tx.insert(philomenaChanges).values(changes);
}

/** Changes to Part 1 (and its photos), or to one incident's Part 2, with who made them, newest first. */
export async function changesWithAuthors(q: Tx, of: { childId: string } | { incidentId: string }, limit = 100) {
  const where = 'childId' in of ? eq(philomenaChanges.childId, of.childId) : eq(philomenaChanges.incidentId, of.incidentId);
  return q
    .select({ change: philomenaChanges, by: users.displayName })
    .from(philomenaChanges)
    .leftJoin(users, eq(users.id, philomenaChanges.changedBy))
    .where(where)
    .orderBy(desc(philomenaChanges.id))
    .limit(limit);
}

/** The current photo's details without its bytes, and how many older ones are kept. */
export async function currentPhotoDetails(q: Tx, childId: string) {
  const rows = await q
    .select({ id: philomenaPhotos.id, takenOn: philomenaPhotos.takenOn, uploadedAt: philomenaPhotos.uploadedAt, contentType: philomenaPhotos.contentType })
    .from(philomenaPhotos)
    .where(eq(philomenaPhotos.childId, childId))
    .orderBy(desc(philomenaPhotos.id));
  const [current] = rows;
  return current ? { ...current, olderCount: rows.length - 1 } : null;
}

/** The current photo with its bytes. */
export async function currentPhoto(q: Tx, childId: string) {
  const [row] = await q.select().from(philomenaPhotos).where(eq(philomenaPhotos.childId, childId)).orderBy(desc(philomenaPhotos.id)).limit(1);
  return row ?? null;
}

export async function addPhoto(tx: Tx, photo: typeof philomenaPhotos.$inferInsert): Promise<number> {
  const [row] = await tx.insert(philomenaPhotos).values(photo).returning({ id: philomenaPhotos.id });
  if (!row) throw new Error('photo not stored');
  return row.id;
}

export async function findPart2(q: Tx, incidentId: string, options: { lock?: boolean } = {}): Promise<Part2Row | null> {
  const query = q.select().from(philomenaIncidentDetails).where(eq(philomenaIncidentDetails.incidentId, incidentId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** Saves Part 2 with the same version rule as Part 1. */
export async function savePart2(tx: Tx, p: { incidentId: string; authorityCode: string; expectedVersion: number; answers: Part2Answers; at: Date; by: string | null }): Promise<boolean> {
  const values = { ...p.answers, updatedAt: p.at, updatedBy: p.by };
  if (p.expectedVersion === 0) {
    const made = await tx.insert(philomenaIncidentDetails)
      .values({ incidentId: p.incidentId, authorityCode: p.authorityCode, ...values, createdAt: p.at })
      .onConflictDoNothing()
      .returning({ id: philomenaIncidentDetails.incidentId });
    return made.length === 1;
  }
  const saved = await tx.update(philomenaIncidentDetails)
    .set({ ...values, version: sql`${philomenaIncidentDetails.version} + 1` })
    .where(and(eq(philomenaIncidentDetails.incidentId, p.incidentId), eq(philomenaIncidentDetails.version, p.expectedVersion)))
    .returning({ id: philomenaIncidentDetails.incidentId });
  return saved.length === 1;
}

/** The child's open incident within the scope, if there is one: the one a police packet is usually for. */
export async function openIncident(q: Tx, childId: string, sourceAgencyId: string | null) {
  const [row] = await q
    .select({ id: incidents.id, policeReference: incidents.policeReference })
    .from(incidents)
    .where(and(eq(incidents.childId, childId), isNull(incidents.foundAt), sourceAgencyId ? eq(incidents.sourceAgencyId, sourceAgencyId) : undefined));
  return row ?? null;
}
