/**
 * Tables 2 and 3 measured on the hand-built history of test/db/table23-fixture.ts: the financial year's edges
 * in UK time, county lines counted as criminal exploitation, a combined assessment identifying neither, a child
 * on the panel's list across 1 April, another authority's records never counted. Every figure is worked out by
 * hand beside it.
 */
import { beforeAll, expect, it } from 'vitest';
import { computeTable23, ratioFemaleMale, type Table23 } from '../../src/modules/reports/table23.ts';
import { expectMeasures } from '../fixtures/reports-expect.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { loadTable23Fixture } from './table23-fixture.ts';

describeEachDatabase('Tables 2 and 3 measures', (use) => {
  beforeAll(async () => {
    await loadTable23Fixture(use());
  });

  const measure = (type: 'sexual' | 'criminal', years: string[]) => use().read((q) => computeTable23(q, { authorityCode: '891', type, years }));

  it('Table 2 (sexual), 2024/25', async () => {
    const expected: Table23 = {
      // A (first concern 1 April 2024, her 14th birthday: 14) and C (27 October 2024: 15). A's concern of
      // 31 March 2024 is 2023/24's; D's of 1 April 2025 is 2025/26's; D's online concern is of neither table.
      children_at_risk: 2,
      // C's MASH referral of 1 December 2024 (A's of 31 March 2024 is the year before; the city's Z is not ours).
      mash_referrals: 1,
      // S2 (00:00 BST 1 April 2024) and C2 (sexual medium). Not S1 (23:59:59 BST 31 March), C1 (sexual none),
      // C3 (identifying neither), C4 (00:00 BST 1 April 2025), D1 (a draft), K1 (a criminal form).
      risk_assessments_completed: 2,
      // A (initial 1 May, review 1 August) and C (review 9 September, sexual + criminal).
      cpc_meeting_children: 2, cpc_initial_meetings: 1, cpc_review_meetings: 2,
      // A's ICPC of 1 June; C's RCPC of 10 January (it names criminal only: conferences count for the children).
      // A's RCPC of 30 March 2024 is 2023/24's.
      icpc: 1, rcpc: 1,
      // Ages 14 and 15: 60% of 2 needs both.
      peak_age_range: '14-15',
      ratio_female_male: '100:0',
      // A (removed on 1 April 2024: on the list on the year's first day) and C (added again 31 March 2025).
      // C's first entry ended 31 March 2024; D's starts 1 April 2025.
      panel_children: 2,
    };
    expectMeasures((await measure('sexual', ['2024/25'])).get('2024/25') ?? {}, expected);
  });

  it('Table 3 (criminal, county lines included), 2024/25', async () => {
    const expected: Table23 = {
      // B (county lines only, 31 March 2025: 16), C (sexual + criminal, 15), D (13, sex not stated), E (17).
      children_at_risk: 4,
      // B's county lines MASH referral on the year's last day.
      mash_referrals: 1,
      // C1 (criminal none but county lines low), C2 (criminal high), K1 (23:30 BST 31 March 2025).
      risk_assessments_completed: 3,
      // C (review 9 September) and B (initial on the year's last day, county lines). E's strategy meeting is not
      // CPC-led, so E's ICPC is not counted; C's RCPC of 10 January is.
      cpc_meeting_children: 2, cpc_initial_meetings: 1, cpc_review_meetings: 1, icpc: 0, rcpc: 1,
      // Ages 13, 15, 16, 17: 60% of 4 needs 3: 15-17.
      peak_age_range: '15-17',
      // C female (1 of 4 = 25), B and E male (2 of 4 = 50); D on neither side.
      ratio_female_male: '25:50',
      // B, twice on the CCEP list in the year: one child.
      panel_children: 1,
    };
    expectMeasures((await measure('criminal', ['2024/25'])).get('2024/25') ?? {}, expected);
  });

  it('computes several years in one pass, each year on its own', async () => {
    const years = await measure('sexual', ['2023/24', '2024/25', '2025/26']);
    expect([...years.keys()]).toEqual(['2023/24', '2024/25', '2025/26']);
    // 2023/24: A's MASH referral of 31 March 2024 (13 then), S1, F's CPC initial (A's RCPC that year is not
    // for a child at a CPC-led meeting that year), MASE A and C.
    expectMeasures<Partial<Table23>>(years.get('2023/24') ?? {}, {
      children_at_risk: 1, mash_referrals: 1, risk_assessments_completed: 1, cpc_meeting_children: 1, cpc_initial_meetings: 1,
      cpc_review_meetings: 0, icpc: 0, rcpc: 0, peak_age_range: '13-13', ratio_female_male: '100:0', panel_children: 2,
    });
    // 2025/26: D's concern of 1 April 2025 (sex not stated: 0:0 of 1), C4, MASE C (still open) and D.
    expectMeasures<Partial<Table23>>(years.get('2025/26') ?? {}, {
      children_at_risk: 1, mash_referrals: 0, risk_assessments_completed: 1, cpc_meeting_children: 0, cpc_initial_meetings: 0,
      cpc_review_meetings: 0, icpc: 0, rcpc: 0, peak_age_range: '13-13', ratio_female_male: '0:0', panel_children: 2,
    });
  });

  it('gives a year with no records as zeros, no peak age range and 0:0', async () => {
    const empty = (await measure('criminal', ['2015/16'])).get('2015/16');
    expect(empty).toEqual({
      children_at_risk: 0, mash_referrals: 0, risk_assessments_completed: 0, cpc_meeting_children: 0, cpc_initial_meetings: 0,
      cpc_review_meetings: 0, icpc: 0, rcpc: 0, peak_age_range: null, ratio_female_male: '0:0', panel_children: 0,
    });
  });

  it('prints the ratio female first, as whole percentages of all the children', () => {
    expect(ratioFemaleMale({ female: 447, male: 55, total: 502 })).toBe('89:11');
    expect(ratioFemaleMale({ female: 1, male: 2, total: 4 })).toBe('25:50');
  });
});
