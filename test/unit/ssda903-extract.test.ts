/**
 * Homeward's records as the 903 tables: the collection year's edges in UK time, open episodes carried
 * across years with the same start, the 18th-birthday rule, only this authority's looked-after children.
 */
import { describe, expect, it } from 'vitest';
import { collectionYear } from '../../src/modules/exports/dates.ts';
import type { ExportSource, SourceCarePeriod, SourceChild, SourceIncident } from '../../src/modules/exports/source.ts';
import { extractSsda903 } from '../../src/modules/exports/ssda903/extract.ts';
import { readMissingTable } from '../../src/modules/exports/ssda903/previous-return.ts';
import { runSsda903Rules } from '../../src/modules/exports/ssda903/rules/index.ts';

const child = (over: Partial<SourceChild> = {}): SourceChild => ({ id: 'k1', laChildId: 'C1', dateOfBirth: '2009-06-01', sex: 'female', ...over });
const care = (from: string, to: string | null = null, childId = 'k1'): SourceCarePeriod => ({ childId, startsAt: new Date(from), endsAt: to === null ? null : new Date(to) });
let n = 0;
const incident = (lastSeen: string, found: string | null, over: Partial<SourceIncident> = {}): SourceIncident => ({
  id: `i${++n}`, childId: 'k1', lastSeenAt: new Date(lastSeen), foundAt: found === null ? null : new Date(found),
  riskGrade: 'medium', initialRiskGrade: 'medium', classification: 'own_care', rhi: null, ...over,
});

/** A child looked after since 2020 (no end), with these incidents. */
const lookedAfter = (incidents: SourceIncident[], over: Partial<ExportSource> = {}): ExportSource => ({
  children: [child()], ownCarePeriods: [care('2020-01-01T00:00:00Z')], incidents, ...over,
});

function extract(source: ExportSource, year: number, today = '2026-11-21', noApparentRiskAs: 'M' | 'A' = 'A') {
  const collection = collectionYear(year);
  return extractSsda903(source, { collection, asAt: collection.end < today ? collection.end : today, missingType: { noApparentRiskAs } });
}
const missingOf = (source: ExportSource, year: number, today?: string) => extract(source, year, today).tables.missing.map((m) => [m.MISSING, m.MIS_START, m.MIS_END]);

describe('the collection year', () => {
  it('is named by the year it ends in and counts UK calendar dates, British Summer Time included', () => {
    const source = lookedAfter([
      incident('2023-03-31T23:15:00Z', '2023-04-01T02:00:00Z'), // 00:15 BST on 1 April 2023: the first minutes of 2023-24
      incident('2024-03-31T22:30:00Z', '2024-03-31T22:50:00Z'), // 23:30 BST on 31 March 2024: the last hour of 2023-24
      incident('2024-03-31T23:30:00Z', '2024-04-01T01:00:00Z'), // 00:30 BST on 1 April 2024: already 2024-25
    ]);
    expect(missingOf(source, 2024)).toEqual([['M', '01/04/2023', '01/04/2023'], ['M', '31/03/2024', '31/03/2024']]);
    expect(missingOf(source, 2025)).toEqual([['M', '01/04/2024', '01/04/2024']]);
  });

  it('leaves out episodes that ended before the year and writes dates as dd/mm/yyyy', () => {
    const source = lookedAfter([incident('2023-03-20T10:00:00Z', '2023-03-31T22:00:00Z'), incident('2023-05-02T10:00:00Z', '2023-05-09T10:00:00Z')]);
    // Found at 23:00 BST on 31 March 2023: ended in 2022-23.
    expect(missingOf(source, 2024)).toEqual([['M', '02/05/2023', '09/05/2023']]);
  });
});

describe('open episodes', () => {
  it('are carried into the next year with the same start, and have a blank end while open at the year end', () => {
    const source = lookedAfter([incident('2023-03-15T09:00:00Z', '2024-06-10T12:00:00Z')]);
    expect(missingOf(source, 2023)).toEqual([['M', '15/03/2023', '']]);
    expect(missingOf(source, 2024)).toEqual([['M', '15/03/2023', '']]);
    expect(missingOf(source, 2025)).toEqual([['M', '15/03/2023', '10/06/2024']]);
  });

  it('pass rule 576 against last year’s return, and fail it if the start were changed', () => {
    const source = lookedAfter([incident('2023-03-15T09:00:00Z', null)]);
    const lastYear = extract(source, 2023).tables.missing;
    const thisYear = extract(source, 2024);
    expect(runSsda903Rules({ tables: thisYear.tables, missingLast: lastYear, collection: collectionYear(2024) })).toEqual([]);
    const moved = { ...thisYear.tables, missing: thisYear.tables.missing.map((m) => ({ ...m, MIS_START: '01/04/2023' })) };
    expect(runSsda903Rules({ tables: moved, missingLast: lastYear, collection: collectionYear(2024) }).map((f) => f.rule)).toEqual(['576']);
  });

  it('in a year not yet over are open as at today, even when the 18th birthday comes before the year ends', () => {
    const source = lookedAfter([incident('2026-10-01T09:00:00Z', null)], { children: [child({ dateOfBirth: '2008-12-01' })] });
    expect(missingOf(source, 2027, '2026-11-21')).toEqual([['M', '01/10/2026', '']]);
    expect(missingOf(source, 2027, '2026-12-01')).toEqual([['M', '01/10/2026', '01/12/2026']]);
  });
});

describe('the 18th birthday', () => {
  const turns18 = (incidents: SourceIncident[]) => lookedAfter(incidents, { children: [child({ dateOfBirth: '2005-09-15' })] });

  it('closes an episode still open that day, ends care that day with reason E8, and passes every rule', () => {
    const result = extract(turns18([incident('2023-09-10T20:00:00Z', null)]), 2024);
    expect(result.tables.missing.map((m) => [m.MIS_START, m.MIS_END])).toEqual([['10/09/2023', '15/09/2023']]);
    expect(result.tables.episodes.map((e) => [e.DECOM, e.RNE, e.DEC, e.REC])).toEqual([['01/01/2020', 'S', '15/09/2023', 'E8']]);
    expect(runSsda903Rules({ tables: result.tables, missingLast: [], collection: collectionYear(2024) })).toEqual([]);
  });

  it('closes the episode on the birthday even if the young person was found later, and leaves out episodes from 18 on', () => {
    const result = extract(turns18([incident('2023-09-10T20:00:00Z', '2023-09-20T10:00:00Z'), incident('2023-10-01T20:00:00Z', '2023-10-02T10:00:00Z')]), 2024);
    expect(result.tables.missing.map((m) => [m.MIS_START, m.MIS_END])).toEqual([['10/09/2023', '15/09/2023']]);
  });

  it('does not close an episode before the birthday has come', () => {
    const result = extract(turns18([incident('2023-03-10T20:00:00Z', null)]), 2023);
    expect(result.tables.missing.map((m) => m.MIS_END)).toEqual(['']);
    // Found before 18: care goes on, no E8.
    const found = extract(turns18([incident('2023-09-10T20:00:00Z', '2023-09-12T10:00:00Z')]), 2024);
    expect(found.tables.episodes.map((e) => [e.DEC, e.REC])).toEqual([['15/09/2023', '']]);
  });
});

describe('whose episodes', () => {
  it('counts only children looked after by this authority, never other authorities’ children placed here', () => {
    const source: ExportSource = {
      children: [child(), child({ id: 'k2', laChildId: 'C2' }), child({ id: 'k3', laChildId: 'C3' })],
      ownCarePeriods: [care('2023-07-01T00:00:00Z')],
      incidents: [
        incident('2023-05-01T10:00:00Z', '2023-05-01T20:00:00Z', { classification: 'home' }), // before care
        incident('2023-08-01T10:00:00Z', '2023-08-01T20:00:00Z', { classification: 'home' }), // classified before care was recorded
        incident('2023-09-01T10:00:00Z', '2023-09-01T20:00:00Z', { childId: 'k2', classification: 'ola_care' }),
        incident('2023-09-01T10:00:00Z', '2023-09-01T20:00:00Z', { childId: 'k3', classification: 'home' }),
      ],
    };
    const { tables } = extract(source, 2024);
    expect(tables.missing.map((m) => [m.CHILD, m.MIS_START])).toEqual([['C1', '01/08/2023']]);
    expect(tables.header.map((h) => [h.CHILD, h.SEX, h.DOB])).toEqual([['C1', '2', '01/06/2009']]);
  });

  it('lets the rules catch an incident classified as from this authority’s care with no care period recorded', () => {
    const source: ExportSource = { children: [child()], ownCarePeriods: [], incidents: [incident('2023-09-01T10:00:00Z', '2023-09-02T10:00:00Z')] };
    const { tables } = extract(source, 2024);
    expect(runSsda903Rules({ tables, missingLast: [], collection: collectionYear(2024) }).map((f) => f.rule)).toEqual(['INT04']);
  });

  it('refuses a child with no local authority child id', () => {
    const result = extract(lookedAfter([incident('2023-09-01T10:00:00Z', null)], { children: [child({ laChildId: null })] }), 2024);
    expect(result.problems).toEqual([expect.objectContaining({ rule: 'CHILD', table: 'Header', row: 2, child: '' })]);
    expect(result.problems[0]?.message).toContain('Homeward child k1 has no local authority child id');
  });
});

describe('episodes of care and the missing type', () => {
  it('writes a period of care as its episodes: S then P, X1 between them, the last open at the year end', () => {
    const source = lookedAfter([], { ownCarePeriods: [care('2022-01-10T00:00:00Z', '2023-06-01T23:00:00Z'), care('2023-06-01T23:00:00Z', '2024-05-01T23:00:00Z')] });
    expect(extract(source, 2024).tables.episodes.map((e) => [e.DECOM, e.RNE, e.DEC, e.REC])).toEqual([['10/01/2022', 'S', '02/06/2023', 'X1'], ['02/06/2023', 'P', '', '']]);
  });

  it('reports "no apparent risk" throughout as the authority chooses, and any risk grading as missing', () => {
    const absent = { riskGrade: 'no apparent risk', initialRiskGrade: 'no apparent risk' };
    const source = lookedAfter([
      incident('2023-05-01T10:00:00Z', '2023-05-01T12:00:00Z', absent),
      incident('2023-06-01T10:00:00Z', '2023-06-01T12:00:00Z', { ...absent, riskGrade: 'low' }),
      incident('2023-07-01T10:00:00Z', '2023-07-01T12:00:00Z', { riskGrade: 'very low', initialRiskGrade: 'very low' }),
    ]);
    expect(extract(source, 2024).tables.missing.map((m) => m.MISSING)).toEqual(['A', 'M', 'M']);
    expect(extract(source, 2024, '2026-11-21', 'M').tables.missing.map((m) => m.MISSING)).toEqual(['M', 'M', 'M']);
  });
});

describe('last year’s submitted Missing table (--previous)', () => {
  it('is read by its exact columns, and checked against by rule 576', () => {
    const last = readMissingTable('\ufeffCHILD,DOB,MISSING,MIS_START,MIS_END\r\nC1,01/06/2009,M,14/03/2023,\r\n');
    expect(last).toEqual([{ CHILD: 'C1', DOB: '01/06/2009', MISSING: 'M', MIS_START: '14/03/2023', MIS_END: '' }]);
    const { tables } = extract(lookedAfter([incident('2023-03-15T09:00:00Z', null)]), 2024);
    expect(runSsda903Rules({ tables, missingLast: last, collection: collectionYear(2024) }).map((f) => f.rule)).toEqual(['576']);
  });

  it('is refused when its columns are not the Missing table’s', () => {
    expect(() => readMissingTable('CHILD,DOB,MISSING,MIS_START\r\n')).toThrow('must have the columns CHILD,DOB,MISSING,MIS_START,MIS_END');
  });
});
