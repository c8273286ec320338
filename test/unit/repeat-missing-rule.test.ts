import { describe, it, expect } from 'vitest';
import {
  DEFAULT_REPEAT_MISSING_RULE as RULE,
  assertValidRule,
  decideMeetingRequest,
  describeRule,
  evaluateRepeatMissing,
  explainTrigger,
  updateTriggers,
  type IncidentStart,
  type RepeatMissingRule,
  type Trigger,
} from '../../src/modules/repeat-missing/rule.ts';

const at = (iso: string) => new Date(iso);
const inc = (id: string, iso: string): IncidentStart => ({ id, startedAt: at(iso) });
const triggeredBy = (incidents: IncidentStart[], rule: RepeatMissingRule = RULE) =>
  evaluateRepeatMissing(incidents, rule).map((t) => t.triggeringIncidentId);
/** n incidents a week apart from Monday 5 January 2026. */
const weekly = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ id: `i${k}`, startedAt: new Date(Date.UTC(2026, 0, 5 + 7 * k)) }));
const decide = (incidents: IncidentStart[], openMeeting: boolean, countedIncidentIds: ReadonlySet<string>) =>
  decideMeetingRequest(incidents, RULE, { openMeeting, countedIncidentIds });

const FOUR = [
  inc('a', '2026-01-02T10:00:00Z'),
  inc('b', '2026-02-14T10:00:00Z'),
  inc('c', '2026-03-03T10:00:00Z'),
  inc('d', '2026-03-28T10:00:00Z'),
];

describe('evaluateRepeatMissing: the threshold', () => {
  it('3 incidents in 90 days request nothing; the 4th requests a meeting', () => {
    expect(evaluateRepeatMissing(FOUR.slice(0, 3), RULE)).toEqual([]);
    expect(evaluateRepeatMissing(FOUR, RULE)).toEqual([
      {
        triggeringIncidentId: 'd',
        startedAt: at('2026-03-28T10:00:00Z'),
        windowIncidentIds: ['a', 'b', 'c', 'd'],
        windowStart: at('2026-01-02T10:00:00Z'),
        windowEnd: at('2026-04-02T10:00:00Z'),
      },
    ]);
  });

  it('gives the same triggers whatever order the incidents come in', () => {
    const shuffled = [FOUR[2], FOUR[0], FOUR[3], FOUR[1]].filter((i) => i !== undefined);
    expect(evaluateRepeatMissing(shuffled, RULE)).toEqual(evaluateRepeatMissing(FOUR, RULE));
  });

  it('a deleted incident takes its trigger away', () => {
    expect(triggeredBy(FOUR.filter((i) => i.id !== 'b'))).toEqual([]);
  });

  it('a back-dated incident in the middle moves the trigger to the 4th incident in date order', () => {
    const history = [...FOUR, inc('e', '2026-05-01T10:00:00Z')];
    expect(triggeredBy(history)).toEqual(['d']);
    const backDated = [...history, inc('w', '2026-01-20T10:00:00Z')];
    const [trigger] = evaluateRepeatMissing(backDated, RULE);
    expect(trigger?.triggeringIncidentId).toBe('c');
    expect(trigger?.windowIncidentIds).toEqual(['a', 'w', 'b', 'c']);
    expect(trigger?.startedAt).toEqual(at('2026-03-03T10:00:00Z'));
  });

  it('a back-dated incident can create a trigger that was not there', () => {
    const spread = [inc('a', '2026-01-01T09:00Z'), inc('b', '2026-02-01T09:00Z'), inc('x', '2026-04-15T09:00Z')];
    expect(triggeredBy(spread)).toEqual([]);
    const w = inc('w', '2026-02-20T09:00:00Z');
    expect(triggeredBy([...spread, w])).toEqual([]);
    expect(triggeredBy([...spread, w, inc('v', '2026-03-01T09:00:00Z')])).toEqual(['v']);
  });

  it('counts from a later incident when the first one is too long ago', () => {
    const history = [inc('old', '2025-06-01T12:00:00Z'), ...FOUR];
    expect(evaluateRepeatMissing(history, RULE)[0]?.windowIncidentIds).toEqual(['a', 'b', 'c', 'd']);
  });

  it('restarts counting after a trigger: 8 incidents in 60 days give 2 triggers, 7 give 1', () => {
    const triggers = evaluateRepeatMissing(weekly(8), RULE);
    expect(triggers.map((t) => t.windowIncidentIds)).toEqual([
      ['i0', 'i1', 'i2', 'i3'],
      ['i4', 'i5', 'i6', 'i7'],
    ]);
    expect(triggeredBy(weekly(7))).toEqual(['i3']);
  });
});

describe('evaluateRepeatMissing: window edges (exact elapsed time)', () => {
  const first = inc('a', '2026-01-15T10:00:00Z');
  const middle = [inc('b', '2026-02-01T10:00:00Z'), inc('c', '2026-03-01T10:00:00Z')];

  it('counts an incident 1 minute before 90 days have passed, not one at 90 days or 1 minute after', () => {
    // 15 Jan 10:00 GMT + 90 × 24 h = 15 Apr 10:00 UTC, which is 11:00 BST on the London clock.
    expect(triggeredBy([first, ...middle, inc('d', '2026-04-15T09:59:00Z')])).toEqual(['d']);
    expect(triggeredBy([first, ...middle, inc('d', '2026-04-15T10:00:00Z')])).toEqual([]);
    expect(triggeredBy([first, ...middle, inc('d', '2026-04-15T10:01:00Z')])).toEqual([]);
  });

  it('does not shorten the window by the hour the clocks went forward', () => {
    // 10:30 BST on 15 Apr is past 10:00 on the wall clock but only 89 days 23 h 30 min after the first.
    expect(triggeredBy([first, ...middle, inc('d', '2026-04-15T09:30:00Z')])).toEqual(['d']);
  });

  it('uses the same edges when the clocks go back inside the window', () => {
    const summer = inc('a', '2026-08-20T10:00:00Z'); // 11:00 BST; + 90 days = 18 Nov 10:00 UTC (GMT)
    const rest = [inc('b', '2026-09-01T10:00:00Z'), inc('c', '2026-10-01T10:00:00Z')];
    expect(triggeredBy([summer, ...rest, inc('d', '2026-11-18T09:59:00Z')])).toEqual(['d']);
    expect(triggeredBy([summer, ...rest, inc('d', '2026-11-18T10:01:00Z')])).toEqual([]);
  });

  it('supports 3 incidents in 30 days', () => {
    const rule = { incidents: 3, days: 30 };
    const two = [inc('a', '2026-01-01T00:00:00Z'), inc('b', '2026-01-10T00:00:00Z')];
    expect(triggeredBy(two, rule)).toEqual([]);
    expect(triggeredBy([...two, inc('c', '2026-01-30T23:59:00Z')], rule)).toEqual(['c']);
    expect(triggeredBy([...two, inc('c', '2026-01-31T00:00:00Z')], rule)).toEqual([]);
    expect(triggeredBy([...two, inc('c', '2026-01-31T00:01:00Z')], rule)).toEqual([]);
    expect(describeRule(rule)).toBe('more than 2 incidents in 30 days');
  });

  it('refuses a rule that cannot be met sensibly', () => {
    for (const bad of [{ incidents: 1, days: 90 }, { incidents: 4, days: 0 }, { incidents: 3.5, days: 90 }]) {
      expect(() => assertValidRule(bad)).toThrow(RangeError);
      expect(() => evaluateRepeatMissing(FOUR, bad)).toThrow(RangeError);
    }
  });
});

describe('explainTrigger', () => {
  const explain = (incidents: IncidentStart[], rule = RULE) => {
    const [trigger] = evaluateRepeatMissing(incidents, rule);
    if (trigger === undefined) throw new Error('expected a trigger');
    return explainTrigger(trigger, incidents, rule);
  };

  it('lists the counted incidents and the rule in plain English', () => {
    expect(explain(FOUR)).toBe(
      '4 incidents between 2 Jan 2026 and 28 Mar 2026: 2 Jan, 14 Feb, 3 Mar, 28 Mar (rule: more than 3 incidents in 90 days)',
    );
  });

  it('gives London dates, years when the window spans two, and times when two share a day', () => {
    const history = [
      inc('a', '2025-12-20T15:00:00Z'),
      inc('b', '2026-01-03T08:15:00Z'),
      inc('c', '2026-01-03T19:40:00Z'),
      inc('d', '2026-05-01T23:30:00Z'), // 2 May 00:30 BST
    ];
    expect(explain(history, { incidents: 4, days: 140 })).toBe(
      '4 incidents between 20 Dec 2025 and 2 May 2026: 20 Dec 2025, 3 Jan 2026 08:15, 3 Jan 2026 19:40, 2 May 2026 ' +
        '(rule: more than 3 incidents in 140 days)',
    );
  });
});

describe('decideMeetingRequest', () => {
  const none = new Set<string>();
  const counted = (triggers: readonly Trigger[]) => new Set(triggers.flatMap((t) => t.windowIncidentIds));

  it('requests a meeting dated by the triggering incident, once', () => {
    const decision = decide(FOUR, false, none);
    expect(decision.kind).toBe('request');
    if (decision.kind !== 'request') return;
    expect(decision.trigger.startedAt).toEqual(at('2026-03-28T10:00:00Z'));
    const again = decide(FOUR, true, counted(decision.covers));
    expect(again).toEqual({ kind: 'none' });
  });

  it('lets an open meeting absorb a new trigger instead of opening a second', () => {
    const decision = decide(FOUR, true, none);
    expect(decision).toMatchObject({ kind: 'absorb', covers: [{ triggeringIncidentId: 'd' }] });
  });

  it('does not request again when a correction re-cuts a pattern a meeting already counted', () => {
    const before = [...FOUR, inc('e', '2026-05-01T10:00:00Z')];
    const seen = counted(evaluateRepeatMissing(before, RULE));
    const after = [...before, inc('w', '2026-01-20T10:00:00Z')];
    expect(decide(after, false, seen)).toEqual({ kind: 'none' });
  });

  it('does not request again about incidents a meeting counted when one of them is removed', () => {
    const before = [...FOUR, inc('e', '2026-04-20T10:00:00Z')];
    const seen = counted(evaluateRepeatMissing(before, RULE));
    const after = before.filter((i) => i.id !== 'a');
    expect(triggeredBy(after)).toEqual(['e']);
    expect(decide(after, false, seen)).toEqual({ kind: 'none' });
  });

  it('requests a new meeting for four new incidents after the last one closed', () => {
    const later = ['06-01', '06-10', '06-20', '07-01'].map((d, k) => inc(`n${k}`, `2026-${d}T12:00:00Z`));
    const seen = counted(evaluateRepeatMissing(FOUR, RULE));
    const decision = decide([...FOUR, ...later], false, seen);
    expect(decision).toMatchObject({ kind: 'request', trigger: { triggeringIncidentId: 'n3' } });
  });

  it('covers every trigger of a bulk import with one request dated by the latest', () => {
    const decision = decide(weekly(8), false, none);
    expect(decision).toMatchObject({ kind: 'request', trigger: { triggeringIncidentId: 'i7' } });
    expect(decision.kind === 'request' && decision.covers.length).toBe(2);
  });
});

/** A tiny seeded PRNG, so a failing history can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Incidents in clusters, a few minutes to 40 days apart, so that windows often only just fit. */
function randomHistory(random: () => number): IncidentStart[] {
  const count = 4 + Math.floor(random() * 22);
  let time = Date.UTC(2025, 0, 1) + Math.floor(random() * 365) * 86_400_000;
  return Array.from({ length: count }, (_, k) => {
    time += Math.floor(random() * 40 * 86_400_000) + (random() < 0.1 ? 0 : 60_000);
    return { id: `i${k}`, startedAt: new Date(time) };
  });
}

const RULES: RepeatMissingRule[] = [RULE, { incidents: 3, days: 30 }, { incidents: 2, days: 7 }];

/** The meeting layer as the services will be: linked incidents, at most one open meeting. */
class MeetingLayer {
  open = false;
  requests = 0;
  readonly counted = new Set<string>();
  constructor(readonly rule: RepeatMissingRule) {}

  evaluate(incidents: IncidentStart[]): void {
    const state = () => ({ openMeeting: this.open, countedIncidentIds: this.counted });
    const decision = decideMeetingRequest(incidents, this.rule, state());
    if (decision.kind === 'request') {
      expect(this.open).toBe(false);
      this.open = true;
      this.requests += 1;
    }
    const covers = decision.kind === 'none' ? [] : decision.covers;
    for (const id of covers.flatMap((t) => t.windowIncidentIds)) this.counted.add(id);
    // Idempotent: asking again about the same history changes nothing.
    expect(decideMeetingRequest(incidents, this.rule, state())).toEqual({ kind: 'none' });
  }
}

describe('incremental evaluation matches evaluation from scratch (seeded random histories)', () => {
  it.each(Array.from({ length: 300 }, (_, seed) => seed))('history %i', (seed) => {
    const random = mulberry32(seed + 1);
    const rule = RULES[seed % RULES.length] ?? RULE;
    const pending = randomHistory(random).sort(() => random() - 0.5);
    const current = new Map<string, IncidentStart>();
    const layer = new MeetingLayer(rule);
    let triggers: Trigger[] = [];
    const apply = (changedAt: Date) => {
      const incidents = [...current.values()];
      triggers = updateTriggers(triggers, incidents, rule, changedAt);
      layer.evaluate(incidents);
    };
    for (const next of pending) {
      current.set(next.id, next);
      apply(next.startedAt);
      const present = [...current.values()];
      const pick = present[Math.floor(random() * present.length)];
      if (pick !== undefined && random() < 0.2) {
        current.delete(pick.id);
        apply(pick.startedAt);
      } else if (pick !== undefined && random() < 0.15) {
        const earlier = pick.startedAt.getTime() - Math.floor(random() * 60 * 86_400_000);
        const moved = { id: pick.id, startedAt: new Date(earlier) };
        current.set(pick.id, moved);
        apply(moved.startedAt);
      }
      if (random() < 0.3) layer.open = false;
    }
    const final = [...current.values()];
    const fromScratch = evaluateRepeatMissing(final, rule);
    expect(triggers).toEqual(fromScratch);
    // Whatever the order of events, every threshold met in the final history is counted by some meeting.
    for (const t of fromScratch) expect(t.windowIncidentIds.some((id) => layer.counted.has(id))).toBe(true);
  });

  it('finds triggers in some of the random histories, so the comparison is not vacuous', () => {
    const found = Array.from({ length: 300 }, (_, seed) => {
      const random = mulberry32(seed + 1);
      return evaluateRepeatMissing(randomHistory(random), RULES[seed % RULES.length] ?? RULE).length;
    });
    expect(found.filter((n) => n > 0).length).toBeGreaterThan(100);
    expect(found.filter((n) => n === 0).length).toBeGreaterThan(10);
  });
});
