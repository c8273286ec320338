import { describe, expect, it } from 'vitest';
import { ageAt, financialYear, peakAge, peakAgeRange, ratioOf, roundHalfUp } from '../../src/modules/reports/measures.ts';

describe('roundHalfUp', () => {
  it('rounds halves up, not to even', () => {
    expect(roundHalfUp(0.5)).toBe(1);
    expect(roundHalfUp(2.5)).toBe(3);
    expect(roundHalfUp(44.5)).toBe(45);
    expect(roundHalfUp(48.96)).toBe(49);
    expect(roundHalfUp(44.49)).toBe(44);
  });

  it('rounds to decimal places without binary noise', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(12.345, 2)).toBe(12.35);
    expect(roundHalfUp(66.65, 1)).toBe(66.7);
    expect(roundHalfUp(0.04, 1)).toBe(0);
  });

  it('rounds negative halves away from zero', () => {
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(roundHalfUp(-0.4)).toBe(0);
  });
});

describe('peakAge', () => {
  it('is the modal age', () => {
    expect(peakAge([14, 14, 15])).toBe(14);
  });
  it('breaks ties towards the older age', () => {
    expect(peakAge([16, 15, 15, 16])).toBe(16);
    expect(peakAge([17, 13, 13, 17, 12])).toBe(17);
  });
  it('is null without ages', () => {
    expect(peakAge([])).toBeNull();
  });
});

describe('peakAgeRange', () => {
  it('finds the shortest range holding 60%', () => {
    // 10 ages: 15-17 holds 7, 14-16 holds 6; no 2-year range holds 6.
    expect(peakAgeRange([14, 15, 15, 16, 16, 16, 17, 17, 12, 10])).toEqual({ from: 15, to: 17 });
  });
  it('counts exactly 60% as enough', () => {
    expect(peakAgeRange([15, 15, 15, 16, 16, 16, 9, 9, 9, 9])).toEqual({ from: 15, to: 16 });
  });
  it('prefers the range with more incidents among equally short ones', () => {
    // need 6 of 10: 13-14 has 7 and beats the older 14-15, which has 6.
    expect(peakAgeRange([13, 13, 13, 14, 14, 14, 14, 15, 15, 10])).toEqual({ from: 13, to: 14 });
  });
  it('then prefers the older range', () => {
    // 10-11 and 11-12 both hold 6 of 10.
    expect(peakAgeRange([10, 10, 10, 11, 11, 11, 12, 12, 12, 13])).toEqual({ from: 11, to: 12 });
  });
  it('spans gaps in the ages', () => {
    expect(peakAgeRange([10, 10, 17, 17, 17])).toEqual({ from: 17, to: 17 });
    expect(peakAgeRange([10, 10, 17, 17])).toEqual({ from: 10, to: 17 });
  });
  it('takes another share', () => {
    expect(peakAgeRange([13, 14, 15, 16], 0.5)).toEqual({ from: 15, to: 16 });
  });
  it('is null without ages', () => {
    expect(peakAgeRange([])).toBeNull();
  });
});

describe('ratioOf', () => {
  it('uses all individuals as the denominator', () => {
    expect(ratioOf({ male: 472, female: 482, total: 964 })).toBe('49:50');
    expect(ratioOf({ male: 411, female: 329, total: 747 })).toBe('55:44');
  });
  it('rounds each side half up', () => {
    expect(ratioOf({ male: 510, female: 401, total: 911 })).toBe('56:44');
    expect(ratioOf({ male: 1, female: 7, total: 8 })).toBe('13:88');
  });
  it('is 0:0 for nobody', () => {
    expect(ratioOf({ male: 0, female: 0, total: 0 })).toBe('0:0');
  });
});

describe('financialYear', () => {
  it('runs from 1 April to 1 April, London time (BST, so 23:00 UTC the day before)', () => {
    const { start, end } = financialYear('2023/24');
    expect(start.toISOString()).toBe('2023-03-31T23:00:00.000Z');
    expect(end.toISOString()).toBe('2024-03-31T23:00:00.000Z');
  });
  it('handles a leap year and the century', () => {
    expect(financialYear('2019/20').end.toISOString()).toBe('2020-03-31T23:00:00.000Z');
    expect(financialYear('2099/00').start.toISOString()).toBe('2099-03-31T23:00:00.000Z');
  });
  it('refuses labels that are not a year and the next', () => {
    expect(() => financialYear('2023/25')).toThrow(RangeError);
    expect(() => financialYear('2023-24')).toThrow(RangeError);
  });
});

describe('ageAt', () => {
  it('uses the London calendar date', () => {
    // 23:30 UTC on 31 March 2024 is 00:30 on 1 April in London: the 18th birthday.
    expect(ageAt('2006-04-01', new Date('2024-03-31T23:30:00Z'))).toBe(18);
    expect(ageAt('2006-04-01', new Date('2024-03-31T22:30:00Z'))).toBe(17);
    expect(ageAt('2010-01-01', new Date('2023-12-31T23:59:00Z'))).toBe(13);
  });
  it('reaches a 29 February birthday on 1 March in common years', () => {
    expect(ageAt('2008-02-29', new Date('2025-02-28T12:00:00Z'))).toBe(16);
    expect(ageAt('2008-02-29', new Date('2025-03-01T12:00:00Z'))).toBe(17);
    expect(ageAt('2008-02-29', new Date('2024-02-29T12:00:00Z'))).toBe(16);
  });
  it('refuses a malformed date', () => {
    expect(() => ageAt('01/02/2008', new Date())).toThrow(RangeError);
  });
});
