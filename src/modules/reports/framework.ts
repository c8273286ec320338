/**
 * The reporting framework: a report is a few tables of measures (rows) over columns (periods, districts) plus
 * the charts drawn from them, built once from records by a report definition, then rendered to any format
 * (JSON, CSV, XLSX, DOCX, HTML) by the renderers, with small-number suppression applied for published outputs.
 * Each measure is implemented once (table1.ts, committee.ts...); a new table is a new definition in registry.ts.
 */
import { DateTime } from 'luxon';
import type { Tx } from '../../db/database.ts';
import { ValidationFailed } from '../errors.ts';
import { financialYear } from './measures.ts';

/** How a value is shown: counts and individuals are suppressible; percentages are 0-100, unrounded here. */
export type MeasureKind = 'count' | 'individuals' | 'percent' | 'ratio' | 'age' | 'age-range' | 'text';

/** A raw value: renderers round and format it (metrics.md: whole % printed, one decimal place in JSON). */
export type Value = number | string | null;

export interface ReportRow {
  /** The key in metrics.md, e.g. `total_incidents`. */
  key: string;
  label: string;
  kind: MeasureKind;
  values: Record<string, Value>;
  /**
   * For suppression: the key of the row this count is a part of (e.g. `home_incidents` is part of
   * `total_incidents`), so a secondary cell can be suppressed when a suppressed one could be derived.
   */
  partOf?: string;
  /**
   * Cells the authority did not report (the `reporting.notReported` setting): by column key, the reason. Their
   * value is null; printed tables say "Not reported (reason)", JSON gives null with the reason beside it.
   */
  notReported?: Record<string, string>;
}

export interface ReportColumn {
  key: string;
  label: string;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Definitions and settings a reader needs, printed under the table. */
  notes: string[];
}

/** One chart, drawn from a table's numbers (renderers make accessible SVG, with the data table beside it). */
export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for its text alternative. */
  description: string;
  kind: 'line' | 'bar' | 'grouped-bar';
  /** The axis the categories run along (years, districts, clocks). */
  categoryLabel: string;
  valueLabel: string;
  data: { series: string; category: string; value: number }[];
  /** Points not drawn because the authority did not report them; the chart's data table gives the reason. */
  notReported?: { series: string; category: string; note: string }[];
}

export interface Period {
  fy: string;
  quarter: 1 | 2 | 3 | 4 | null;
  start: Date;
  /** Exclusive. */
  end: Date;
  /** "2023/24" or "2023/24 Q1 (April to June 2023)". */
  label: string;
}

export type ReportId = 'table1' | 'committee' | 'table2' | 'table3' | 'language';

export interface Report {
  id: ReportId;
  title: string;
  authority: { code: string; name: string };
  period: Period;
  generatedAt: Date;
  /** The configurable settings used (metrics.md: "the report states which setting was used"). */
  settings: Record<string, string>;
  tables: ReportTable[];
  charts: ChartSpec[];
}

export interface ReportContext {
  authorityCode: string;
  authorityName: string;
  period: Period;
  now: Date;
  settings: Record<string, unknown>;
}

export interface ReportDefinition {
  id: ReportId;
  title: string;
  description: string;
  /** Whether a quarter may be asked for (Table 1 is by financial year only). */
  quarters: boolean;
  build(q: Tx, ctx: ReportContext): Promise<Report>;
}

const QUARTER_MONTHS = ['April to June', 'July to September', 'October to December', 'January to March'] as const;

/** A financial year (`2023/24`) or one of its quarters (`Q1`..`Q4`), in Europe/London time. */
export function parsePeriod(fy: string, quarter?: string | null): Period {
  let year: { start: Date; end: Date };
  try {
    year = financialYear(fy);
  } catch {
    throw new ValidationFailed([{ field: 'fy', message: 'Enter a financial year like 2023/24' }]);
  }
  if (!quarter) return { fy, quarter: null, start: year.start, end: year.end, label: fy };
  const match = /^Q([1-4])$/i.exec(quarter.trim());
  if (!match) throw new ValidationFailed([{ field: 'quarter', message: 'Enter a quarter: Q1, Q2, Q3 or Q4' }]);
  const n = Number(match[1]) as 1 | 2 | 3 | 4;
  const start = DateTime.fromJSDate(year.start, { zone: 'Europe/London' }).plus({ months: 3 * (n - 1) });
  const end = start.plus({ months: 3 });
  const calendarYear = start.year;
  return { fy, quarter: n, start: start.toJSDate(), end: end.toJSDate(), label: `${fy} Q${n} (${QUARTER_MONTHS[n - 1]} ${calendarYear})` };
}

/** The financial years ending with `fy`, oldest first: `previousYears('2023/24', 5)` → 2019/20 ... 2023/24. */
export function financialYearsEnding(fy: string, count: number): string[] {
  const first = Number(fy.slice(0, 4));
  return Array.from({ length: count }, (_, i) => {
    const y = first - (count - 1 - i);
    return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  });
}

/** A one-column table's rows from an object of measures keyed as in metrics.md. */
export function rowsOf(values: Record<string, Value>, measures: readonly { key: string; label: string; kind: MeasureKind; partOf?: string }[], column = 'value'): ReportRow[] {
  return measures.map((m) => ({ ...m, values: { [column]: values[m.key] ?? null } }));
}

/**
 * One entry of an authority's `settings.reporting.notReported`: figures it did not report for some years, e.g.
 * `{ report: 'table3', keys: ['mash_referrals'], fyFrom: '2020/21', fyTo: '2020/21', note: 'Report in development' }`.
 * Without fyFrom (fyTo) the entry has no first (last) year.
 */
export interface NotReported {
  report: string;
  keys: string[];
  fyFrom: string | null;
  fyTo: string | null;
  note: string;
}

const FY_LABEL = /^\d{4}\/\d{2}$/;
const fyStart = (fy: string) => Number(fy.slice(0, 4));

/** The well-formed entries of the setting for one report; anything else in it is left out. */
export function notReportedSettings(settings: Record<string, unknown>, report: ReportId): NotReported[] {
  const reporting = settings.reporting;
  const list = typeof reporting === 'object' && reporting !== null ? (reporting as Record<string, unknown>).notReported : undefined;
  if (!Array.isArray(list)) return [];
  const year = (v: unknown) => (typeof v === 'string' && FY_LABEL.test(v) ? v : null);
  return list.flatMap((raw: unknown): NotReported[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const e = raw as Record<string, unknown>;
    const keys = Array.isArray(e.keys) ? e.keys.filter((k): k is string => typeof k === 'string') : [];
    if (e.report !== report || keys.length === 0) return [];
    const note = typeof e.note === 'string' && e.note.trim() !== '' ? e.note.trim() : 'no reason given';
    return [{ report, keys, fyFrom: year(e.fyFrom), fyTo: year(e.fyTo), note }];
  });
}

/** The table with the cells of the entries (columns keyed by financial year) emptied and marked not reported. */
export function markNotReported(table: ReportTable, entries: readonly NotReported[]): ReportTable {
  const covers = (e: NotReported, fy: string) => FY_LABEL.test(fy)
    && (e.fyFrom === null || fyStart(fy) >= fyStart(e.fyFrom)) && (e.fyTo === null || fyStart(fy) <= fyStart(e.fyTo));
  const rows = table.rows.map((row) => {
    const marks: Record<string, string> = {};
    for (const column of table.columns) {
      const entry = entries.find((e) => e.keys.includes(row.key) && covers(e, column.key));
      if (entry) marks[column.key] = entry.note;
    }
    if (Object.keys(marks).length === 0) return row;
    const values = { ...row.values, ...Object.fromEntries(Object.keys(marks).map((k) => [k, null])) };
    return { ...row, values, notReported: { ...row.notReported, ...marks } };
  });
  return { ...table, rows };
}

/** The years an entry covers, in words: "2020/21", "2019/20 to 2020/21", "every year". */
export function notReportedYears(e: Pick<NotReported, 'fyFrom' | 'fyTo'>): string {
  return e.fyFrom === e.fyTo ? (e.fyFrom ?? 'every year') : `${e.fyFrom ?? 'the first year'} to ${e.fyTo ?? 'now'}`;
}

/** For the notes: which figures the setting leaves out, in words. */
export function describeNotReported(entries: readonly NotReported[], labels: ReadonlyMap<string, string>): string[] {
  return entries.map((e) => {
    const years = notReportedYears(e);
    const what = e.keys.map((k) => labels.get(k) ?? k).join('; ');
    return `Not reported for ${years} (${e.note}), as the authority has set: ${what}.`;
  });
}
