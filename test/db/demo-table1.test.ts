/**
 * The demo partnership, loaded through the real services, reproduces seed 004 Appendix 1 Table 1: every cell
 * within 2%, computed from the records by the Table 1 query.
 */
import { expect, it } from 'vitest';
import { loadDemo } from '../../src/modules/demo/load.ts';
import { computeTable1, type Table1 } from '../../src/modules/reports/table1.ts';
import { describeEachDatabase } from '../support/databases.ts';

// Seed 004, Appendix 1, Table 1, as published.
const PUBLISHED: Record<string, Table1> = {
  '2019/20': { total_incidents: 2462, total_individuals: 911, ratio_male_female: '56:44', peak_age_range: '14-17', home_incidents: 1078, home_individuals: 646, own_care_incidents: 774, own_care_individuals: 166, ola_care_incidents: 610, ola_care_individuals: 124 },
  '2020/21': { total_incidents: 2043, total_individuals: 747, ratio_male_female: '55:44', peak_age_range: '15-17', home_incidents: 802, home_individuals: 496, own_care_incidents: 857, own_care_individuals: 180, ola_care_incidents: 385, ola_care_individuals: 110 },
  '2021/22': { total_incidents: 2539, total_individuals: 956, ratio_male_female: '53:47', peak_age_range: '14-17', home_incidents: 1138, home_individuals: 655, own_care_incidents: 1017, own_care_individuals: 187, ola_care_incidents: 360, ola_care_individuals: 137 },
  '2022/23': { total_incidents: 3007, total_individuals: 982, ratio_male_female: '58:42', peak_age_range: '14-17', home_incidents: 1276, home_individuals: 863, own_care_incidents: 1194, own_care_individuals: 340, ola_care_incidents: 519, ola_care_individuals: 205 },
  '2023/24': { total_incidents: 2851, total_individuals: 964, ratio_male_female: '49:50', peak_age_range: '14-17', home_incidents: 1369, home_individuals: 684, own_care_incidents: 939, own_care_individuals: 206, ola_care_incidents: 517, ola_care_individuals: 136 },
};

const within2pct = (actual: number, published: number) => Math.abs(actual - published) <= published * 0.02;

describeEachDatabase('demo partnership reproduces Table 1', (use) => {
  it('loads the demo and every Table 1 cell is within 2% of the published figure', async () => {
    const db = use();
    await loadDemo(db, { now: new Date('2026-11-21T10:00:00Z') });
    for (const [fy, published] of Object.entries(PUBLISHED)) {
      const actual = await db.read((q) => computeTable1(q, { authorityCode: '891', fy }));
      expect(actual.ratio_male_female, `${fy} ratio`).toBe(published.ratio_male_female);
      expect(actual.peak_age_range, `${fy} peak age range`).toBe(published.peak_age_range);
      for (const key of Object.keys(published) as (keyof Table1)[]) {
        const want = published[key];
        const got = actual[key];
        if (typeof want === 'number') expect(within2pct(Number(got), want), `${fy} ${key}: ${got} vs published ${want}`).toBe(true);
      }
    }
  }, 300_000);
});
