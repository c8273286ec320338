/** The committee report's rows and charts from computed measures (pure). */
import { describe, expect, it } from 'vitest';
import { committeeOf, committeeSettings, emptyCounts } from '../../src/modules/reports/committee-measures.ts';
import { committeeMeasures, committeeRows, timelinessChart } from '../../src/modules/reports/committee-report.ts';

const METRICS_KEYS = [
  'notifications', 'notification_individuals', 'episodes_female_pct', 'episodes_male_pct', 'individuals_home_pct',
  'individuals_own_care_pct', 'individuals_ola_pct', 'peak_age', 'peak_age_range', 'rhi_completed_pct_home',
  'rhi_completed_pct_looked_after', 'rhi_offered_within_72h_pct', 'rhi_completed_within_72h_pct', 'rhi_declined_pct',
  'rhi_advice_pct', 'rhi_not_attempted_pct', 'meetings_requested', 'meetings_completed', 'meetings_completed_pct',
  'notified_within_24h_pct_missing', 'notified_within_72h_pct_missing', 'notified_within_24h_pct_absent',
  'notified_within_72h_pct_absent',
];

function sample() {
  const c = emptyCounts();
  // Home: 2 ended, 1 offered in time, none completed in time. Looked after: none ended.
  c.ended.home = { ended: 2, completed: 1, offeredInTime: 1, completedInTime: 0, declined: 0, advice: 0, notAttempted: 0 };
  c.notified = { notifications: 3, individuals: 2 };
  c.factors.set('peers', 1);
  return committeeOf(c);
}

describe('committee report rows', () => {
  it('has a row for every committee key in metrics.md, then one per factor and per risk', () => {
    const rows = committeeRows(committeeSettings({}), [{ key: 'p', committee: sample() }]);
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(METRICS_KEYS));
    // 23 metrics keys + 3 bases (incidents, individuals, incidents ended) + 12 factors + 10 risks.
    expect(rows).toHaveLength(23 + 3 + 12 + 10);
    expect(rows.find((r) => r.key === 'factor_peers')?.values).toEqual({ p: 1 });
    expect(rows.find((r) => r.key === 'risk_trafficking')?.values).toEqual({ p: 0 });
    expect(rows.find((r) => r.key === 'notifications')?.values).toEqual({ p: 3 });
    expect(rows.find((r) => r.key === 'rhi_completed_pct_looked_after')?.values).toEqual({ p: null });
  });

  it('gives a value for each column', () => {
    const rows = committeeRows(committeeSettings({}), [{ key: 'a', committee: sample() }, { key: 'b', committee: committeeOf(emptyCounts()) }]);
    expect(rows.find((r) => r.key === 'notification_individuals')?.values).toEqual({ a: 2, b: 0 });
  });

  it('names the window the authority chose in the labels, keeping the metrics.md keys', () => {
    const labels = Object.fromEntries(committeeMeasures(committeeSettings({ rhiClocks: { offerHours: 48, completeHours: 120 } })).map((m) => [m.key, m.label]));
    expect(labels.rhi_offered_within_72h_pct).toBe('Return interviews offered within 48 hours of return (%)');
    expect(labels.rhi_completed_within_72h_pct).toBe('Return interviews completed within 120 hours of return (%)');
  });
});

describe('committee timeliness chart', () => {
  it('draws offered and completed in time for home and looked after, leaving out a group with nothing ended', () => {
    const chart = timelinessChart(sample(), committeeSettings({}));
    // Home: 1 of 2 offered in time = 50, 0 of 2 completed = 0. Looked after: no incidents ended, so no bars.
    expect(chart.data).toEqual([
      { series: 'Offered within 72 hours', category: 'Missing from home', value: 50 },
      { series: 'Completed within 72 hours', category: 'Missing from home', value: 0 },
    ]);
    expect(chart.kind).toBe('grouped-bar');
  });
});
