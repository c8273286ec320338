import { describe, it, expect } from 'vitest';
import {
  ageInYears,
  formatIsoLondon,
  formatUkDate,
  formatUkDateTime,
  londonDate,
  parseUkDate,
  parseUkTimestamp,
} from '../../src/modules/missing/uk-time.ts';

/** The parsed instant as an ISO UTC string, or the failure reason. */
function parsed(text: string): string {
  const result = parseUkTimestamp(text);
  return result.ok ? result.value.toISOString() : result.reason;
}

describe('parseUkTimestamp: forms', () => {
  it.each([
    ['2024-06-01T10:00', '2024-06-01T09:00:00.000Z'],
    ['2024-06-01T10:00:30', '2024-06-01T09:00:30.000Z'],
    ['2024-06-01 10:00:00', '2024-06-01T09:00:00.000Z'],
    ['2024-01-15T10:00', '2024-01-15T10:00:00.000Z'],
    ['2024-03-31T23:15', '2024-03-31T22:15:00.000Z'],
    ['2024-03-31 23:15:00+01:00', '2024-03-31T22:15:00.000Z'],
    ['2024-03-31T23:15:00+0100', '2024-03-31T22:15:00.000Z'],
    ['2024-03-31T23:15:00Z', '2024-03-31T23:15:00.000Z'],
    ['2024-03-31t23:15:00z', '2024-03-31T23:15:00.000Z'],
    ['2024-06-01T10:00:00-05:00', '2024-06-01T15:00:00.000Z'],
    ['2024-06-01T10:00:00.5', '2024-06-01T09:00:00.500Z'],
    ['2024-06-01T10:00:00.123456+00:00', '2024-06-01T10:00:00.123Z'],
    ['31/03/2024 23:15', '2024-03-31T22:15:00.000Z'],
    ['31/03/2024 23:15:30', '2024-03-31T22:15:30.000Z'],
    ['1/6/2024 9:05', '2024-06-01T08:05:00.000Z'],
    ['15/01/2024 10:00', '2024-01-15T10:00:00.000Z'],
    ['  2024-06-01T10:00  ', '2024-06-01T09:00:00.000Z'],
    ['2024-02-29T12:00', '2024-02-29T12:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parsed(text)).toBe(iso);
  });

  it.each(['2024-06-01', '01/06/2024', '1/6/2024'])('%s has no time → date-only', (text) => {
    expect(parsed(text)).toBe('date-only');
  });

  it.each([
    '31/02/2024 10:00',
    '2024-02-30T10:00',
    '2023-02-29T10:00',
    '2024-13-01T10:00',
    '2024-00-10T10:00',
    '00/01/2024 10:00',
    '2024-06-01T24:00',
    '2024-06-01T10:60',
    '2024-06-01T10:00:60',
    '31/02/2024',
  ])('%s → not-real', (text) => {
    expect(parsed(text)).toBe('not-real');
  });

  it.each([
    '',
    'yesterday',
    '2024/06/01 10:00',
    '01-06-2024 10:00',
    '2024-6-1T10:00',
    '2024-06-01T10',
    '2024-06-01T10:00+25:00',
    '2024-06-01T10:00+01:75',
    '01/06/24 10:00',
    '10:00',
  ])('%j → format', (text) => {
    expect(parsed(text)).toBe('format');
  });
});

describe('parseUkTimestamp: BST boundaries 2024', () => {
  it.each([
    // Clocks go forward at 01:00 GMT on Sunday 31 March: local 01:00-01:59 never happens.
    ['2024-03-31T00:59', '2024-03-31T00:59:00.000Z'],
    ['2024-03-31T01:00', 'nonexistent'],
    ['2024-03-31T01:30', 'nonexistent'],
    ['2024-03-31T01:59:59', 'nonexistent'],
    ['31/03/2024 01:30', 'nonexistent'],
    ['2024-03-31T02:00', '2024-03-31T01:00:00.000Z'],
    ['2024-03-31T01:30+00:00', '2024-03-31T01:30:00.000Z'],
    ['2024-03-31T01:30Z', '2024-03-31T01:30:00.000Z'],
    ['2024-03-31T02:30+01:00', '2024-03-31T01:30:00.000Z'],
    ['2024-03-30T01:30', '2024-03-30T01:30:00.000Z'],
    ['2024-04-01T01:30', '2024-04-01T00:30:00.000Z'],
  ])('spring forward: %s → %s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });

  it.each([
    // Clocks go back at 01:00 GMT (02:00 BST) on Sunday 27 October: local 01:00-01:59 happens twice.
    ['2024-10-27T00:59', '2024-10-26T23:59:00.000Z'],
    ['2024-10-27T01:00', '2024-10-27T00:00:00.000Z'],
    ['2024-10-27T01:30', '2024-10-27T00:30:00.000Z'],
    ['27/10/2024 01:30', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27T01:59:59', '2024-10-27T00:59:59.000Z'],
    ['2024-10-27T01:30+01:00', '2024-10-27T00:30:00.000Z'],
    ['2024-10-27T01:30+00:00', '2024-10-27T01:30:00.000Z'],
    ['2024-10-27T02:00', '2024-10-27T02:00:00.000Z'],
    ['2024-10-26T01:30', '2024-10-26T00:30:00.000Z'],
    ['2024-10-28T01:30', '2024-10-28T01:30:00.000Z'],
  ])('fall back: %s → %s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });

  it('gives the same answer from the memo as on first sight', () => {
    const first = ['2024-10-27T01:10', '2024-03-31T01:10', '2024-07-04T13:10'].map(parsed);
    const again = ['2024-10-27T01:50', '2024-03-31T01:50', '2024-07-04T13:50'].map(parsed);
    expect(first).toEqual(['2024-10-27T00:10:00.000Z', 'nonexistent', '2024-07-04T12:10:00.000Z']);
    expect(again).toEqual(['2024-10-27T00:50:00.000Z', 'nonexistent', '2024-07-04T12:50:00.000Z']);
  });

  it('handles other years, including before 1970', () => {
    expect(parsed('2025-03-30T01:30')).toBe('nonexistent');
    expect(parsed('2025-10-26T01:30')).toBe('2025-10-26T00:30:00.000Z');
    expect(parsed('1969-06-01T10:00')).toBe('1969-06-01T09:00:00.000Z');
  });

  it('round-trips formatIsoLondon every 15 minutes across both changes', () => {
    for (const start of ['2024-03-30T22:00:00Z', '2024-10-26T22:00:00Z']) {
      for (let i = 0; i < 24; i++) {
        const d = new Date(Date.parse(start) + i * 15 * 60_000);
        expect(parsed(formatIsoLondon(d))).toBe(d.toISOString());
      }
    }
  });
});

describe('parseUkDate', () => {
  it.each([
    ['2010-02-28', '2010-02-28'],
    ['28/02/2010', '2010-02-28'],
    ['8/2/2010', '2010-02-08'],
    ['29/02/2008', '2008-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseUkDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each(['31/02/2010', '2010-02-30', '29/02/2010', '2010-13-01', '00/01/2010'])('%s → not-real', (text) => {
    expect(parseUkDate(text)).toEqual({ ok: false, reason: 'not-real' });
  });

  it.each(['', 'Feb 2010', '2010/02/28', '2010-02-28T10:00', '28/02/10'])('%j → format', (text) => {
    expect(parseUkDate(text)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('formatting', () => {
  it('formats in Europe/London, summer and winter', () => {
    expect(formatUkDateTime(new Date('2024-03-31T22:15:00Z'))).toBe('31/03/2024 23:15');
    expect(formatUkDateTime(new Date('2024-01-05T09:07:00Z'))).toBe('05/01/2024 09:07');
    expect(formatIsoLondon(new Date('2024-03-31T22:15:00Z'))).toBe('2024-03-31T23:15:00+01:00');
    expect(formatIsoLondon(new Date('2024-01-05T09:07:05Z'))).toBe('2024-01-05T09:07:05+00:00');
    expect(formatIsoLondon(new Date('2024-06-01T09:00:00.250Z'))).toBe('2024-06-01T10:00:00.250+01:00');
  });

  it('formats the instants either side of the clock changes', () => {
    expect(formatIsoLondon(new Date('2024-03-31T00:59:59Z'))).toBe('2024-03-31T00:59:59+00:00');
    expect(formatIsoLondon(new Date('2024-03-31T01:00:00Z'))).toBe('2024-03-31T02:00:00+01:00');
    expect(formatIsoLondon(new Date('2024-10-27T00:30:00Z'))).toBe('2024-10-27T01:30:00+01:00');
    expect(formatIsoLondon(new Date('2024-10-27T01:30:00Z'))).toBe('2024-10-27T01:30:00+00:00');
  });

  it('gives the London calendar date and UK date form', () => {
    expect(londonDate(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
    expect(londonDate(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
    expect(formatUkDate('2024-03-31')).toBe('31/03/2024');
    expect(formatUkDate('not a date')).toBe('not a date');
  });

  it('refuses an invalid Date', () => {
    expect(() => formatIsoLondon(new Date('nope'))).toThrow(RangeError);
  });
});

describe('ageInYears', () => {
  it('counts whole years on the London date', () => {
    expect(ageInYears('2010-06-01', new Date('2028-05-31T12:00:00Z'))).toBe(17);
    expect(ageInYears('2010-06-01', new Date('2028-06-01T12:00:00Z'))).toBe(18);
    // 23:30 UTC on 31 May is 00:30 BST on 1 June in London.
    expect(ageInYears('2010-06-01', new Date('2028-05-31T23:30:00Z'))).toBe(18);
    expect(ageInYears('2010-06-01', new Date('2010-06-01T12:00:00Z'))).toBe(0);
  });

  it('puts a 29 February birthday on 1 March in other years', () => {
    expect(ageInYears('2008-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(17);
    expect(ageInYears('2008-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(18);
  });
});

describe('speed', () => {
  it('parses 100,000 timestamps without being pathologically slow', () => {
    const texts: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 12) + 1).padStart(2, '0');
      const hour = String(i % 24).padStart(2, '0');
      const minute = String(i % 60).padStart(2, '0');
      const iso = `20${10 + (i % 15)}-${month}-${day}T${hour}:${minute}`;
      texts.push(i % 2 === 0 ? iso : `${day}/${month}/2024 ${hour}:${minute}`);
    }
    const started = performance.now();
    let ok = 0;
    for (const text of texts) if (parseUkTimestamp(text).ok) ok++;
    const elapsed = performance.now() - started;
    console.log(`100,000 parseUkTimestamp calls: ${elapsed.toFixed(0)} ms`);
    // Only the spring-forward hour can fail, and few generated values land in it.
    expect(ok).toBeGreaterThan(99_900);
  });
});
