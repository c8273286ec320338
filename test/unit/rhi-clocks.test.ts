import { describe, it, expect } from 'vitest';
import { DEFAULT_RHI_CLOCK_SETTINGS, formatDuration, rhiClocks } from '../../src/modules/return-interviews/clocks.ts';
import {
  PUSH_PULL_FACTORS,
  RHI_OFFER_METHODS,
  RHI_OUTCOMES,
  RHI_RISKS,
  isCode,
  labelFor,
  ssdRhiValues,
  type RhiOutcome,
} from '../../src/modules/return-interviews/outcomes.ts';
import { formatUkDateTime } from '../../src/modules/missing/uk-time.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const returnedAt = at('2026-06-01T10:00:00Z');
const open = { returnedAt, offeredAt: null, completedAt: null };

describe('rhiClocks: due times', () => {
  it('makes the offer and the completion due 72 hours after the return', () => {
    const clocks = rhiClocks(open, returnedAt);
    expect(clocks.offerDueAt).toEqual(at('2026-06-04T10:00:00Z'));
    expect(clocks.completionDueAt).toEqual(at('2026-06-04T10:00:00Z'));
  });

  it('counts 72 hours of elapsed time across the clocks going forward, so the wall-clock due time moves', () => {
    const found = at('2026-03-27T12:00:00Z'); // Friday 12:00 GMT; clocks go forward on Sunday 29 March
    const clocks = rhiClocks({ ...open, returnedAt: found }, found);
    expect(clocks.offerDueAt.getTime() - found.getTime()).toBe(72 * HOUR);
    expect(formatUkDateTime(found)).toBe('27/03/2026 12:00');
    expect(formatUkDateTime(clocks.offerDueAt)).toBe('30/03/2026 13:00');
  });

  it('and across the clocks going back', () => {
    const found = at('2026-10-23T11:00:00Z'); // Friday 12:00 BST; clocks go back on Sunday 25 October
    const clocks = rhiClocks({ ...open, returnedAt: found }, found);
    expect(formatUkDateTime(found)).toBe('23/10/2026 12:00');
    expect(formatUkDateTime(clocks.completionDueAt)).toBe('26/10/2026 11:00');
  });

  it('uses the authority settings', () => {
    const clocks = rhiClocks(open, returnedAt, { offerHours: 24, completeHours: 120, dueSoonHours: 12 });
    expect(clocks.offerDueAt).toEqual(at('2026-06-02T10:00:00Z'));
    expect(clocks.completionDueAt).toEqual(at('2026-06-06T10:00:00Z'));
    const settings = { offerHours: 24, completeHours: 120, dueSoonHours: 12 };
    const evening = rhiClocks(open, at('2026-06-01T21:00:00Z'), settings);
    expect(evening).toMatchObject({ status: 'due', text: 'due in 13 hours' });
    expect(rhiClocks(open, at('2026-06-01T23:00:00Z'), settings)).toMatchObject({
      status: 'due-soon',
      nextDueAt: at('2026-06-02T10:00:00Z'),
      text: 'due in 11 hours',
    });
  });
});

describe('rhiClocks: met or not', () => {
  it('leaves both clocks undecided while open and not yet due', () => {
    expect(rhiClocks(open, at('2026-06-02T10:00:00Z'))).toMatchObject({ offerMet: null, completionMet: null });
  });

  it('counts an offer made exactly at the due time as on time, and one a minute later as late', () => {
    const due = at('2026-06-04T10:00:00Z');
    expect(rhiClocks({ ...open, offeredAt: due }, due).offerMet).toBe(true);
    const late = new Date(due.getTime() + MINUTE);
    expect(rhiClocks({ ...open, offeredAt: late }, late).offerMet).toBe(false);
  });

  it('marks a clock missed as soon as it passes with nothing recorded', () => {
    const clocks = rhiClocks(open, at('2026-06-04T10:01:00Z'));
    expect(clocks).toMatchObject({ offerMet: false, completionMet: false, status: 'overdue' });
  });

  it('records an interview completed in time as meeting both clocks, even with no separate offer', () => {
    const completedAt = at('2026-06-03T15:00:00Z');
    expect(rhiClocks({ ...open, completedAt }, at('2026-07-01T00:00:00Z'))).toMatchObject({
      offerMet: true,
      completionMet: true,
      status: 'done',
      nextDueAt: null,
      text: 'done',
    });
  });

  it('closes a declined interview: offer met, completion not', () => {
    const clocks = rhiClocks(
      { ...open, offeredAt: at('2026-06-01T16:00:00Z'), closedAt: at('2026-06-02T09:00:00Z') },
      at('2026-06-02T10:00:00Z'),
    );
    expect(clocks).toMatchObject({ offerMet: true, completionMet: false, status: 'done', overdueMs: 0 });
  });
});

describe('rhiClocks: worklist status and countdown', () => {
  it.each([
    ['2026-06-01T10:00:00Z', 'due', 72 * HOUR, 0, 'due in 3 days'],
    ['2026-06-03T09:59:00Z', 'due', 24 * HOUR + MINUTE, 0, 'due in 1 day'],
    ['2026-06-03T10:00:00Z', 'due-soon', 24 * HOUR, 0, 'due in 1 day'],
    ['2026-06-04T04:48:00Z', 'due-soon', 5 * HOUR + 12 * MINUTE, 0, 'due in 5 hours 12 minutes'],
    ['2026-06-04T09:59:30Z', 'due-soon', 30_000, 0, 'due in less than a minute'],
    ['2026-06-04T10:00:00Z', 'due-soon', 0, 0, 'due now'],
    ['2026-06-04T10:01:00Z', 'overdue', 0, MINUTE, 'overdue by 1 minute'],
    ['2026-06-05T13:00:00Z', 'overdue', 0, 27 * HOUR, 'overdue by 1 day 3 hours'],
  ])('at %s it is %s', (now, status, remainingMs, overdueMs, text) => {
    expect(rhiClocks(open, at(now))).toMatchObject({ status, remainingMs, overdueMs, text });
  });

  it('counts down to completion once the offer is made', () => {
    const settings = { ...DEFAULT_RHI_CLOCK_SETTINGS, offerHours: 24 };
    const offered = { ...open, offeredAt: at('2026-06-01T12:00:00Z') };
    expect(rhiClocks(offered, at('2026-06-03T10:00:00Z'), settings)).toMatchObject({
      nextDueAt: at('2026-06-04T10:00:00Z'),
      status: 'due-soon',
      text: 'due in 1 day',
    });
    const notOffered = rhiClocks(open, at('2026-06-03T10:00:00Z'), settings);
    expect(notOffered).toMatchObject({ status: 'overdue', text: 'overdue by 1 day' });
  });

  it('formats durations in the two largest units', () => {
    expect(formatDuration(2 * 24 * HOUR + 59 * MINUTE)).toBe('2 days');
    expect(formatDuration(HOUR + MINUTE)).toBe('1 hour 1 minute');
    expect(formatDuration(3 * 24 * HOUR + 23 * HOUR + 59 * MINUTE)).toBe('3 days 23 hours');
  });
});

describe('RHI code lists', () => {
  it('has unique codes and labels that do not blame the child', () => {
    for (const list of [RHI_OUTCOMES, PUSH_PULL_FACTORS, RHI_RISKS, RHI_OFFER_METHODS]) {
      const codes: string[] = list.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const { label } of list) expect(label).not.toMatch(/refus|engage|putting (them|him|her)sel|chose|choice/i);
    }
    expect(labelFor(RHI_OUTCOMES, 'declined')).toBe('Declined by the child');
    expect(labelFor(RHI_OUTCOMES, 'missing_again')).toBe('Missing again before the interview');
    expect(isCode(RHI_RISKS, 'trafficking')).toBe(true);
    expect(isCode(RHI_RISKS, 'nonsense')).toBe(false);
  });
});

describe('ssdRhiValues', () => {
  const offeredAt = at('2026-06-02T10:00:00Z');
  it.each<[RhiOutcome | null, Date | null, string, string]>([
    [null, null, 'null', 'null'],
    [null, offeredAt, 'Y', 'null'],
    ['completed', offeredAt, 'Y', 'Y'],
    ['completed', null, 'Y', 'Y'],
    ['declined', offeredAt, 'Y', 'N'],
    ['missing_again', null, 'NA', 'NA'],
    ['missing_again', offeredAt, 'Y', 'NA'],
    ['unable_to_contact', null, 'N', 'NA'],
    ['unable_to_contact', offeredAt, 'Y', 'N'],
    ['advice_given', offeredAt, 'Y', 'N'],
    ['not_attempted', null, 'N', 'NA'],
  ])('%s (offered %s) → offered %s, accepted %s', (outcome, offered, o, a) => {
    const values = ssdRhiValues({ outcome, offeredAt: offered });
    expect({ offered: String(values.offered), accepted: String(values.accepted) }).toEqual({ offered: o, accepted: a });
  });

  it('leaves both blank for an incident with no RHI', () => {
    expect(ssdRhiValues(null)).toEqual({ offered: null, accepted: null });
  });
});
