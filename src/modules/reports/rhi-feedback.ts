/**
 * What children told us about their return interviews, counted for an authority and a period: interviews with
 * feedback, by who gave it (the child by their link, or the worker recording it), and each answer. Feedback
 * belongs to the period in which it was given; the period includes both its ends (metrics.md "Conventions").
 */
import { and, count, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { rhiFeedback } from '../../db/schema.ts';
import type { FeedbackSource } from '../return-interviews/feedback.ts';

export interface FeedbackGroup {
  source: string;
  listened: string | null;
  easyToTalk: string | null;
  talkAgain: string | null;
  hasComment: boolean;
  n: number;
}

type Tally<C extends string> = Record<C | 'unanswered', number>;

export interface RhiFeedbackCounts {
  /** Interviews with feedback: one feedback per interview, so also the number of answers given. */
  interviews: number;
  bySource: Record<FeedbackSource, number>;
  listened: Tally<'yes' | 'a_bit' | 'no'>;
  easyToTalk: Tally<'yes' | 'a_bit' | 'no'>;
  talkAgain: Tally<'yes' | 'not_sure' | 'no'>;
  /** Feedback with something written in the "anything else" box. */
  comments: number;
}

const yesABitNo = () => ({ yes: 0, a_bit: 0, no: 0, unanswered: 0 });

const isKeyOf = <T extends object>(obj: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(obj, key);

function add<C extends string>(tally: Tally<C>, answer: string | null, n: number): void {
  const key = answer ?? 'unanswered';
  // Codes come from CHECK-constrained columns; one not known here is left out rather than miscounted.
  if (isKeyOf(tally, key)) tally[key] += n;
}

/** Adds up grouped feedback rows (pure). */
export function summariseRhiFeedback(groups: readonly FeedbackGroup[]): RhiFeedbackCounts {
  const out: RhiFeedbackCounts = {
    interviews: 0, bySource: { child_link: 0, worker: 0 }, comments: 0,
    listened: yesABitNo(), easyToTalk: yesABitNo(), talkAgain: { yes: 0, not_sure: 0, no: 0, unanswered: 0 },
  };
  for (const g of groups) {
    out.interviews += g.n;
    if (g.source === 'child_link' || g.source === 'worker') out.bySource[g.source] += g.n;
    add(out.listened, g.listened, g.n);
    add(out.easyToTalk, g.easyToTalk, g.n);
    add(out.talkAgain, g.talkAgain, g.n);
    if (g.hasComment) out.comments += g.n;
  }
  return out;
}

/** Feedback given in the authority between `from` and `to` (both included), grouped by its answers. */
export async function rhiFeedbackGroups(q: Tx, period: { authorityCode: string; from: Date; to: Date }): Promise<FeedbackGroup[]> {
  const hasComment = sql<boolean>`(${rhiFeedback.comment} IS NOT NULL)`;
  const rows = await q.select({
    source: rhiFeedback.source, listened: rhiFeedback.listened, easyToTalk: rhiFeedback.easyToTalk, talkAgain: rhiFeedback.talkAgain,
    hasComment, n: count(),
  }).from(rhiFeedback)
    .where(and(eq(rhiFeedback.authorityCode, period.authorityCode), gte(rhiFeedback.createdAt, period.from), lte(rhiFeedback.createdAt, period.to)))
    .groupBy(rhiFeedback.source, rhiFeedback.listened, rhiFeedback.easyToTalk, rhiFeedback.talkAgain, hasComment);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The counts for an authority and a period. */
export async function rhiFeedbackCounts(q: Tx, period: { authorityCode: string; from: Date; to: Date }): Promise<RhiFeedbackCounts> {
  return summariseRhiFeedback(await rhiFeedbackGroups(q, period));
}
