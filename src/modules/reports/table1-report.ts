/**
 * Table 1 as a report: the chosen financial year, and the five-year comparison laid out like seed 004
 * Appendix 1 (five years side by side, the chosen year last), with the five-year trend as a chart.
 */
import type { Tx } from '../../db/database.ts';
import { financialYearsEnding, type ChartSpec, type ReportContext, type ReportDefinition, type ReportRow } from './framework.ts';
import { computeTable1, type Table1 } from './table1.ts';

export const TABLE1_MEASURES: readonly { key: keyof Table1; label: string; kind: ReportRow['kind']; partOf?: keyof Table1 }[] = [
  { key: 'total_incidents', label: 'Total incident reports of children missing', kind: 'count' },
  { key: 'total_individuals', label: 'Relating to individuals', kind: 'individuals' },
  { key: 'ratio_male_female', label: 'Ratio males to females', kind: 'ratio' },
  { key: 'peak_age_range', label: 'Peak age range', kind: 'age-range' },
  { key: 'home_incidents', label: 'Incident reports of children missing from home', kind: 'count', partOf: 'total_incidents' },
  { key: 'home_individuals', label: 'Relating to individuals', kind: 'individuals' },
  { key: 'own_care_incidents', label: "Incident reports of this authority's children missing from care (including those placed out of area)", kind: 'count', partOf: 'total_incidents' },
  { key: 'own_care_individuals', label: 'Relating to individuals', kind: 'individuals' },
  { key: 'ola_care_incidents', label: 'Other local authority children missing from care in this area', kind: 'count', partOf: 'total_incidents' },
  { key: 'ola_care_individuals', label: 'Relating to individuals', kind: 'individuals' },
];

const NOTES = [
  'An incident belongs to the financial year in which it started (when the child was last seen), in UK time.',
  'A child can be counted in more than one "relating to individuals" row in the same year, so those rows need not add up to the total.',
  'Ratios are whole percentages of all the individuals counted; children whose sex is not known are on neither side.',
];

export const YEARS_COMPARED = 5;

async function buildTable1(q: Tx, ctx: ReportContext) {
  const years = financialYearsEnding(ctx.period.fy, YEARS_COMPARED);
  const byYear = new Map<string, Table1>();
  for (const fy of years) byYear.set(fy, await computeTable1(q, { authorityCode: ctx.authorityCode, fy }));
  const rows = (only?: string): ReportRow[] => TABLE1_MEASURES.map((m) => ({
    key: m.key, label: m.label, kind: m.kind, ...(m.partOf ? { partOf: m.partOf } : {}),
    values: Object.fromEntries((only ? [only] : years).map((fy) => [fy, byYear.get(fy)?.[m.key] ?? null])),
  }));
  const trend: ChartSpec = {
    id: 'table1-trend', title: `Incidents of children missing, ${years[0]} to ${ctx.period.fy}`, kind: 'line',
    description: `Incident reports of children missing each financial year from ${years[0]} to ${ctx.period.fy}, in total and by where the child was missing from.`,
    categoryLabel: 'Financial year', valueLabel: 'Incident reports',
    data: years.flatMap((fy) => {
      const t = byYear.get(fy);
      if (!t) return [];
      return [
        { series: 'All incidents', category: fy, value: t.total_incidents },
        { series: 'From home', category: fy, value: t.home_incidents },
        { series: "From this authority's care", category: fy, value: t.own_care_incidents },
        { series: "Other authorities' children", category: fy, value: t.ola_care_incidents },
      ];
    }),
  };
  return {
    id: 'table1' as const,
    title: 'Table 1: children missing from home and care',
    authority: { code: ctx.authorityCode, name: ctx.authorityName },
    period: ctx.period,
    generatedAt: ctx.now,
    settings: { 'Peak age range share': '60% of incidents' },
    tables: [
      { id: 'table1', title: `Table 1: children missing from home and care, ${ctx.period.fy}`, columns: [{ key: ctx.period.fy, label: ctx.period.fy }], rows: rows(ctx.period.fy), notes: NOTES },
      { id: 'table1-five-year', title: `Table 1: five-year comparison, ${years[0]} to ${ctx.period.fy}`, columns: years.map((fy) => ({ key: fy, label: fy })), rows: rows(), notes: NOTES },
    ],
    charts: [trend],
  };
}

export const TABLE1_REPORT: ReportDefinition = {
  id: 'table1',
  title: 'Table 1: children missing from home and care',
  description: 'Incidents and individuals by where the child was missing from, for a financial year and the four years before it.',
  quarters: false,
  build: buildTable1,
};
