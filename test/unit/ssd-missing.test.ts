/** The Standard Safeguarding Dataset's ssd_missing: its columns, UK local times, types and RHI values. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/modules/exports/csv.ts';
import type { ExportSource, SourceIncident } from '../../src/modules/exports/source.ts';
import { SSD_MISSING_COLUMNS, ssdDateTime, ssdMissingRows } from '../../src/modules/exports/ssd-missing.ts';

const incident = (id: string, lastSeen: string, over: Partial<SourceIncident> = {}): SourceIncident => ({
  id, childId: 'k1', lastSeenAt: new Date(lastSeen), foundAt: null, riskGrade: 'high', initialRiskGrade: 'high', classification: 'home', rhi: null, ...over,
});

const source = (incidents: SourceIncident[]): ExportSource => ({
  children: [{ id: 'k1', laChildId: 'C1', dateOfBirth: '2010-01-01', sex: 'male' }, { id: 'k2', laChildId: null, dateOfBirth: '2011-01-01', sex: 'female' }],
  ownCarePeriods: [],
  incidents,
});

describe('ssd_missing', () => {
  it('has the SSD column names in order', () => {
    expect(toCsv(SSD_MISSING_COLUMNS, [])).toBe(
      'miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted\r\n',
    );
  });

  it('writes DATETIMEs in UK local time, summer time included', () => {
    expect(ssdDateTime(new Date('2024-07-01T08:05:09Z'))).toBe('2024-07-01 09:05:09');
    expect(ssdDateTime(new Date('2024-01-15T23:30:00.250Z'))).toBe('2024-01-15 23:30:00');
    expect(ssdDateTime(null)).toBe('');
  });

  it('has one row per episode of this authority’s children, from home or care, with the return interview values', () => {
    const rows = ssdMissingRows(source([
      incident('a', '2024-05-01T10:00:00Z', { foundAt: new Date('2024-05-02T10:00:00Z'), rhi: { outcome: 'completed', offeredAt: new Date('2024-05-03T10:00:00Z') } }),
      incident('b', '2024-06-01T10:00:00Z', { classification: 'own_care', riskGrade: 'no apparent risk', initialRiskGrade: 'no apparent risk', foundAt: new Date('2024-06-01T12:00:00Z'), rhi: { outcome: 'not_attempted', offeredAt: null } }),
      incident('c', '2024-07-01T10:00:00Z', { classification: 'ola_care' }),
      incident('d', '2024-08-01T10:00:00Z', { childId: 'k2' }),
    ]), { noApparentRiskAs: 'A' });
    expect(rows.map((r) => SSD_MISSING_COLUMNS.map((c) => r[c]))).toEqual([
      ['a', 'C1', '2024-05-01 11:00:00', 'M', '2024-05-02 11:00:00', 'Y', 'Y'],
      ['b', 'C1', '2024-06-01 11:00:00', 'A', '2024-06-01 13:00:00', 'N', 'NA'],
      ['d', 'k2', '2024-08-01 11:00:00', 'M', '', '', ''],
    ]);
  });
});
