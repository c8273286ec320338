/**
 * The committee measures on the fixture authority (test/fixtures/reports-committee.ts, where every incident,
 * interview and meeting is listed). Every expected figure is worked out by hand in the comment beside it.
 */
import { beforeAll, expect, it } from 'vitest';
import { parsePeriod } from '../../src/modules/reports/framework.ts';
import { computeCommittee, type CommitteeOptions } from '../../src/modules/reports/committee.ts';
import type { CommitteeMeasures } from '../../src/modules/reports/committee-measures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXTURE_AUTHORITY, loadCommitteeFixture, OTHER_AUTHORITY } from '../fixtures/reports-committee.ts';
import { expectMeasures } from '../fixtures/reports-expect.ts';

describeEachDatabase('committee measures by period', (use) => {
  beforeAll(async () => {
    await loadCommitteeFixture(use());
  });

  const committee = (fy: string, quarter: string | null = null, settings: CommitteeOptions['settings'] = {}, authorityCode = FIXTURE_AUTHORITY) => {
    const { start, end } = parsePeriod(fy, quarter);
    return use().read((q) => computeCommittee(q, { authorityCode, start, end, settings }));
  };

  it('counts a financial year: notifications by receipt, incidents by start, interviews by end, meetings by their dates', async () => {
    const expected: CommitteeMeasures = {
      // Notified in [2024-03-31T23:00Z, 2025-03-31T23:00Z): I00 (received 1 Apr 23:05, though it started in 2023/24),
      // I01, I02, I03, I04, I05, I07, I08, I09, I12 = 10; not I10 (received 23:20Z on 31 March = 00:20 BST 1 April)
      // nor I11. Children: C1, C2, C3, C4, C5 = 5.
      notifications: 10, notification_individuals: 5,
      // Started: I01 (00:30 BST 1 April) ... I10 (23:59 BST 31 March) = I01 I02 I03 I04 I05 I07 I08 I09 I10 I12 = 10;
      // not I00 (23:59 BST 31 March 2024) nor I11 (00:30 BST 1 April 2025). Children C1..C5 = 5.
      incidents: 10, individuals: 5,
      // Girls: C1's I01 I07 I08 + C4's I04 I10 = 5 of 10; boys: C2's I02 I09 + C5's I05 I12 = 4; C3's I03 on neither side.
      episodes_female_pct: 50, episodes_male_pct: 40,
      // Home: C1, C2 (I02), C3 = 3 of 5; own care: C4, C2 (I09) = 2 (C2 is in both); other authority: C5 = 1.
      individuals_home_pct: 60, individuals_own_care_pct: 40, individuals_ola_pct: 20,
      // Ages at start: 12 (I05), 13 (I12), 14 (I01 on the UK date, I03, I07, I08), 16 (I02), 17 (I04, I09 on C2's
      // birthday, I10). Mode 14. 60% of 10 = 6: no one or two ages reach 6; 12-14 holds exactly 6.
      peak_age: 14, peak_age_range: '12-14',
      // Ended (found) in the year: I00 (found 00:20 BST 1 April 2024), I01, I02, I03, I04, I05, I07, I08, I09, I12 = 10;
      // I10 is still missing, I11 was found in 2025/26. Home: I00 I01 I02 I03 I07 I08 = 6; looked after: I04 I05 I09 I12 = 4.
      incidents_ended: 10,
      // Completed: home I00 I01 I08 = 3 of 6; looked after I09 = 1 of 4.
      rhi_completed_pct_home: 50, rhi_completed_pct_looked_after: 25,
      // Offered ≤ 72 h: I00 (exactly 72 h), I02 (24), I03 (10), I05 (48), I08 (completed at 48, no offer recorded),
      // I09 (72), I12 (5) = 7 of 10; not I01 (72 h + 1 s), I04, I07 (no offer).
      rhi_offered_within_72h_pct: 70,
      // Completed ≤ 72 h: I00 (exactly 72 h), I08 (48) = 2 of 10; not I01 (80 h), I09 (72 h + 1 s).
      rhi_completed_within_72h_pct: 20,
      // Declined I02, advice I03, not attempted I04: 1 of 10 each.
      rhi_declined_pct: 10, rhi_advice_pct: 10, rhi_not_attempted_pct: 10,
      // Requested: M0 (June), M4 (June), M1 (31 Dec 23:59:59), M2 (1 Jan 00:00), M3 (August) = 5, cancelled M2 and M4
      // included. Held in the year and not cancelled: M3 (August), M1 (January) = 2 (M4's "held" was cancelled).
      // Of the 5 requested, held: M1, M3 = 40%.
      meetings_requested: 5, meetings_completed: 2, meetings_completed_pct: 40,
      // Missing (first grade not no apparent risk): I01 (15 min), I03 (24 h + 1 s), I04 (very low; 72 h exactly),
      // I07 (24 h exactly), I08 (30 min), I09 (1 h), I10 (15 min) = 7: within 24 h I01 I07 I08 I09 I10 = 5; within 72 h all 7.
      notified_within_24h_pct_missing: (100 * 5) / 7, notified_within_72h_pct_missing: 100,
      // Absent: I02 (first graded no apparent risk, now medium; 1 h), I05 (72 h + 1 s), I12 (2 h) = 3: within 24 h and
      // within 72 h I02 and I12 = 2 of 3. (I03, now no apparent risk, was first graded low: missing.)
      notified_within_24h_pct_absent: (100 * 2) / 3, notified_within_72h_pct_absent: (100 * 2) / 3,
    };
    expectMeasures((await committee('2024/25')).measures, expected);
  });

  it('counts the first quarter, whose start is 00:00 BST on 1 April', async () => {
    const expected: CommitteeMeasures = {
      // Notified in [2024-03-31T23:00Z, 2024-06-30T23:00Z): I00 (1 April 23:05), I01, I03, I04 = 4 (I02 came in July;
      // authority 991's notification in May is not ours). Children C1, C3, C4 = 3.
      notifications: 4, notification_individuals: 3,
      // Started: I01, I02 (back-dated: reported in July, counted by its May start), I03, I04 = 4; children C1 C2 C3 C4.
      incidents: 4, individuals: 4,
      // Girls I01 (C1), I04 (C4) = 2 of 4; boys I02 = 1 of 4.
      episodes_female_pct: 50, episodes_male_pct: 25,
      // Home C1 C2 C3 = 3 of 4; own care C4 = 1; other authority none.
      individuals_home_pct: 75, individuals_own_care_pct: 25, individuals_ola_pct: 0,
      // Ages 14 (I01), 16 (I02), 14 (I03), 17 (I04): mode 14; 60% of 4 = 2.4 → 3: 14-16 holds 3, 15-17 holds 2.
      peak_age: 14, peak_age_range: '14-16',
      // Ended: I00, I01, I02, I03 (home, 4), I04 (own care, 1) = 5.
      incidents_ended: 5,
      // Completed: home I00 I01 = 2 of 4; looked after 0 of 1.
      rhi_completed_pct_home: 50, rhi_completed_pct_looked_after: 0,
      // Offered ≤ 72 h: I00 (72 h), I02, I03 = 3 of 5. Completed ≤ 72 h: I00 = 1 of 5.
      rhi_offered_within_72h_pct: 60, rhi_completed_within_72h_pct: 20,
      // Declined I02, advice I03, not attempted I04: 1 of 5 each.
      rhi_declined_pct: 20, rhi_advice_pct: 20, rhi_not_attempted_pct: 20,
      // M0 requested in June, not held yet; M4 requested in June, recorded as held then cancelled: 2 requested,
      // 0 held in the quarter, 0 of 2 held.
      meetings_requested: 2, meetings_completed: 0, meetings_completed_pct: 0,
      // Missing: I01 (15 min), I03 (24 h + 1 s), I04 (72 h exactly) → within 24 h 1 of 3, within 72 h 3 of 3.
      notified_within_24h_pct_missing: 100 / 3, notified_within_72h_pct_missing: 100,
      // Absent: I02 (1 h) → 1 of 1.
      notified_within_24h_pct_absent: 100, notified_within_72h_pct_absent: 100,
    };
    expectMeasures((await committee('2024/25', 'Q1')).measures, expected);
  });

  it('puts incidents on a quarter boundary in the quarter that starts there, in BST and in GMT', async () => {
    const [q2, q3, q4] = [await committee('2024/25', 'Q2'), await committee('2024/25', 'Q3'), await committee('2024/25', 'Q4')];
    // Q2 ends at 00:00 BST 1 October: I05 only (I07 starts at that instant and belongs to Q3).
    expect(q2.measures.incidents).toBe(1);
    // Q3: I07 (its first instant) and I08 (23:59:59 on 31 December, GMT) = 2; I09 (00:00 on 1 January) is Q4's.
    expect(q3.measures.incidents).toBe(2);
    // Q4: I09, I12 and I10 (23:59 BST on 31 March) = 3.
    expect(q4.measures.incidents).toBe(3);
    // Notified: Q2 I02 (July, back-dated) and I05 = 2; Q3 I07 = 1 (I08's came at 01:00 on 1 January); Q4 I08 I09 I12 = 3.
    expect([q2, q3, q4].map((c) => c.measures.notifications)).toEqual([2, 1, 3]);
    // Ended: Q2 I05; Q3 I07; Q4 I08 (2 January), I09, I12.
    expect([q2, q3, q4].map((c) => c.measures.incidents_ended)).toEqual([1, 1, 3]);
  });

  it('dates meeting requests by the incident that met the threshold and completions by when the meeting was held', async () => {
    const [q2, q3, q4] = [await committee('2024/25', 'Q2'), await committee('2024/25', 'Q3'), await committee('2024/25', 'Q4')];
    const meetings = (c: { measures: CommitteeMeasures }) => [c.measures.meetings_requested, c.measures.meetings_completed, c.measures.meetings_completed_pct];
    // Q2: M3 requested (August) and held (20 August): 1, 1, 100%.
    expect(meetings(q2)).toEqual([1, 1, 100]);
    // Q3: M1 requested (31 December 23:59:59), held in January: 1 requested, 0 held in Q3, and 1 of 1 held since = 100%.
    expect(meetings(q3)).toEqual([1, 0, 100]);
    // Q4: M2 requested (1 January) then cancelled; M1 held on 15 January: 1 requested, 1 held, 0 of 1 held.
    expect(meetings(q4)).toEqual([1, 1, 0]);
  });

  it('counts the reasons and risks identified at the interviews of incidents ended in the period, every code listed', async () => {
    const fy = await committee('2024/25');
    const counted = (list: { code: string; count: number }[]) => Object.fromEntries(list.filter((x) => x.count > 0).map((x) => [x.code, x.count]));
    // I00 boundaries + family conflict, I01 boundaries, I12 peers; I11's "school" ended in 2025/26.
    expect(counted(fy.factors)).toEqual({ boundaries: 2, family_conflict: 1, peers: 1 });
    // I01 sexual exploitation; I12 criminal exploitation and offending.
    expect(counted(fy.risks)).toEqual({ sexual_exploitation: 1, criminal_exploitation: 1, offending: 1 });
    // Every code has a row, zero or not: 12 factors, 10 risks (outcomes.ts).
    expect([fy.factors.length, fy.risks.length]).toEqual([12, 10]);
    expect(fy.factors.find((f) => f.code === 'school')?.count).toBe(0);
  });

  it('uses the return interview windows the authority chose, and says so', async () => {
    const fy = await committee('2024/25', null, { rhiClocks: { offerHours: 48, completeHours: 96 }, repeatMissing: { incidents: 3, days: 30 } });
    // Offered ≤ 48 h: I02 (24), I03 (10), I05 (exactly 48), I08 (completed at 48), I12 (5) = 5 of 10; I00 and I09 (72) no longer.
    expect(fy.measures.rhi_offered_within_72h_pct).toBe(50);
    // Completed ≤ 96 h: I00 (72), I01 (80), I08 (48), I09 (72 h + 1 s) = 4 of 10.
    expect(fy.measures.rhi_completed_within_72h_pct).toBe(40);
    expect(fy.settings).toEqual({ rhi: { offerHours: 48, completeHours: 96 }, rule: { incidents: 3, days: 30 }, peakAgeShare: 0.6 });
  });

  it('gives empty periods zero counts and no percentages, and never counts another authority', async () => {
    const empty = await committee('2019/20');
    expect([empty.measures.notifications, empty.measures.incidents, empty.measures.meetings_requested]).toEqual([0, 0, 0]);
    expect([empty.measures.episodes_female_pct, empty.measures.rhi_offered_within_72h_pct, empty.measures.peak_age_range]).toEqual([null, null, null]);
    // Authority 991: one home incident in May 2024 of a boy born 1 January 2009 (15), found the same day, no interview.
    const other = await committee('2024/25', 'Q1', {}, OTHER_AUTHORITY);
    expect([other.measures.notifications, other.measures.incidents, other.measures.episodes_male_pct, other.measures.incidents_ended, other.measures.rhi_completed_pct_home]).toEqual([1, 1, 100, 1, 0]);
  });
});
