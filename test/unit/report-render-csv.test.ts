/** The CSV output: one RFC 4180 file, a title line and a header row per table, a blank line between tables. */
import { expect, it } from 'vitest';
import { toCsv } from '../../src/modules/reports/render/csv.ts';
import { suppressReport } from '../../src/modules/reports/suppression.ts';
import { sampleReport } from '../fixtures/reports.ts';

it('writes every table with plain numbers, percentages to one decimal place and quoted text where needed', () => {
  expect(toCsv(sampleReport())).toBe([
    '"Measures, 2023/24 Q1"',
    'key,measure,2023/24 Q1',
    'incidents,Incidents,1234',
    'home,From home,1231',
    'care,From care,3',
    'episodes_female_pct,Incidents relating to girls (%),12.3',
    'rhi_completed_within_72h_pct,"Completed within 72 hours, ""in time"" (%)",66.7',
    'ratio_male_female,Ratio males to females,49:50',
    'peak_age,Peak age,15',
    'peak_age_range,Peak age range,',
    '',
    '"By district, 2023/24 Q1"',
    'key,measure,Ashfield,"Gedling, north"',
    'incidents,Incidents,700,534',
    '',
  ].join('\r\n'));
});

it('writes the marks of a published report in place of the hidden counts', () => {
  const lines = toCsv(suppressReport(sampleReport(), 5)).split('\r\n');
  expect(lines.slice(2, 5)).toEqual(['incidents,Incidents,1234', 'home,From home,[c]', 'care,From care,<5']);
});
