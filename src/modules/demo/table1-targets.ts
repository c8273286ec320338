import type { Table1Figures } from './types.ts';

/** The financial years seed 004's Table 1 covers, oldest first. */
export const TABLE1_YEARS = ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24'] as const;
/** A label such as "2023/24". */
export type Table1Year = (typeof TABLE1_YEARS)[number];

/**
 * Seed 004, Appendix 1, Table 1 (Nottinghamshire County, "Children Missing from Home and Care"), as
 * published. "14 - 17" in the 2023/24 column is written "14-17" here. The group rows do not always add up
 * to the totals (e.g. 2023/24), which plan.ts reconciles within 2%.
 */
export const TABLE1_PUBLISHED: Readonly<Record<Table1Year, Table1Figures>> = {
  '2019/20': {
    totalIncidents: 2462, totalIndividuals: 911,
    ratioMaleFemale: '56:44', peakAgeRange: '14-17',
    homeIncidents: 1078, homeIndividuals: 646,
    ownCareIncidents: 774, ownCareIndividuals: 166,
    olaCareIncidents: 610, olaCareIndividuals: 124,
  },
  '2020/21': {
    totalIncidents: 2043, totalIndividuals: 747,
    ratioMaleFemale: '55:44', peakAgeRange: '15-17',
    homeIncidents: 802, homeIndividuals: 496,
    ownCareIncidents: 857, ownCareIndividuals: 180,
    olaCareIncidents: 385, olaCareIndividuals: 110,
  },
  '2021/22': {
    totalIncidents: 2539, totalIndividuals: 956,
    ratioMaleFemale: '53:47', peakAgeRange: '14-17',
    homeIncidents: 1138, homeIndividuals: 655,
    ownCareIncidents: 1017, ownCareIndividuals: 187,
    olaCareIncidents: 360, olaCareIndividuals: 137,
  },
  '2022/23': {
    totalIncidents: 3007, totalIndividuals: 982,
    ratioMaleFemale: '58:42', peakAgeRange: '14-17',
    homeIncidents: 1276, homeIndividuals: 863,
    ownCareIncidents: 1194, ownCareIndividuals: 340,
    olaCareIncidents: 519, olaCareIndividuals: 205,
  },
  '2023/24': {
    totalIncidents: 2851, totalIndividuals: 964,
    ratioMaleFemale: '49:50', peakAgeRange: '14-17',
    homeIncidents: 1369, homeIndividuals: 684,
    ownCareIncidents: 939, ownCareIndividuals: 206,
    olaCareIncidents: 517, olaCareIndividuals: 136,
  },
};
