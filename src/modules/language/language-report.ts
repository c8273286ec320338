/**
 * The language guide report on the reporting framework: for a financial year, the phrases advised on saved
 * records per team and per phrase, a column per quarter (UK time) and the year's total, so the partnership can
 * see its language change. Counts of phrases, not of children: the framework's small-number suppression still
 * applies to published output, as it does to every count.
 */
import type { Tx } from '../../db/database.ts';
import { parsePeriod, type ChartSpec, type Period, type ReportColumn, type ReportContext, type ReportDefinition, type ReportRow, type ReportTable } from '../reports/framework.ts';
import { adviceCounts, type AdviceCountRow } from './language.repository.ts';
import { LANGUAGE_PHRASES } from './phrases.ts';

export const ALL_PHRASES = 'all_phrases';
export const TOTAL = 'total';
const QUARTERS = [1, 2, 3, 4] as const;

const NOTES = [
  'Counts each phrase the language guide advised on in free text saved on a record (return interviews, multi-agency meeting decisions and actions, and the other records that use the guide), once, when it was written. Text saved again unchanged is not counted again. The words themselves are not kept.',
  'A phrase counts against the team of the person who saved it (their agency where no team is recorded), in the quarter it was saved, in UK time: Q1 April to June, Q2 July to September, Q3 October to December, Q4 January to March.',
  'The advice never stops anyone saving. A falling count is the goal: it shows the partnership’s records describing what is done to children, not blaming them.',
  'Phrases are found by pattern, so a few may have been used appropriately (a boyfriend of the child’s own age, say). The language guide page lists every phrase, why it is advised on and what to say instead.',
];

/** What the report needs from a year's quarters: their columns and the boundaries to count between. */
export function quartersOf(fy: string): { columns: ReportColumn[]; boundaries: [Date, Date, Date, Date, Date] } {
  const periods = QUARTERS.map((n) => parsePeriod(fy, `Q${n}`)) as [Period, Period, Period, Period];
  const columns = periods.map((p) => ({ key: `Q${p.quarter}`, label: p.label.replace(`${fy} `, '').replace(/ \((.*)\)$/, ': $1') }));
  return { columns: [...columns, { key: TOTAL, label: 'Total' }], boundaries: [periods[0].start, periods[1].start, periods[2].start, periods[3].start, periods[3].end] };
}

/** One row's values: a count per quarter and the year's total. */
function valuesOf(rows: readonly AdviceCountRow[]): Record<string, number> {
  const values: Record<string, number> = { Q1: 0, Q2: 0, Q3: 0, Q4: 0, [TOTAL]: 0 };
  for (const r of rows) {
    values[`Q${r.quarter}`] = (values[`Q${r.quarter}`] ?? 0) + r.n;
    values[TOTAL] = (values[TOTAL] ?? 0) + r.n;
  }
  return values;
}

function totalRow(label: string, rows: readonly AdviceCountRow[]): ReportRow {
  return { key: ALL_PHRASES, label, kind: 'count', values: valuesOf(rows) };
}

/** A row per team that had advice in the year, by name, then all teams. */
export function teamRows(counts: readonly AdviceCountRow[]): ReportRow[] {
  const teams = [...new Set(counts.map((c) => c.team))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  return [
    ...teams.map((team) => ({ key: `team:${team}`, label: team, kind: 'count' as const, partOf: ALL_PHRASES, values: valuesOf(counts.filter((c) => c.team === team)) })),
    totalRow('All teams', counts),
  ];
}

/** A row per listed phrase (zero included: the list is the point), any retired code found, then all phrases. */
export function phraseRows(counts: readonly AdviceCountRow[]): ReportRow[] {
  const listed = new Set(LANGUAGE_PHRASES.map((p) => p.code));
  const retired = [...new Set(counts.map((c) => c.phrase_code))].filter((code) => !listed.has(code)).sort();
  const row = (code: string, label: string): ReportRow => ({ key: `phrase:${code}`, label, kind: 'count', partOf: ALL_PHRASES, values: valuesOf(counts.filter((c) => c.phrase_code === code)) });
  return [
    ...LANGUAGE_PHRASES.map((p) => row(p.code, p.phrase)),
    ...retired.map((code) => row(code, `${code} (no longer on the list)`)),
    totalRow('All phrases', counts),
  ];
}

function quarterChart(fy: string, columns: ReportColumn[], total: ReportRow): ChartSpec {
  return {
    id: 'language-per-quarter', title: `Phrases advised each quarter, ${fy}`, kind: 'bar',
    description: `The number of phrases the language guide advised on in records saved in each quarter of ${fy}, all teams together. Fewer is better.`,
    categoryLabel: 'Quarter', valueLabel: 'Phrases advised',
    data: columns.filter((c) => c.key !== TOTAL).map((c) => ({ series: 'Phrases advised', category: c.label, value: Number(total.values[c.key] ?? 0) })),
  };
}

async function buildLanguageReport(q: Tx, ctx: ReportContext) {
  const { fy } = ctx.period;
  const { columns, boundaries } = quartersOf(fy);
  const counts = await adviceCounts(q, { authorityCode: ctx.authorityCode, boundaries });
  const byTeam = teamRows(counts);
  const tables: ReportTable[] = [
    { id: 'language-by-team', title: `Phrases advised per team, ${fy}`, columns, rows: byTeam, notes: NOTES },
    { id: 'language-by-phrase', title: `Phrases advised, by phrase, ${fy}`, columns, rows: phraseRows(counts), notes: NOTES },
  ];
  return {
    id: 'language' as const,
    title: LANGUAGE_REPORT_TITLE,
    authority: { code: ctx.authorityCode, name: ctx.authorityName },
    period: ctx.period,
    generatedAt: ctx.now,
    settings: { 'Phrase list': `the language guide’s ${LANGUAGE_PHRASES.length} phrases` },
    tables,
    charts: [quarterChart(fy, columns, byTeam[byTeam.length - 1] ?? totalRow('All teams', []))],
  };
}

export const LANGUAGE_REPORT_TITLE = 'Language guide: phrases advised per team per quarter';

export const LANGUAGE_REPORT: ReportDefinition = {
  id: 'language',
  title: LANGUAGE_REPORT_TITLE,
  description: 'How often the language guide advised on a phrase that can blame a child for harm done to them, in records saved each quarter of a financial year, by team and by phrase. Fewer is better.',
  quarters: false,
  build: buildLanguageReport,
};
