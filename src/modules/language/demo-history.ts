/**
 * A synthetic history of language advice for the demo partnership, so the language guide report has quarters to
 * compare: for each week in the period, a few phrases advised per team, falling over time as training takes
 * hold. The demo loader (src/modules/demo) may call it in its transaction; it writes language_advice rows only
 * (no record holds the words: the record id is left empty). Seeded, so the same seed gives the same history.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { languageAdvice, users } from '../../db/schema.ts';
import { Random } from '../demo/random.ts';
import { LANGUAGE_PHRASES } from './phrases.ts';

export const DEMO_TEAMS = [
  'Children in Care team', 'Return interview service', 'Exploitation team', 'Police missing persons unit', 'Youth Justice Service',
] as const;

/** The phrases written most often in practice come up most in the demo too. */
const COMMON: Record<string, number> = {
  'putting-themselves-at-risk': 8, 'risky-behaviour': 6, 'not-engaging': 6, 'absconded': 5, 'known-to': 4, 'boyfriend-girlfriend': 4,
  'making-choices': 4, 'hanging-around-with': 3, 'lifestyle-choice': 3, 'sexually-active': 2, 'drug-runner': 2,
};

const WEEK = 7 * 86_400_000;
const WRITERS = ['missing_officer', 'social_worker', 'rhi_worker', 'exploitation_lead', 'police'];

export interface DemoHistoryOptions {
  authorityCode: string;
  from: Date;
  /** Exclusive. */
  to: Date;
  seed: number;
  /** Phrases a week per team at the start of the period; by its end, about a third as many. */
  weeklyPerTeam?: number;
}

/** Writes the history and returns how many phrases it recorded. */
export async function recordDemoLanguageHistory(tx: Tx, o: DemoHistoryOptions): Promise<number> {
  const writers = await tx.select({ id: users.id }).from(users).where(and(eq(users.authorityCode, o.authorityCode), inArray(users.role, WRITERS)));
  if (writers.length === 0 || o.to <= o.from) return 0;
  const rng = new Random(o.seed);
  const phrases = LANGUAGE_PHRASES.map((p) => [p.code, COMMON[p.code] ?? 1] as const);
  const span = o.to.getTime() - o.from.getTime();
  const rows: (typeof languageAdvice.$inferInsert)[] = [];
  for (let week = o.from.getTime(); week < o.to.getTime(); week += WEEK) {
    const rate = (o.weeklyPerTeam ?? 3) * (1 - (2 / 3) * ((week - o.from.getTime()) / span));
    for (const team of DEMO_TEAMS) {
      for (let n = Math.round(rng.range(0, 2 * rate)); n > 0; n--) {
        const advisedAt = new Date(Math.min(o.to.getTime() - 1, week + rng.int(0, WEEK - 1)));
        rows.push({
          authorityCode: o.authorityCode, userId: rng.pick(writers).id, team, recordKind: rng.pick(['return_interview', 'meeting_request']),
          recordId: null, field: 'notes', phraseCode: rng.weighted(phrases), advisedAt,
        });
      }
    }
  }
  await bulkInsert(tx, languageAdvice, rows);
  return rows.length;
}
