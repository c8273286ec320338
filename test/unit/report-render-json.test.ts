/** The JSON output: the shape the API and `homeward report --format json` give, keys from metrics.md, rounding. */
import { describe, expect, it } from 'vitest';
import { toJson, toJsonText } from '../../src/modules/reports/render/json.ts';
import { operationalReport, suppressReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport } from '../fixtures/reports.ts';

describe('toJson', () => {
  it('gives the report, authority, period, settings and each table with rows keyed as in metrics.md', () => {
    const json = toJson(operationalReport(sampleReport()));
    expect(json).toMatchObject({
      report: 'committee',
      title: 'Committee measures',
      authority: { code: '891', name: 'Demo County Council' },
      // Q1 of 2023/24 in UK time: BST, so an hour before midnight UTC.
      period: { fy: '2023/24', quarter: 1, start: '2023-03-31T23:00:00.000Z', end: '2023-06-30T23:00:00.000Z', label: '2023/24 Q1 (April to June 2023)' },
      generatedAt: '2024-07-02T09:30:00.000Z',
      suppressed: false,
    });
    expect(json.settings['Small-number suppression']).toContain('not for publication');
    expect(json.tables.map((t) => t.id)).toEqual(['measures', 'by-district']);
    expect(json.tables[1]).toMatchObject({ columns: [{ key: 'ashfield', label: 'Ashfield' }, { key: 'gedling', label: 'Gedling, north' }], rows: [{ key: 'incidents', values: { ashfield: 700, gedling: 534 } }] });
  });

  it('gives counts as numbers, percentages to one decimal place (half up), ratios as text and an empty value as null', () => {
    const values = Object.fromEntries(toJson(sampleReport()).tables[0]?.rows.map((r) => [r.key, r.values.q1]) ?? []);
    expect(values).toEqual({
      incidents: 1234, home: 1231, care: 3, episodes_female_pct: 12.3, rhi_completed_within_72h_pct: 66.7,
      ratio_male_female: '49:50', peak_age: 15, peak_age_range: null,
    });
  });

  it('published: small counts as "<5", the count they could be worked out from as "[c]", and says it is suppressed', () => {
    const json = toJson(suppressReport(sampleReport(), 5));
    const values = Object.fromEntries(json.tables[0]?.rows.map((r) => [r.key, r.values.q1]) ?? []);
    expect(values).toMatchObject({ incidents: 1234, home: '[c]', care: '<5', episodes_female_pct: 12.3 });
    expect(json.suppressed).toBe(true);
    expect(json.tables[0]?.notes.at(-1)).toContain('shown as <5');
  });

  it('is printed as indented JSON ending in a new line', () => {
    const text = toJsonText(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toJson(sampleReport()));
  });
});
