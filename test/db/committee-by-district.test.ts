/**
 * The committee measures by district, and the committee report built from them, on the fixture authority
 * (test/fixtures/reports-committee.ts). Every expected figure is worked out by hand beside it.
 */
import { beforeAll, expect, it } from 'vitest';
import { parsePeriod } from '../../src/modules/reports/framework.ts';
import { computeCommittee, computeCommitteeByDistrict } from '../../src/modules/reports/committee.ts';
import type { CommitteeMeasures } from '../../src/modules/reports/committee-measures.ts';
import { reportDefinition } from '../../src/modules/reports/registry.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXTURE_AUTHORITY, loadCommitteeFixture } from '../fixtures/reports-committee.ts';
import { expectMeasures } from '../fixtures/reports-expect.ts';

const FY = parsePeriod('2024/25');
const options = { authorityCode: FIXTURE_AUTHORITY, start: FY.start, end: FY.end, settings: {} };

// Northfield, FY 2024/25. Started: I01 I04 I07 I08 I09 I10 = 6 (girls I01 I04 I07 I08 I10 = 5, boy I09); children C1,
// C4, C2 = 3 (home C1; own care C4, C2). Ages 14 14 14 17 17 17: mode tied, older wins → 17; 60% of 6 = 3.6 → 4:
// no 1-3 year range holds 4 (14-16 and 15-17 hold 3) → 14-17. Notified: I00 I01 I04 I07 I08 I09 = 6 (I10 next
// year); children C1 C4 C2 = 3. Ended: I00 I01 I07 I08 (home), I04 I09 (looked after) = 6; completed home I00 I01
// I08 = 3 of 4, looked after I09 = 1 of 2; offered ≤ 72 h I00 I08 I09 = 3 of 6; completed ≤ 72 h I00 I08 = 2 of 6;
// not attempted I04 = 1 of 6. Meetings: M0 (I04), M1 (I08, nearest its date of I01 I07 I08), M2 (dated by I09 in N,
// though also linked to I02 in S) = 3 requested; held in the year M1 = 1; 1 of 3 held. Timeliness: all 6 missing,
// within 24 h all but I04 = 5 of 6, within 72 h 6 of 6; no absent incidents.
const NORTHFIELD: CommitteeMeasures = {
  notifications: 6, notification_individuals: 3, incidents: 6, individuals: 3,
  episodes_female_pct: (100 * 5) / 6, episodes_male_pct: 100 / 6,
  individuals_home_pct: 100 / 3, individuals_own_care_pct: 200 / 3, individuals_ola_pct: 0,
  peak_age: 17, peak_age_range: '14-17', incidents_ended: 6,
  rhi_completed_pct_home: 75, rhi_completed_pct_looked_after: 50, rhi_offered_within_72h_pct: 50, rhi_completed_within_72h_pct: 100 / 3,
  rhi_declined_pct: 0, rhi_advice_pct: 0, rhi_not_attempted_pct: 100 / 6,
  meetings_requested: 3, meetings_completed: 1, meetings_completed_pct: 100 / 3,
  notified_within_24h_pct_missing: (100 * 5) / 6, notified_within_72h_pct_missing: 100,
  notified_within_24h_pct_absent: null, notified_within_72h_pct_absent: null,
};

// Southmoor. Started: I02 (C2, home, 16), I05 (C5, OLA, 12), I12 (C5, OLA, 13) = 3, all boys; children C2, C5 = 2
// (home 1, OLA 1). Ages 12 13 16, one each: the oldest, 16; 60% of 3 = 1.8 → 2: 12-13. Notified I02 I05 I12 = 3,
// children 2. Ended: I02 (home, declined, offered 24 h), I05 (OLA, unable to contact, offered 48 h), I12 (OLA, no
// outcome yet, offered 5 h) = 3: none completed, all 3 offered in time, declined 1 of 3. Meetings: M3 requested
// and held. Timeliness: all 3 absent, I02 and I12 within 24 h (and 72 h), I05 at 72 h + 1 s in neither.
const SOUTHMOOR: CommitteeMeasures = {
  notifications: 3, notification_individuals: 2, incidents: 3, individuals: 2,
  episodes_female_pct: 0, episodes_male_pct: 100,
  individuals_home_pct: 50, individuals_own_care_pct: 0, individuals_ola_pct: 50,
  peak_age: 16, peak_age_range: '12-13', incidents_ended: 3,
  rhi_completed_pct_home: 0, rhi_completed_pct_looked_after: 0, rhi_offered_within_72h_pct: 100, rhi_completed_within_72h_pct: 0,
  rhi_declined_pct: 100 / 3, rhi_advice_pct: 0, rhi_not_attempted_pct: 0,
  meetings_requested: 1, meetings_completed: 1, meetings_completed_pct: 100,
  notified_within_24h_pct_missing: null, notified_within_72h_pct_missing: null,
  notified_within_24h_pct_absent: 200 / 3, notified_within_72h_pct_absent: 200 / 3,
};

// No district recorded: I03 (C3, sex not stated, home, 14; first graded low, notified 24 h + 1 s after the report;
// found the same day, advice given, offered at 10 h). M4 (dated by I03) requested; its "held" was cancelled.
const UNKNOWN: CommitteeMeasures = {
  notifications: 1, notification_individuals: 1, incidents: 1, individuals: 1,
  episodes_female_pct: 0, episodes_male_pct: 0,
  individuals_home_pct: 100, individuals_own_care_pct: 0, individuals_ola_pct: 0,
  peak_age: 14, peak_age_range: '14-14', incidents_ended: 1,
  rhi_completed_pct_home: 0, rhi_completed_pct_looked_after: null, rhi_offered_within_72h_pct: 100, rhi_completed_within_72h_pct: 0,
  rhi_declined_pct: 0, rhi_advice_pct: 100, rhi_not_attempted_pct: 0,
  meetings_requested: 1, meetings_completed: 0, meetings_completed_pct: 0,
  notified_within_24h_pct_missing: 0, notified_within_72h_pct_missing: 100,
  notified_within_24h_pct_absent: null, notified_within_72h_pct_absent: null,
};

describeEachDatabase('committee measures by district', (use) => {
  beforeAll(async () => {
    await loadCommitteeFixture(use());
  });

  it('counts each district, the incidents with no district, and the authority total', async () => {
    const result = await use().read((q) => computeCommitteeByDistrict(q, options));
    expect(result.districts.map((d) => d.label)).toEqual(['Northfield', 'Southmoor', 'Unknown district']);
    const [north, south, unknown] = result.districts.map((d) => d.committee.measures);
    if (!north || !south || !unknown) throw new Error('three columns expected');
    expectMeasures(north, NORTHFIELD, 'Northfield');
    expectMeasures(south, SOUTHMOOR, 'Southmoor');
    expectMeasures(unknown, UNKNOWN, 'Unknown district');
    // C2 went missing in both Northfield (I09) and Southmoor (I02): 3 + 2 + 1 children by district, 5 in all.
    expect(result.total.measures.individuals).toBe(5);
    expect(result.total.measures.incidents).toBe(6 + 3 + 1);
    // The total column is the authority's figures for the period, exactly.
    const whole = await use().read((q) => computeCommittee(q, options));
    expect(result.total).toEqual({ measures: whole.measures, factors: whole.factors, risks: whole.risks, rhiTimeliness: whole.rhiTimeliness });
  });

  it('counts reasons and risks in the district of the incident', async () => {
    const result = await use().read((q) => computeCommitteeByDistrict(q, options));
    const counted = (list: { code: string; count: number }[]) => Object.fromEntries(list.filter((x) => x.count > 0).map((x) => [x.code, x.count]));
    const [north, south, unknown] = result.districts.map((d) => d.committee);
    // Northfield: I00 boundaries + family conflict, I01 boundaries and sexual exploitation. Southmoor: I12.
    expect([counted(north?.factors ?? []), counted(north?.risks ?? [])]).toEqual([{ boundaries: 2, family_conflict: 1 }, { sexual_exploitation: 1 }]);
    expect([counted(south?.factors ?? []), counted(south?.risks ?? [])]).toEqual([{ peers: 1 }, { criminal_exploitation: 1, offending: 1 }]);
    expect([counted(unknown?.factors ?? []), counted(unknown?.risks ?? [])]).toEqual([{}, {}]);
  });

  it('builds the committee report: the period, the districts beside the total, the settings used, two charts', async () => {
    const definition = reportDefinition('committee');
    if (!definition) throw new Error('the committee report is not registered');
    expect(definition.quarters).toBe(true);
    const report = await use().read((q) => definition.build(q, {
      authorityCode: FIXTURE_AUTHORITY, authorityName: 'Fixture Borough Council', period: parsePeriod('2024/25', 'Q1'), now: new Date('2025-06-01T09:00:00Z'), settings: {},
    }));
    const [single, byDistrict] = report.tables;
    expect(single?.columns).toEqual([{ key: '2024/25 Q1', label: '2024/25 Q1 (April to June 2024)' }]);
    expect(byDistrict?.columns.map((c) => c.label)).toEqual(['Northfield', 'Southmoor', 'Unknown district', 'Total']);
    const row = (key: string) => single?.rows.find((r) => r.key === key)?.values['2024/25 Q1'];
    // Q1 (hand-worked in committee-measures.test.ts): 4 notifications, 20% declined, 14-16, boundaries twice.
    expect([row('notifications'), row('rhi_declined_pct'), row('peak_age_range'), row('factor_boundaries'), row('risk_trafficking')]).toEqual([4, 20, '14-16', 2, 0]);
    // By district in Q1: Northfield I01 I04, Southmoor I02, unknown I03.
    expect(byDistrict?.rows.find((r) => r.key === 'incidents')?.values).toEqual({ [byDistrict?.columns[0]?.key ?? '']: 2, [byDistrict?.columns[1]?.key ?? '']: 1, unknown: 1, total: 4 });
    expect(report.settings['Return interview offered within']).toBe('72 hours of return');
    expect(report.settings['Repeat missing meeting threshold']).toBe('more than 3 incidents in 90 days');
    // Q1 timeliness: home I00 I01 I02 I03 — offered in time I00 I02 I03 (75%), completed in time I00 (25%); looked
    // after I04 — neither (0%).
    const timeliness = report.charts.find((c) => c.id === 'committee-rhi-timeliness');
    expect(timeliness?.data).toEqual([
      { series: 'Offered within 72 hours', category: 'Missing from home', value: 75 },
      { series: 'Completed within 72 hours', category: 'Missing from home', value: 25 },
      { series: 'Offered within 72 hours', category: 'Looked after', value: 0 },
      { series: 'Completed within 72 hours', category: 'Looked after', value: 0 },
    ]);
    expect(report.charts.find((c) => c.id === 'committee-incidents-by-district')?.data.map((d) => [d.category, d.value])).toEqual([['Northfield', 2], ['Southmoor', 1], ['Unknown district', 1]]);
  });
});
