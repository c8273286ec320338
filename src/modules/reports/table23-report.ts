/**
 * Table 2 (child sexual exploitation) and Table 3 (child criminal exploitation) as reports: the chosen financial
 * year, and the comparison with the four years before it laid out like seed 004 Appendix 1 (years side by side,
 * the chosen year last), with the trend as a chart. Two authority settings shape them:
 *  - `reporting.notReported`: cells the authority did not report (e.g. "Report in development"), shown as
 *    "Not reported (reason)" and given as null with the reason in JSON (framework.ts);
 *  - `reporting.firstYear`: by report, the first year the authority reports it (e.g. `{ table3: '2020/21' }`);
 *    earlier years are left out of the comparison, and asking for one is explained.
 */
import type { Tx } from '../../db/database.ts';
import { ValidationFailed } from '../errors.ts';
import {
  describeNotReported, financialYearsEnding, markNotReported, notReportedSettings, notReportedYears, type ChartSpec, type MeasureKind,
  type NotReported, type Report, type ReportContext, type ReportDefinition, type ReportRow, type ReportTable,
} from './framework.ts';
import { computeTable23, type Table23, type Table23Type } from './table23.ts';

const YEARS_COMPARED = 5;
const PEAK_AGE_SHARE = 0.6;

interface Table23Spec {
  id: 'table2' | 'table3';
  type: Table23Type;
  /** CSE or CCE, as the seed's tables write it. */
  short: string;
  title: string;
  panel: string;
}

const SPECS: Record<'table2' | 'table3', Table23Spec> = {
  table2: { id: 'table2', type: 'sexual', short: 'CSE', title: 'Table 2: child sexual exploitation', panel: 'Multi Agency Sexual Exploitation (MASE) panel' },
  table3: { id: 'table3', type: 'criminal', short: 'CCE', title: 'Table 3: child criminal exploitation', panel: 'Child Criminal Exploitation Panel (CCEP)' },
};

type Measure = { key: keyof Table23; label: string; kind: MeasureKind };

export function table23Measures(spec: Table23Spec): Measure[] {
  const s = spec.short;
  return [
    { key: 'children_at_risk', label: `Total children identified as potentially at risk of ${s}`, kind: 'individuals' },
    { key: 'mash_referrals', label: `New Multi-Agency Safeguarding Hub (MASH) referrals re ${s}`, kind: 'count' },
    { key: 'risk_assessments_completed', label: `${s} risk assessments completed`, kind: 'count' },
    { key: 'cpc_meeting_children', label: `Children considered at child protection coordinator led ${s} multi-agency meetings`, kind: 'individuals' },
    { key: 'cpc_initial_meetings', label: 'Initial meetings held', kind: 'count' },
    { key: 'cpc_review_meetings', label: 'Review meetings held', kind: 'count' },
    { key: 'icpc', label: 'Initial child protection conferences (ICPCs) for those children', kind: 'count' },
    { key: 'rcpc', label: 'Review child protection conferences (RCPCs) for those children', kind: 'count' },
    { key: 'peak_age_range', label: 'Peak age range (years)', kind: 'age-range' },
    { key: 'ratio_female_male', label: 'Female:male ratio', kind: 'ratio' },
    { key: 'panel_children', label: `Children monitored at the ${spec.panel}`, kind: 'individuals' },
  ];
}

function notes(spec: Table23Spec): string[] {
  const criminal = spec.type === 'criminal' ? ' (county lines included)' : '';
  return [
    `Children at risk: distinct children with a concern of ${spec.short}${criminal} identified in the year, from any source. MASH referrals: concerns received through the MASH in the year, by the date received. A child can be in both Tables 2 and 3.`,
    `Risk assessments: completed in the year (UK time): the earlier single ${spec.short} forms, and combined assessments whose professional judgement of the risk of ${spec.short}${criminal} is above "none".`,
    'Meetings: child protection coordinator led meetings of this type held in the year (initial and review), and the initial and review child protection conferences held in the year for the children at them.',
    `Peak age range: the shortest range of ages holding at least ${PEAK_AGE_SHARE * 100}% of the children at risk, by age at their first concern of the type in the year. Ratio: female to male, whole percentages of all those children; children whose sex is not known are on neither side.`,
    `Panel: distinct children on the ${spec.panel} monitoring list at any time in the year.`,
  ];
}

/** `settings.reporting.firstYear[report]`, when it is a financial year label. */
function firstYearOf(settings: Record<string, unknown>, id: string): string | null {
  const reporting = settings.reporting;
  const first = typeof reporting === 'object' && reporting !== null ? (reporting as Record<string, unknown>).firstYear : undefined;
  const value = typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[id] : undefined;
  return typeof value === 'string' && /^\d{4}\/\d{2}$/.test(value) ? value : null;
}

const startYear = (fy: string) => Number(fy.slice(0, 4));

function rowsFor(measures: Measure[], byYear: Map<string, Table23>, years: readonly string[]): ReportRow[] {
  return measures.map((m) => ({ key: m.key, label: m.label, kind: m.kind, values: Object.fromEntries(years.map((fy) => [fy, byYear.get(fy)?.[m.key] ?? null])) }));
}

const TREND: readonly [keyof Table23, string][] = [
  ['children_at_risk', 'Children at risk'], ['mash_referrals', 'MASH referrals'],
  ['risk_assessments_completed', 'Risk assessments completed'], ['panel_children', 'Children monitored at the panel'],
];

function trendChart(spec: Table23Spec, comparison: ReportTable): ChartSpec {
  const years = comparison.columns.map((c) => c.key);
  const points = TREND.flatMap(([key, series]) => {
    const row = comparison.rows.find((r) => r.key === key);
    return years.map((fy) => ({ series, category: fy, value: row?.values[fy] ?? null, note: row?.notReported?.[fy] }));
  });
  return {
    id: `${spec.id}-trend`, title: `${spec.title}, ${years[0] ?? ''} to ${years[years.length - 1] ?? ''}`, kind: 'line',
    description: `Children identified as at risk of ${spec.short}, MASH referrals, risk assessments completed and children monitored at the panel, each financial year.`,
    categoryLabel: 'Financial year', valueLabel: 'Children or records',
    data: points.flatMap((p) => (typeof p.value === 'number' && p.note === undefined ? [{ series: p.series, category: p.category, value: p.value }] : [])),
    notReported: points.flatMap((p) => (p.note === undefined ? [] : [{ series: p.series, category: p.category, note: p.note }])),
  };
}

function describeSettings(firstYear: string | null, notReported: NotReported[]): Record<string, string> {
  return {
    'Peak age range share': `${PEAK_AGE_SHARE * 100}% of children at risk`,
    'First year reported': firstYear ? `${firstYear} (earlier years are left out)` : 'every year',
    'Figures not reported': notReported.length === 0 ? 'none' : notReported.map((e) => `${e.keys.join(', ')} in ${notReportedYears(e)} (${e.note})`).join('; '),
  };
}

async function buildTable23(spec: Table23Spec, q: Tx, ctx: ReportContext): Promise<Report> {
  const { fy } = ctx.period;
  const firstYear = firstYearOf(ctx.settings, spec.id);
  if (firstYear && startYear(fy) < startYear(firstYear)) {
    throw new ValidationFailed([{ field: 'fy', message: `${spec.title} is reported from ${firstYear}: choose ${firstYear} or a later year` }]);
  }
  const years = financialYearsEnding(fy, YEARS_COMPARED).filter((y) => !firstYear || startYear(y) >= startYear(firstYear));
  const byYear = await computeTable23(q, { authorityCode: ctx.authorityCode, type: spec.type, years, peakAgeShare: PEAK_AGE_SHARE });
  const measures = table23Measures(spec);
  const notReported = notReportedSettings(ctx.settings, spec.id);
  const tableNotes = [...notes(spec), ...describeNotReported(notReported, new Map(measures.map((m) => [m.key, m.label])))];
  const table = (id: string, title: string, cols: readonly string[]) => markNotReported(
    { id, title, columns: cols.map((y) => ({ key: y, label: y })), rows: rowsFor(measures, byYear, cols), notes: tableNotes }, notReported);
  const comparison = table(`${spec.id}-five-year`, `${spec.title}: comparison, ${years[0] ?? fy} to ${fy}`, years);
  return {
    id: spec.id, title: spec.title, authority: { code: ctx.authorityCode, name: ctx.authorityName }, period: ctx.period, generatedAt: ctx.now,
    settings: describeSettings(firstYear, notReported),
    tables: [table(spec.id, `${spec.title}, ${fy}`, [fy]), comparison],
    charts: [trendChart(spec, comparison)],
  };
}

function definition(spec: Table23Spec, description: string): ReportDefinition {
  return { id: spec.id, title: spec.title, description, quarters: false, build: (q, ctx) => buildTable23(spec, q, ctx) };
}

export const TABLE2_REPORT = definition(SPECS.table2, 'Children identified as at risk of sexual exploitation, MASH referrals, risk assessments, child protection coordinator led meetings and conferences, age, sex and the MASE panel, for a financial year and the four years before it.');
export const TABLE3_REPORT = definition(SPECS.table3, 'Children identified as at risk of criminal exploitation (county lines included), MASH referrals, risk assessments, child protection coordinator led meetings and conferences, age, sex and the CCEP panel, for a financial year and the four years before it.');
