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
