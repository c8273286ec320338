/**
 * The language report's pieces that need no database: the quarters of a financial year in UK time, the rows per
 * team and per phrase, the published output's suppression, and the advice shown after saving.
 */
import { describe, expect, it } from 'vitest';
import { phraseRows, quartersOf, teamRows } from '../../src/modules/language/language-report.ts';
import { adviseOn } from '../../src/modules/language/advice.ts';
import type { AdviceCountRow } from '../../src/modules/language/language.repository.ts';
import { LANGUAGE_PHRASES } from '../../src/modules/language/phrases.ts';
import { suppressTables } from '../../src/modules/reports/suppression.ts';
import { savedFlash } from '../../src/web/language/saved-flash.ts';

const row = (team: string, phrase_code: string, quarter: number, n: number): AdviceCountRow => ({ team, phrase_code, quarter, n });

describe('the language report', () => {
  it('cuts the financial year into quarters at UK midnight, summer time included', () => {
    const { columns, boundaries } = quartersOf('2024/25');
    expect(boundaries.map((d) => d.toISOString())).toEqual([
      '2024-03-31T23:00:00.000Z', '2024-06-30T23:00:00.000Z', '2024-09-30T23:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-03-31T23:00:00.000Z',
    ]);
    expect(columns).toEqual([
      { key: 'Q1', label: 'Q1: April to June 2024' }, { key: 'Q2', label: 'Q2: July to September 2024' },
      { key: 'Q3', label: 'Q3: October to December 2024' }, { key: 'Q4', label: 'Q4: January to March 2025' },
      { key: 'total', label: 'Total' },
    ]);
  });

  it('has a row per team, by name, with the year’s total, then all teams', () => {
    const rows = teamRows([row('Return interview service', 'absconded', 1, 3), row('Exploitation team', 'absconded', 2, 2), row('Return interview service', 'runaway', 4, 1)]);
    expect(rows.map((r) => [r.label, r.values])).toEqual([
      ['Exploitation team', { Q1: 0, Q2: 2, Q3: 0, Q4: 0, total: 2 }],
      ['Return interview service', { Q1: 3, Q2: 0, Q3: 0, Q4: 1, total: 4 }],
      ['All teams', { Q1: 3, Q2: 2, Q3: 0, Q4: 1, total: 6 }],
    ]);
    expect(rows.slice(0, 2).every((r) => r.partOf === 'all_phrases' && r.kind === 'count')).toBe(true);
  });

  it('lists every phrase of the guide, zero or not, and a code no longer listed, then all phrases', () => {
    const rows = phraseRows([row('A team', 'absconded', 3, 7), row('A team', 'retired-code', 1, 1)]);
    expect(rows).toHaveLength(LANGUAGE_PHRASES.length + 2);
    expect(rows.find((r) => r.key === 'phrase:absconded')?.values).toEqual({ Q1: 0, Q2: 0, Q3: 7, Q4: 0, total: 7 });
    expect(rows.find((r) => r.key === 'phrase:runaway')?.values.total).toBe(0);
    expect(rows.at(-2)?.label).toBe('retired-code (no longer on the list)');
    expect(rows.at(-1)).toMatchObject({ key: 'all_phrases', label: 'All phrases', values: { total: 8 } });
  });

  it('hides a small count for publication, and the cell it could be worked out from', () => {
    const { columns } = quartersOf('2024/25');
    const rows = teamRows([row('Exploitation team', 'absconded', 1, 2), row('Return interview service', 'absconded', 1, 9), row('Return interview service', 'absconded', 2, 8)]);
    const [table] = suppressTables([{ id: 't', title: 't', columns, rows, notes: [] }], 5);
    const values = Object.fromEntries((table?.rows ?? []).map((r) => [r.label, r.values]));
    expect(values['Exploitation team']).toMatchObject({ Q1: '<5', Q2: 0, total: '<5' });
    // 11 - 9 would give the hidden 2 away: the other team's Q1 and total are hidden too, the quarters' sums kept.
    expect(values['Return interview service']).toMatchObject({ Q1: '[c]', Q2: 8, total: '[c]' });
    expect(values['All teams']).toMatchObject({ Q1: 11, Q2: 8, total: 19 });
  });
});

describe('the advice after saving', () => {
  it('is the plain success message when nothing was found', () => {
    expect(savedFlash('The return interview is saved.')).toEqual({ title: 'Success', text: 'The return interview is saved.' });
  });

  it('lists each phrase once with the fields it was in, what to say instead and a link to the guide', () => {
    const advice = [
      { field: 'notes', advice: adviseOn('Absconded again; absconding is a pattern.') },
      { field: 'whereStayed', advice: adviseOn('With her <b>boyfriend</b>, who absconded too') },
    ];
    const flash = savedFlash('Saved <now>.', advice, { notes: 'Notes about the reasons' });
    expect(flash.text).toBeUndefined();
    expect(flash.html).toContain('<p class="govuk-notification-banner__heading">Saved &#60;now&#62;.</p>');
    expect(flash.html).toContain('includes 2 phrases that can suggest a child is to blame');
    expect(flash.html).toContain('<a class="govuk-notification-banner__link" href="/language-guide#absconded">“absconded, absconder”</a> in Notes about the reasons, whereStayed: you could say “went missing” or');
    expect(flash.html).toContain('href="/language-guide#boyfriend-girlfriend"');
    // The guide's words only: nothing the worker wrote is kept in the session.
    expect(flash.html).not.toContain('<b>');
    expect(flash.html).not.toContain('pattern');
  });
});
