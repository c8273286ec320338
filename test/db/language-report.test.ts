/**
 * The language guide report on hand-built advice rows: each phrase in the quarter it was saved in UK time (the
 * first and last moments of each quarter, across the clock changes), the year's total, per team and per phrase,
 * only the authority's own rows, the published output's small-number suppression, and a whole year only.
 */
import { beforeAll, expect, it } from 'vitest';
import { languageAdvice } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { ValidationFailed } from '../../src/modules/errors.ts';
import { DEMO_TEAMS, recordDemoLanguageHistory } from '../../src/modules/language/demo-history.ts';
import { produceOutputReport } from '../../src/modules/reports/render/output.service.ts';
import { renderReport } from '../../src/modules/reports/render/index.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW } from '../route/children-support.ts';

const USER = '00000000-0000-4000-8000-000000000001';

/** [team, phrase, when (UTC), authority]: the comments give the UK time. */
const ROWS: [string, string, string, string?][] = [
  ['Exploitation team', 'absconded', '2024-03-31T22:59:59Z'], // 23:59:59 BST 31 March 2024: the year before
  ['Exploitation team', 'absconded', '2024-03-31T23:00:00Z'], // 00:00 BST 1 April: Q1
  ['Exploitation team', 'runaway', '2024-06-30T22:59:59Z'], // 23:59:59 BST 30 June: Q1
  ['Exploitation team', 'runaway', '2024-06-30T23:00:00Z'], // 00:00 BST 1 July: Q2
  ['Return interview service', 'absconded', '2024-09-30T23:00:00Z'], // 00:00 BST 1 October: Q3
  ['Return interview service', 'absconded', '2024-10-27T01:30:00Z'], // 01:30 GMT, after the clocks went back: Q3
  ['Return interview service', 'streetwise', '2024-12-31T23:59:59Z'], // 23:59:59 GMT 31 December: Q3
  ['Return interview service', 'streetwise', '2025-01-01T00:00:00Z'], // 00:00 GMT 1 January: Q4
  ['Return interview service', 'streetwise', '2025-03-31T22:59:59Z'], // 23:59:59 BST 31 March 2025: Q4
  ['Return interview service', 'streetwise', '2025-03-31T23:00:00Z'], // 00:00 BST 1 April 2025: the year after
  ['Another authority’s team', 'absconded', '2024-05-01T12:00:00Z', '892'],
];

describeEachDatabase('The language guide report', (use) => {
  let manager: Actor;

  beforeAll(async () => {
    manager = await actorOf(use(), 'manager');
    await use().transaction(async (tx) => {
      await tx.insert(languageAdvice).values(ROWS.map(([team, phraseCode, at, authorityCode]) => ({
        authorityCode: authorityCode ?? '891', userId: USER, team, recordKind: 'return_interview', recordId: null, field: 'notes', phraseCode, advisedAt: new Date(at),
      })));
      // Many of one phrase in one quarter, so the published output has something it can show.
      await tx.insert(languageAdvice).values(Array.from({ length: 12 }, (_, i) => ({
        authorityCode: '891', userId: USER, team: 'Children in Care team', recordKind: 'meeting_request', recordId: null, field: 'decisions',
        phraseCode: 'not-engaging', advisedAt: new Date(Date.UTC(2024, 7, 1 + i, 10)),
      })));
    });
  });

  const produce = (published = false, quarter: string | null = null) =>
    produceOutputReport(use(), manager, { report: 'language', fy: '2024/25', quarter, published }, FIXED_NOW);
  const valuesOf = (report: Awaited<ReturnType<typeof produce>>, table: number, key: string) => report.tables[table]?.rows.find((r) => r.key === key)?.values;

  it('counts per team and quarter in UK time, with the year’s total and all teams', async () => {
    const report = await produce();
    expect(report.title).toBe('Language guide: phrases advised per team per quarter');
    expect(report.tables[0]?.columns.map((c) => c.label)).toEqual(['Q1: April to June 2024', 'Q2: July to September 2024', 'Q3: October to December 2024', 'Q4: January to March 2025', 'Total']);
    expect(report.tables[0]?.rows.map((r) => r.label)).toEqual(['Children in Care team', 'Exploitation team', 'Return interview service', 'All teams']);
    expect(valuesOf(report, 0, 'team:Exploitation team')).toEqual({ Q1: 2, Q2: 1, Q3: 0, Q4: 0, total: 3 });
    expect(valuesOf(report, 0, 'team:Return interview service')).toEqual({ Q1: 0, Q2: 0, Q3: 3, Q4: 2, total: 5 });
    expect(valuesOf(report, 0, 'team:Children in Care team')).toEqual({ Q1: 0, Q2: 12, Q3: 0, Q4: 0, total: 12 });
    expect(valuesOf(report, 0, 'all_phrases')).toEqual({ Q1: 2, Q2: 13, Q3: 3, Q4: 2, total: 20 });
    expect(report.settings['Small-number suppression']).toMatch(/^off/);
  });

  it('counts per phrase, every phrase of the guide listed, the totals agreeing with the teams’', async () => {
    const report = await produce();
    expect(valuesOf(report, 1, 'phrase:absconded')).toEqual({ Q1: 1, Q2: 0, Q3: 2, Q4: 0, total: 3 });
    expect(valuesOf(report, 1, 'phrase:streetwise')).toEqual({ Q1: 0, Q2: 0, Q3: 1, Q4: 2, total: 3 });
    expect(valuesOf(report, 1, 'phrase:not-engaging')).toEqual({ Q1: 0, Q2: 12, Q3: 0, Q4: 0, total: 12 });
    expect(valuesOf(report, 1, 'phrase:boyfriend-girlfriend')).toEqual({ Q1: 0, Q2: 0, Q3: 0, Q4: 0, total: 0 });
    expect(valuesOf(report, 1, 'all_phrases')).toEqual(valuesOf(report, 0, 'all_phrases'));
    expect(report.tables[1]?.notes.join(' ')).toContain('A falling count is the goal');
    expect(report.charts[0]?.data.map((d) => d.value)).toEqual([2, 13, 3, 2]);
  });

  it('hides small counts for publication as the framework does, and what they could be worked out from', async () => {
    const report = await produce(true);
    expect(valuesOf(report, 0, 'team:Exploitation team')).toEqual({ Q1: '<5', Q2: '<5', Q3: 0, Q4: 0, total: '<5' });
    // Q2's 13 less the Children in Care team's 12 would give away the Exploitation team's 1: the 12 is hidden,
    // and so is the team's total, which is the same figure. Zeros are shown.
    expect(valuesOf(report, 0, 'team:Children in Care team')).toEqual({ Q1: 0, Q2: '[c]', Q3: 0, Q4: 0, total: '[c]' });
    expect(valuesOf(report, 0, 'all_phrases')).toEqual({ Q1: '<5', Q2: 13, Q3: '<5', Q4: '<5', total: 20 });
    // The same figures by phrase: the repeated total row agrees, and the 12 is hidden there too.
    expect(valuesOf(report, 1, 'all_phrases')).toEqual(valuesOf(report, 0, 'all_phrases'));
    expect(valuesOf(report, 1, 'phrase:not-engaging')).toEqual({ Q1: 0, Q2: '[c]', Q3: 0, Q4: 0, total: '[c]' });
    // The chart draws only what the tables show: Q2's 13.
    expect(report.charts[0]?.data.map((d) => [d.category, d.value])).toEqual([['Q2: July to September 2024', 13]]);
    expect(report.tables[0]?.notes.at(-1)).toMatch(/counts from 1 to 4 are shown as <5/);
  });

  it('is for a whole financial year, and renders in every format', async () => {
    const error = await produce(false, 'Q1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    const report = await produce();
    const csv = (await renderReport(report, 'csv')).body.toString();
    expect(csv).toContain('Children in Care team');
    for (const format of ['json', 'xlsx', 'docx', 'html'] as const) expect((await renderReport(report, format)).body.length).toBeGreaterThan(100);
  });

  it('gives the demo a history that falls over the year, for every demo team', async () => {
    const written = await use().transaction((tx) => recordDemoLanguageHistory(tx, {
      authorityCode: '892', from: new Date('2023-03-31T23:00:00Z'), to: new Date('2024-03-31T23:00:00Z'), seed: 5,
    }));
    const report = await produceOutputReport(use(), await actorOf(use(), 'manager', '892'), { report: 'language', fy: '2023/24', published: false }, FIXED_NOW);
    const all = valuesOf(report, 0, 'all_phrases');
    expect(all?.total).toBe(written);
    expect(Number(all?.Q1)).toBeGreaterThan(Number(all?.Q4));
    expect(report.tables[0]?.rows.map((r) => r.label)).toEqual([...[...DEMO_TEAMS].sort((a, b) => a.localeCompare(b, 'en-GB')), 'All teams']);
  });
});
