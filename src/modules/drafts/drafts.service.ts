/**
 * Drafts of long forms, saved as the user types so that a session timeout or a closed tab loses nothing.
 * A draft is its author's alone (the key is per user) and is not part of any record, so it is not audited; it
 * holds personal data, so it lives at most DRAFT_LIFETIME_DAYS after its last save and is never logged.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { formDrafts } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { Forbidden } from '../errors.ts';
import type { DraftData } from './draft-data.ts';

export const DRAFT_LIFETIME_DAYS = 7;

export interface Draft {
  data: DraftData;
  savedAt: Date;
}

const oldestKept = (now: Date) => new Date(now.getTime() - DRAFT_LIFETIME_DAYS * 24 * 3600 * 1000);

/** Drafts belong to people: an API client has none. */
function assertPerson(actor: Actor): void {
  if (actor.kind !== 'user') throw new Forbidden('Only a signed-in person has drafts');
}

export async function saveDraft(db: Database, actor: Actor, key: string, data: DraftData, now: Date): Promise<Draft> {
  assertPerson(actor);
  await db.transaction((tx) =>
    tx.insert(formDrafts).values({ userId: actor.id, key, data, savedAt: now })
      .onConflictDoUpdate({ target: [formDrafts.userId, formDrafts.key], set: { data, savedAt: now } }),
  );
  return { data, savedAt: now };
}

/** The user's draft of the form at `key`, or null; their drafts past their lifetime are deleted first. */
export async function readDraft(db: Database, actor: Actor, key: string, now: Date): Promise<Draft | null> {
  assertPerson(actor);
  return db.transaction(async (tx) => {
    await tx.delete(formDrafts).where(and(eq(formDrafts.userId, actor.id), lt(formDrafts.savedAt, oldestKept(now))));
    const [row] = await tx.select({ data: formDrafts.data, savedAt: formDrafts.savedAt }).from(formDrafts)
      .where(and(eq(formDrafts.userId, actor.id), eq(formDrafts.key, key)));
    return row ?? null;
  });
}

/** Deletes the user's draft at `key`, if there is one: they discarded it, or the form was saved. */
export async function discardDraft(db: Database, actor: Actor, key: string): Promise<void> {
  assertPerson(actor);
  await db.transaction((tx) => tx.delete(formDrafts).where(and(eq(formDrafts.userId, actor.id), eq(formDrafts.key, key))));
}

/** Everyone's drafts past their lifetime; returns how many were deleted. */
export async function purgeExpiredDrafts(db: Database, now: Date): Promise<number> {
  const deleted = await db.transaction((tx) => tx.delete(formDrafts).where(lt(formDrafts.savedAt, oldestKept(now))).returning({ key: formDrafts.key }));
  return deleted.length;
}
