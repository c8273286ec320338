/**
 * Table 1 at its edges, on the fixture authority (test/fixtures/reports-committee.ts): the financial year's
 * boundaries in British Summer Time, a child in two groups, a child whose sex is not known, open incidents.
 * Every expected figure is worked out by hand beside it.
 */
import { beforeAll, it } from 'vitest';
import { computeTable1, type Table1 } from '../../src/modules/reports/table1.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXTURE_AUTHORITY, loadCommitteeFixture } from '../fixtures/reports-committee.ts';
import { expectMeasures } from '../fixtures/reports-expect.ts';

describeEachDatabase('Table 1 edges', (use) => {
  beforeAll(async () => {
    await loadCommitteeFixture(use());
  });

  const table1 = (fy: string) => use().read((q) => computeTable1(q, { authorityCode: FIXTURE_AUTHORITY, fy }));

  it('counts the year from 00:00 BST on 1 April to 23:59:59 BST on 31 March, open incidents included', async () => {
    const expected: Table1 = {
      // Started in the year: I01 (00:30 BST on 1 April 2024) to I10 (23:59 BST on 31 March 2025, still missing)
      // = I01 I02 I03 I04 I05 I07 I08 I09 I10 I12 = 10; children C1 C2 C3 C4 C5 = 5.
      total_incidents: 10, total_individuals: 5,
      // Boys C2 and C5 = 2 of 5 = 40; girls C1 and C4 = 40; C3 (sex not stated) in the 5, on neither side.
      ratio_male_female: '40:40',
      // Ages 12, 13, 14 ×4 (I01 on the UK date: 14th birthday 1 April), 16, 17 ×3 (I09 on the 17th birthday):
      // 60% of 10 = 6 is first reached by 12-14 (1 + 1 + 4).
      peak_age_range: '12-14',
      // Home I01 I02 I03 I07 I08 = 5 (C1 C2 C3); own care I04 I09 I10 = 3 (C4, and C2 again: in two groups);
      // other authorities' I05 I12 = 2 (C5).
      home_incidents: 5, home_individuals: 3,
      own_care_incidents: 3, own_care_individuals: 2,
      ola_care_incidents: 2, ola_care_individuals: 1,
    };
    expectMeasures(await table1('2024/25'), expected);
  });

  it('puts 23:59 BST on 31 March in the old year and 00:30 BST on 1 April in the new', async () => {
    // 2023/24: I00 only (23:59 BST on 31 March 2024), C1 (a girl, 13 that day) → 1 incident, "0:100", 13-13.
    expectMeasures(await table1('2023/24'), {
      total_incidents: 1, total_individuals: 1, ratio_male_female: '0:100', peak_age_range: '13-13',
      home_incidents: 1, home_individuals: 1, own_care_incidents: 0, own_care_individuals: 0, ola_care_incidents: 0, ola_care_individuals: 0,
    });
    // 2025/26: I11 only (00:30 BST on 1 April 2025), C3 (sex not stated, 15) → "0:0": counted, on neither side.
    expectMeasures(await table1('2025/26'), {
      total_incidents: 1, total_individuals: 1, ratio_male_female: '0:0', peak_age_range: '15-15',
      home_incidents: 1, home_individuals: 1, own_care_incidents: 0, own_care_individuals: 0, ola_care_incidents: 0, ola_care_individuals: 0,
    });
  });
});
