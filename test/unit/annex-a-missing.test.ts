/** Ofsted Annex A List 8: the missing columns, exactly as headed, counted over the twelve months. */
import { describe, expect, it } from 'vitest';
import { ANNEX_A_MISSING_COLUMNS, annexAList8Missing, annexAYesNo } from '../../src/modules/exports/annex-a.ts';
import { toCsv } from '../../src/modules/exports/csv.ts';
import { twelveMonthsTo } from '../../src/modules/exports/dates.ts';
import type { ExportSource, SourceIncident } from '../../src/modules/exports/source.ts';

let n = 0;
const incident = (lastSeen: string, over: Partial<SourceIncident> = {}): SourceIncident => ({
  id: `i${++n}`, childId: 'k1', lastSeenAt: new Date(lastSeen), foundAt: new Date(new Date(lastSeen).getTime() + 3_600_000),
  riskGrade: 'medium', initialRiskGrade: 'medium', classification: 'own_care', rhi: null, ...over,
});
const absent = { riskGrade: 'no apparent risk', initialRiskGrade: 'no apparent risk' };
const window = twelveMonthsTo('2024-03-31');
const setting = { noApparentRiskAs: 'A' as const };

function source(incidents: SourceIncident[]): ExportSource {
  return {
    children: [
      { id: 'k1', laChildId: 'C1', dateOfBirth: '2009-01-01', sex: 'male' },
      { id: 'k2', laChildId: 'C2', dateOfBirth: '2010-01-01', sex: null },
      { id: 'k3', laChildId: 'C3', dateOfBirth: '2010-01-01', sex: 'female' },
      { id: 'k4', laChildId: 'C4', dateOfBirth: '2005-03-01', sex: 'female' },
    ],
    ownCarePeriods: [
      { childId: 'k1', startsAt: new Date('2021-01-01T00:00:00Z'), endsAt: null },
      { childId: 'k2', startsAt: new Date('2022-01-01T00:00:00Z'), endsAt: new Date('2023-05-01T00:00:00Z') },
      // 18 on 1 March 2023, before the twelve months, though the care period was never closed.
      { childId: 'k4', startsAt: new Date('2020-01-01T00:00:00Z'), endsAt: null },
    ],
    incidents,
  };
}

describe('Annex A List 8 missing columns', () => {
  it('are headed exactly as the List 8 template', () => {
    expect(toCsv(ANNEX_A_MISSING_COLUMNS, []).trimEnd()).toBe(
      'Child Unique ID,Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months,'
      + 'Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months,'
      + 'Was the child offered a Return Interview after their last missing episode (Y/N)?,'
      + 'Did the child accept a Return Interview after their last missing episode (Y/N)?',
    );
  });

  it('cover the twelve months to the date asked for', () => {
    expect(twelveMonthsTo('2024-03-31')).toEqual({ start: '2023-04-01', end: '2024-03-31' });
    expect(twelveMonthsTo('2024-02-29')).toEqual({ start: '2023-03-01', end: '2024-02-29' });
  });

  it('list every child in care in the twelve months, counting missing and absent episodes that started in them', () => {
    const rows = annexAList8Missing(source([
      incident('2023-03-31T22:30:00Z'), // 23:30 BST on 31 March 2023: before the twelve months
      incident('2023-05-10T10:00:00Z'),
      incident('2023-08-10T10:00:00Z', absent),
      incident('2023-11-10T10:00:00Z'),
      incident('2023-12-10T10:00:00Z', { childId: 'k3', classification: 'ola_care' }),
    ]), { window, missingType: setting });
    expect(rows.map((r) => Object.values(r))).toEqual([
      ['C1', '2', '1', 'c) Unknown', 'c) Unknown'],
      ['C2', '0', '0', '', ''],
    ]);
  });

  it('describe the return interview after the last missing episode, a closed one before one still open', () => {
    const rows = annexAList8Missing(source([
      incident('2023-06-01T10:00:00Z', { rhi: { outcome: 'declined', offeredAt: new Date('2023-06-02T10:00:00Z') } }),
      incident('2023-09-01T10:00:00Z', { rhi: { outcome: 'completed', offeredAt: new Date('2023-09-02T10:00:00Z') } }),
      incident('2024-01-01T10:00:00Z', { ...absent, rhi: { outcome: 'not_attempted', offeredAt: null } }),
      incident('2024-03-01T10:00:00Z', { foundAt: null }),
    ]), { window, missingType: setting });
    expect(Object.values(rows[0] ?? {})).toEqual(['C1', '3', '1', 'a) Yes', 'a) Yes']);
  });

  it('map the SSD values to the Annex A list', () => {
    expect(['Y', 'N', 'NA', null].map((v) => annexAYesNo(v as 'Y' | 'N' | 'NA' | null))).toEqual(['a) Yes', 'b) No', 'c) Unknown', 'c) Unknown']);
  });
});
