/**
 * The demo's history: interviews of children who returned more than 14 days ago were dealt with long ago.
 * Their outcomes are recorded in one batch, a deterministic mix (by police reference) of what workers record:
 * mostly completed, inside or outside the 72 hours, some declined, advice given, not attempted, missing again.
 * Recent ones stay open so the worklist has work on it.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { londonDate } from '../missing/uk-time.ts';
import { rhiClocks, type RhiClockSettings } from './clocks.ts';
import { openReturnedBefore, writeHistory, type HistoryRecord } from './history.repository.ts';
import type { PushPullFactor, RhiOfferMethod, RhiOutcome, RhiRisk } from './outcomes.ts';
import { clockSettings } from './return-interview.repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const HISTORY_AGE_DAYS = 14;

type NonEmpty<T> = readonly [T, ...T[]];
const pick = <T>(list: NonEmpty<T>, n: number): T => list[n % list.length] ?? list[0];

// Synthetic and neutral: what children commonly say, never words that blame them.
const CHILD_WORDS: NonEmpty<string> = [
  'I wanted to see my friends.', 'I was upset after an argument at home and needed some space.', 'I did not want to go back to school the next day.',
  'I went to my nan’s because I missed her.', 'I did not feel listened to at the placement.', 'I lost track of time and my phone died.',
  'Someone I met online asked me to meet them.', 'I was worried about what would happen when I got home.',
];
const WHERE: NonEmpty<string> = ['At a friend’s house', 'With a relative', 'In the town centre and a park', 'At an address the child did not know'];
const WITH: NonEmpty<string> = ['A friend from school', 'An aunt', 'A group of older young people', 'An adult the child met recently'];
const FACTORS: NonEmpty<PushPullFactor> = ['boundaries', 'family_conflict', 'peers', 'see_family_friends', 'school', 'relationships', 'placement', 'mental_health', 'drugs_alcohol'];
const RISKS: NonEmpty<RhiRisk> = ['adults_posing_risk', 'criminal_exploitation', 'sexual_exploitation', 'substance_misuse', 'online_harm', 'mental_health'];
const METHODS: NonEmpty<RhiOfferMethod> = ['phone', 'in_person', 'text_message', 'letter', 'video'];
const NOT_ATTEMPTED: NonEmpty<string> = [
  'The child moved to a placement outside the area; the new area’s service was asked to offer the interview.',
  'The child’s allocated worker saw them the same day and agreed a separate return conversation.',
];

/** FNV-1a: a stable number from a police reference, so the same demo gets the same history every run. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function outcomeOf(h: number): RhiOutcome {
  const r = h % 100;
  return r < 58 ? 'completed' : r < 70 ? 'declined' : r < 78 ? 'advice_given' : r < 85 ? 'not_attempted' : r < 92 ? 'unable_to_contact' : 'missing_again';
}

interface Open { id: string; returnedAt: Date; policeReference: string }

function historyFor(rhi: Open, settings: RhiClockSettings, now: Date) {
  const h = stableHash(rhi.policeReference);
  const outcome = outcomeOf(h);
  const returned = rhi.returnedAt.getTime();
  // One in five offers is made after the 72 hours; completions spread either side of them.
  const offerHours = ((h >>> 8) % 10 < 2 ? 73 : 2) + ((h >>> 12) % 60);
  const offered = outcome !== 'not_attempted' && (outcome !== 'missing_again' || (h >>> 20) % 2 === 0);
  const offeredAt = offered ? new Date(returned + offerHours * HOUR) : null;
  const completedAt = outcome === 'completed' ? new Date(returned + (offerHours + 4 + ((h >>> 16) % 48)) * HOUR) : null;
  const closedAt = completedAt ?? new Date((offeredAt?.getTime() ?? returned) + DAY);
  const clocks = rhiClocks({ returnedAt: rhi.returnedAt, offeredAt, completedAt, closedAt }, now, settings);
  const record: HistoryRecord = {
    id: rhi.id, offeredAt, offerMethod: offered ? pick(METHODS, h >>> 4) : null, offeredBy: offered ? 'Return interview worker' : null,
    offeredByIndependent: offered ? (h >>> 6) % 10 !== 0 : null, outcome, completedAt, closedAt,
    notAttemptedReason: outcome === 'not_attempted' ? pick(NOT_ATTEMPTED, h >>> 3) : null,
    whereStayed: completedAt ? pick(WHERE, h >>> 5) : null, stayedWith: completedAt ? pick(WITH, h >>> 9) : null,
    childWords: completedAt ? pick(CHILD_WORDS, h >>> 13) : null, sentToMissingOfficerAt: new Date(closedAt.getTime() + DAY),
    offerMet: clocks.offerMet, completionMet: clocks.completionMet,
  };
  const factors = completedAt ? [...new Set([pick(FACTORS, h >>> 3), pick(FACTORS, h >>> 7)])] : [];
  const risks = completedAt && (h >>> 11) % 3 === 0 ? [pick(RISKS, h >>> 14)] : [];
  return { record, factors, risks, completedAt };
}

/** Records the outcomes of the authority's interviews whose child returned over 14 days before `now`. */
export async function recordReturnInterviewHistory(tx: Tx, actor: Actor, now: Date): Promise<number> {
  const settings = await clockSettings(tx, actor.authorityCode);
  const open = await openReturnedBefore(tx, actor.authorityCode, new Date(now.getTime() - HISTORY_AGE_DAYS * DAY));
  const records: HistoryRecord[] = [];
  const lists = { factors: [] as { returnInterviewId: string; code: string }[], risks: [] as { returnInterviewId: string; code: string }[], actions: [] as { id: string; returnInterviewId: string; description: string; owner: string; dueOn: string; doneAt: Date }[] };
  for (const rhi of open) {
    const { record, factors, risks, completedAt } = historyFor(rhi, settings, now);
    records.push(record);
    lists.factors.push(...factors.map((code) => ({ returnInterviewId: rhi.id, code })));
    lists.risks.push(...risks.map((code) => ({ returnInterviewId: rhi.id, code })));
    if (completedAt && risks.some((r) => r === 'criminal_exploitation' || r === 'sexual_exploitation')) {
      lists.actions.push({ id: randomUUID(), returnInterviewId: rhi.id, description: 'Consider an exploitation risk assessment', owner: 'Allocated social worker', dueOn: londonDate(new Date(completedAt.getTime() + 7 * DAY)), doneAt: new Date(completedAt.getTime() + 5 * DAY) });
    }
  }
  await writeHistory(tx, records, lists);
  const byId = new Map(open.map((o) => [o.id, o]));
  await writeAudit(tx, actor, records.map((r) => ({ action: 'return-interview.recorded', childId: byId.get(r.id)?.childId ?? null, subjectType: 'return_interview', subjectId: r.id, details: { outcome: r.outcome, history: true } })));
  return records.length;
}
