/**
 * Seed 004, Appendix 1, Tables 2 and 3 (Nottinghamshire County), as published, keyed as in metrics.md. Cells the
 * tables leave out are absent here (the generator picks plausible figures for them). Mixed cells are split:
 * "56 + 42 ICPCs" is 56 children at CPC-led meetings and 42 ICPCs; "155 (56 initial mtgs and 97 review mtgs)" is
 * 155 children, 56 initial and 97 review meetings; "32 Initial CPC mtgs 86 Review CPC mtgs 24 ICPCs, 27 RCPCs"
 * gives only the four counts. The odd figures stand as published (54 children at risk of CSE in 2021/22 against
 * 361 MASH referrals; 155 children at 153 meetings in Table 3 2020/21). Table 3 starts in 2020/21.
 */
import type { NotReported } from '../reports/framework.ts';
import type { Table23 } from '../reports/table23.ts';

export type Table23Year = '2019/20' | '2020/21' | '2021/22' | '2022/23' | '2023/24';
export type Published = Partial<Table23>;

export const TABLE2_PUBLISHED: Readonly<Record<Table23Year, Published>> = {
  '2019/20': { children_at_risk: 502, mash_referrals: 326, risk_assessments_completed: 344, cpc_meeting_children: 56, icpc: 42, peak_age_range: '14-17', ratio_female_male: '89:11', panel_children: 65 },
  '2020/21': { children_at_risk: 438, mash_referrals: 308, risk_assessments_completed: 430, cpc_meeting_children: 50, icpc: 25, peak_age_range: '13-16', ratio_female_male: '76:24', panel_children: 43 },
  '2021/22': { children_at_risk: 54, mash_referrals: 361, risk_assessments_completed: 434, cpc_meeting_children: 60, icpc: 23, peak_age_range: '13-17', ratio_female_male: '84:16', panel_children: 38 },
  '2022/23': { children_at_risk: 399, mash_referrals: 211, risk_assessments_completed: 335, cpc_meeting_children: 52, icpc: 37, peak_age_range: '13-17', ratio_female_male: '81:19', panel_children: 34 },
  '2023/24': { children_at_risk: 315, mash_referrals: 158, risk_assessments_completed: 218, cpc_meeting_children: 22, icpc: 19, peak_age_range: '13-17', ratio_female_male: '83:17', panel_children: 26 },
};

export const TABLE3_PUBLISHED: Readonly<Partial<Record<Table23Year, Published>>> = {
  '2020/21': { children_at_risk: 270, risk_assessments_completed: 317, cpc_meeting_children: 155, cpc_initial_meetings: 56, cpc_review_meetings: 97, panel_children: 35 },
  '2021/22': { children_at_risk: 375, mash_referrals: 199, risk_assessments_completed: 521, peak_age_range: '14-17', ratio_female_male: '14:86', panel_children: 30 },
  '2022/23': { children_at_risk: 335, mash_referrals: 144, risk_assessments_completed: 323, cpc_meeting_children: 140, cpc_initial_meetings: 39, cpc_review_meetings: 101, peak_age_range: '14-17', ratio_female_male: '18:82', panel_children: 19 },
  '2023/24': { children_at_risk: 227, mash_referrals: 120, risk_assessments_completed: 277, cpc_initial_meetings: 32, cpc_review_meetings: 86, icpc: 24, rcpc: 27, peak_age_range: '14-17', ratio_female_male: '17:83', panel_children: 15 },
};

/**
 * Plausible figures for the cells the county did not publish (a full record still has them): the generator
 * reproduces these too, so the demo's unpublished cells are stable.
 */
export const TABLE2_UNPUBLISHED: Readonly<Record<Table23Year, Published>> = {
  '2019/20': { cpc_initial_meetings: 31, cpc_review_meetings: 62, rcpc: 48 },
  '2020/21': { cpc_initial_meetings: 28, cpc_review_meetings: 55, rcpc: 30 },
  '2021/22': { cpc_initial_meetings: 33, cpc_review_meetings: 66, rcpc: 27 },
  '2022/23': { cpc_initial_meetings: 29, cpc_review_meetings: 57, rcpc: 41 },
  '2023/24': { cpc_initial_meetings: 12, cpc_review_meetings: 24, rcpc: 21 },
};

export const TABLE3_UNPUBLISHED: Readonly<Partial<Record<Table23Year, Published>>> = {
  '2020/21': { mash_referrals: 164, icpc: 21, rcpc: 26, peak_age_range: '14-17', ratio_female_male: '16:84' },
  '2021/22': { cpc_meeting_children: 148, cpc_initial_meetings: 52, cpc_review_meetings: 104, icpc: 22, rcpc: 28 },
  '2022/23': { icpc: 18, rcpc: 23 },
  '2023/24': { cpc_meeting_children: 96 },
};

export const TABLE23_YEARS: readonly Table23Year[] = ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24'];

/**
 * The demo county's settings for these tables, as seed 004 shows them: Table 3 from 2020/21, its 2020/21 MASH
 * referrals, peak age range and ratio "*report in development", and its 2021/22 meetings cell left blank.
 */
export const DEMO_REPORTING_SETTINGS: { firstYear: Record<string, string>; notReported: NotReported[] } = {
  firstYear: { table3: '2020/21' },
  notReported: [
    { report: 'table3', keys: ['mash_referrals', 'peak_age_range', 'ratio_female_male'], fyFrom: '2020/21', fyTo: '2020/21', note: 'Report in development' },
    { report: 'table3', keys: ['cpc_meeting_children', 'cpc_initial_meetings', 'cpc_review_meetings', 'icpc', 'rcpc'], fyFrom: '2021/22', fyTo: '2021/22', note: 'Not published for this year' },
  ],
};
