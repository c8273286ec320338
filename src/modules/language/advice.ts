/**
 * The language guide's checker: finds phrases in free text that imply a child is responsible for their abuse,
 * with the suggested alternative. It advises and never blocks a save; `recordLanguageAdvice` counts what was
 * advised on a saved record (the phrase's code only, never the text) for the report per team per quarter.
 */
import type { Tx } from '../../db/database.ts';
import { languageAdvice, users } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { LANGUAGE_PHRASES, type LanguagePhrase } from './phrases.ts';

export interface AdviceFound {
  phrase: LanguagePhrase;
  /** The words as written in the text. */
  matched: string;
  index: number;
}

/** Every listed phrase in the text, in order of where it appears. */
export function adviseOn(text: string | null | undefined): AdviceFound[] {
  if (!text) return [];
  const found: AdviceFound[] = [];
  for (const phrase of LANGUAGE_PHRASES) {
    const pattern = new RegExp(phrase.pattern, 'giu');
    for (const m of text.matchAll(pattern)) found.push({ phrase, matched: m[0], index: m.index ?? 0 });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Records the phrases advised on the free-text fields of a record just saved, in the caller's transaction.
 * Returns what was found so the page can show the advice again after saving.
 */
export async function recordLanguageAdvice(
  tx: Tx,
  actor: Actor,
  input: { recordKind: string; recordId: string | null; fields: Record<string, string | null | undefined> },
  now: Date,
): Promise<{ field: string; advice: AdviceFound[] }[]> {
  const results = Object.entries(input.fields).map(([field, text]) => ({ field, advice: adviseOn(text) })).filter((r) => r.advice.length > 0);
  if (results.length === 0 || actor.kind !== 'user') return results;
  const [user] = await tx.select({ team: users.team }).from(users).where(eq(users.id, actor.id));
  const team = user?.team ?? `${actor.agencyKind === 'local_authority' ? 'Local authority' : 'Agency'}: ${actor.agencyId}`;
  await tx.insert(languageAdvice).values(results.flatMap((r) => r.advice.map((a) => ({
    authorityCode: actor.authorityCode, userId: actor.id, team, recordKind: input.recordKind, recordId: input.recordId,
    field: r.field, phraseCode: a.phrase.code, advisedAt: now,
  }))));
  return results;
}
