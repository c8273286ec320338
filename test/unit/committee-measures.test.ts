/** The committee measures from their counts (pure), and the settings they state. Figures worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  committeeOf, committeeSettings, describeCommitteeSettings, emptyCounts, pct, type ColumnCounts,
} from '../../src/modules/reports/committee-measures.ts';

function counts(): ColumnCounts {
  const c = emptyCounts();
  // 8 incidents of 5 children: 3 girls' incidents, 4 boys', 1 with sex not stated; 3 children from home, 2 from
  // own care, 1 other authority's (one child in two groups).
  Object.assign(c.started, {
    incidents: 8, individuals: 5, female: 3, male: 4, homeIndividuals: 3, ownCareIndividuals: 2, olaIndividuals: 1,
    missing: 6, missingWithin24h: 3, missingWithin72h: 5, absent: 2, absentWithin24h: 0, absentWithin72h: 1,
    // Ages: 13 ×2, 15 ×3, 16 ×3.
    ages: new Map([[13, 2], [15, 3], [16, 3]]),
  });
  c.notified = { notifications: 9, individuals: 4 };
  c.ended.home = { ended: 4, completed: 3, offeredInTime: 2, completedInTime: 1, declined: 1, advice: 0, notAttempted: 0 };
  c.ended.lookedAfter = { ended: 4, completed: 1, offeredInTime: 2, completedInTime: 1, declined: 0, advice: 2, notAttempted: 1 };
  c.meetings = { requested: 4, requestedHeld: 3, held: 5 };
  c.factors.set('school', 2);
  c.risks.set('offending', 1);
  return c;
}

describe('committee measures from counts', () => {
  it('turns counts into unrounded percentages of their own bases', () => {
    const m = committeeOf(counts()).measures;
    // Girls 3 of 8 = 37.5, boys 4 of 8 = 50 (the unknown incident is in the base).
    expect([m.episodes_female_pct, m.episodes_male_pct]).toEqual([37.5, 50]);
    // Of 5 children: home 3 = 60, own care 2 = 40, other authorities' 1 = 20 (120 in all: one child in two groups).
    expect([m.individuals_home_pct, m.individuals_own_care_pct, m.individuals_ola_pct]).toEqual([60, 40, 20]);
    // Ended 4 + 4 = 8. Completed home 3 of 4 = 75, looked after 1 of 4 = 25. Offered in time 2 + 2 = 4 of 8 = 50;
    // completed in time 1 + 1 = 2 of 8 = 25; declined 1 of 8 = 12.5; advice 2 of 8 = 25; not attempted 1 of 8 = 12.5.
    expect(m.incidents_ended).toBe(8);
    expect([m.rhi_completed_pct_home, m.rhi_completed_pct_looked_after, m.rhi_offered_within_72h_pct, m.rhi_completed_within_72h_pct]).toEqual([75, 25, 50, 25]);
    expect([m.rhi_declined_pct, m.rhi_advice_pct, m.rhi_not_attempted_pct]).toEqual([12.5, 25, 12.5]);
    // Missing 3 of 6 = 50 within 24 h, 5 of 6 within 72 h; absent 0 of 2 = 0, 1 of 2 = 50.
    expect(m.notified_within_24h_pct_missing).toBe(50);
    expect(m.notified_within_72h_pct_missing).toBeCloseTo(83.333333333, 8);
    expect([m.notified_within_24h_pct_absent, m.notified_within_72h_pct_absent]).toEqual([0, 50]);
  });

  it('gives the meetings completed % as a cohort rate, not completed over requested', () => {
    const m = committeeOf(counts()).measures;
    // 4 requested in the period, 3 of them held since; 5 held in the period (some requested earlier): 75%, not 125%.
    expect([m.meetings_requested, m.meetings_completed, m.meetings_completed_pct]).toEqual([4, 5, 75]);
  });

  it('finds the peak age and range from the ages of the incidents', () => {
    // 15 and 16 both have 3: the older, 16. 60% of 8 = 4.8 → 5: no single age; 15-16 holds 6, 13-14 holds 2 → 15-16.
    const m = committeeOf(counts()).measures;
    expect([m.peak_age, m.peak_age_range]).toEqual([16, '15-16']);
    // With an 80% share: 6.4 → 7: 13-15 holds 5, 14-16 holds 6, 13-16 holds 8 → 13-16.
    expect(committeeOf(counts(), 0.8).measures.peak_age_range).toBe('13-16');
  });

  it('leaves a percentage empty when its base is nothing, and counts as zero', () => {
    const m = committeeOf(emptyCounts()).measures;
    expect([m.notifications, m.incidents, m.meetings_requested, m.incidents_ended]).toEqual([0, 0, 0, 0]);
    expect([m.episodes_female_pct, m.rhi_completed_pct_home, m.meetings_completed_pct, m.notified_within_24h_pct_absent, m.peak_age, m.peak_age_range]).toEqual([null, null, null, null, null, null]);
    expect([pct(0, 3), pct(1, 0)]).toEqual([0, null]);
  });

  it('lists every factor and risk code, in the order of the code lists, zero where none was recorded', () => {
    const c = committeeOf(counts());
    expect(c.factors[0]).toEqual({ code: 'boundaries', label: 'Boundaries and rules at home or in placement', count: 0 });
    expect(c.factors.find((f) => f.code === 'school')?.count).toBe(2);
    expect(c.risks.filter((r) => r.count > 0).map((r) => r.code)).toEqual(['offending']);
    // Home: offered 2 of 4 = 50, completed 1 of 4 = 25; looked after the same.
    expect(c.rhiTimeliness).toEqual({ home: { offered: 50, completed: 25 }, lookedAfter: { offered: 50, completed: 25 } });
  });
});

describe('committee settings', () => {
  it('defaults to 72 hours, more than 3 incidents in 90 days and 60%', () => {
    const s = committeeSettings({});
    expect(s).toEqual({ rhi: { offerHours: 72, completeHours: 72 }, rule: { incidents: 4, days: 90 }, peakAgeShare: 0.6 });
    expect(describeCommitteeSettings(s)).toEqual({
      'Return interview offered within': '72 hours of return',
      'Return interview completed within': '72 hours of return',
      'Repeat missing meeting threshold': 'more than 3 incidents in 90 days',
      'Peak age range share': '60% of incidents',
    });
  });

  it("takes the authority's windows and threshold, ignoring windows that are not positive numbers like the worklist does", () => {
    const s = committeeSettings({ rhiClocks: { offerHours: 24, completeHours: '96' }, repeatMissing: { incidents: 3, days: 30 } });
    expect(s.rhi).toEqual({ offerHours: 24, completeHours: 72 });
    expect(describeCommitteeSettings(s)['Repeat missing meeting threshold']).toBe('more than 2 incidents in 30 days');
    expect(committeeSettings({ rhiClocks: { offerHours: 0, completeHours: 1 } }).rhi).toEqual({ offerHours: 72, completeHours: 1 });
    expect(describeCommitteeSettings(committeeSettings({ rhiClocks: { completeHours: 1 } }))['Return interview completed within']).toBe('1 hour of return');
  });

  it('refuses a malformed meeting threshold rather than report by another rule', () => {
    expect(() => committeeSettings({ repeatMissing: { incidents: 1, days: 90 } })).toThrow(RangeError);
  });
});
