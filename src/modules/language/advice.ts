/**
 * The language guide's checker: finds phrases in free text that imply a child is responsible for their abuse,
 * with the suggested alternative. It advises and never blocks a save; `recordLanguageAdvice` counts what was
 * advised on a saved record (the phrase's code only, never the text) for the report per team per quarter.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { agencies, languageAdvice, users } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { LANGUAGE_PHRASES, type LanguagePhrase } from './phrases.ts';

export interface AdviceFound {
  phrase: LanguagePhrase;
  /** The words as written in the text. */
  matched: string;
  index: number;
}

/** The advice on one field of a saved record. */
export interface FieldAdvice {
  field: string;
  advice: AdviceFound[];
}

/** The team counted when a user has none recorded and their agency cannot be found either. */
export const NO_TEAM = 'Team not recorded';

const COMPILED = LANGUAGE_PHRASES.map((phrase) => ({ phrase, pattern: new RegExp(phrase.pattern, 'giu') }));

/** Every listed phrase in the text, in order of where it appears. */
export function adviseOn(text: string | null | undefined): AdviceFound[] {
  if (!text) return [];
  const found: AdviceFound[] = [];
  for (const { phrase, pattern } of COMPILED) {
    for (const m of text.matchAll(pattern)) found.push({ phrase, matched: m[0], index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** How many times each phrase appears in a text. */
function countsByCode(advice: AdviceFound[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of advice) counts.set(a.phrase.code, (counts.get(a.phrase.code) ?? 0) + 1);
  return counts;
}

/**
 * The phrases to count for one field: those written on this save. Text saved again unchanged (a worker saving
 * the offer, then the outcome) is not counted a second time, so the report counts what people wrote.
 */
function newlyWritten(advice: AdviceFound[], previous: string | null | undefined): string[] {
  const before = countsByCode(adviseOn(previous));
  return [...countsByCode(advice)].flatMap(([code, n]) => Array.from({ length: Math.max(0, n - (before.get(code) ?? 0)) }, () => code));
}

/** The user's team, else their agency's name: the report groups by it. */
async function teamOf(tx: Tx, actor: Actor): Promise<string> {
  const [user] = await tx.select({ team: users.team, agency: agencies.name }).from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(users.id, actor.id));
  if (user?.team?.trim()) return user.team.trim();
  if (user?.agency) return user.agency;
  // The system's own actor (demo loading, scheduled work) is no user: its agency stands in.
  const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, actor.agencyId));
  return agency?.name ?? NO_TEAM;
}

/**
 * Records the phrases advised on the free-text fields of a record just saved, in the caller's transaction.
 * `previous` holds the fields as they were before this save, where the record is being edited. Returns what
 * was found (everything in the fields, counted or not) so the page can show the advice again after saving.
 */
export async function recordLanguageAdvice(
  tx: Tx,
  actor: Actor,
  input: { recordKind: string; recordId: string | null; fields: Record<string, string | null | undefined>; previous?: Record<string, string | null | undefined> },
  now: Date,
): Promise<FieldAdvice[]> {
  const results = Object.entries(input.fields).map(([field, text]) => ({ field, advice: adviseOn(text) })).filter((r) => r.advice.length > 0);
  const counted = results.flatMap((r) => newlyWritten(r.advice, input.previous?.[r.field]).map((code) => ({ field: r.field, code })));
  if (counted.length === 0 || actor.kind !== 'user') return results;
  const team = await teamOf(tx, actor);
  await tx.insert(languageAdvice).values(counted.map((c) => ({
    authorityCode: actor.authorityCode, userId: actor.id, team, recordKind: input.recordKind, recordId: input.recordId,
    field: c.field, phraseCode: c.code, advisedAt: now,
  })));
  return results;
}
