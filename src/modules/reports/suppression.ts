/**
 * Small-number suppression for published outputs (metrics.md "Small-number suppression"): counts of 1 to
 * threshold-1 are shown as `<5`, and where a hidden count and its total (`partOf`) would let it be worked out
 * (the total minus the other parts), the next smallest part is hidden too, shown as `[c]`. Pure: no I/O.
 *
 * A reader who knows these rules knows `<5` means 1-4 and `[c]` means 5 or more; a hidden cell counts as
 * derivable when that knowledge and the visible figures of its group leave it only one possible value.
 * Operational views are never suppressed; percentages and ratios are left as they are (the notes say so).
 */
import type { Report, ReportTable, Value } from './framework.ts';
import { suppressCharts } from './suppression-charts.ts';

export const DEFAULT_SUPPRESS_BELOW = 5;
export const SECONDARY_MARK = '[c]';
export const primaryMark = (threshold: number) => `<${threshold}`;

/** What a published report carries so renderers can say how it was suppressed, and leave out chart points. */
export interface SuppressionInfo {
  threshold: number;
  /** By chart id: the points not drawn, with the mark shown in their place in the chart's data table. */
  charts: Record<string, HiddenPoints>;
}

export interface HiddenPoints {
  /** The chart's categories and series in their order, including those with nothing drawn. */
  categories: string[];
  series: string[];
  hidden: { series: string; category: string; mark: string }[];
}

/** A report as rendered: published reports carry their suppression. */
export type OutputReport = Report & { suppression?: SuppressionInfo };

/** The authority's threshold: `settings.reports.suppressBelow`, a whole number of at least 2, else 5. */
export function suppressionThreshold(settings: Record<string, unknown>): number {
  const reports = settings.reports;
  const value = reports && typeof reports === 'object' && 'suppressBelow' in reports ? reports.suppressBelow : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 ? value : DEFAULT_SUPPRESS_BELOW;
}

const SUPPRESSIBLE = new Set(['count', 'individuals']);

type State = 'shown' | 'primary' | 'secondary';

interface Cell {
  value: number;
  state: State;
}

/** The values a reader can tell a cell lies between: exact when shown, else what its mark says. */
function bounds(cell: Cell, threshold: number): [number, number] {
  if (cell.state === 'shown') return [cell.value, cell.value];
  return cell.state === 'primary' ? [1, threshold - 1] : [threshold, Infinity];
}

/** Whether some hidden cell of a group (a total and its parts) has only one possible value. */
function groupLeaks(total: Cell, parts: Cell[], threshold: number): boolean {
  const b = parts.map((p) => bounds(p, threshold));
  const [tLo, tHi] = bounds(total, threshold);
  // Sums skip one part by index rather than subtracting it: Infinity - Infinity is not a number.
  const sumOf = (skip: number, end: 0 | 1) => b.reduce((s, range, j) => (j === skip ? s : s + range[end]), 0);
  if (total.state !== 'shown' && Math.max(tLo, sumOf(-1, 0)) === Math.min(tHi, sumOf(-1, 1))) return true;
  return parts.some((part, i) => {
    if (part.state === 'shown') return false;
    const [lo, hi] = b[i] ?? [0, 0];
    return Math.max(lo, tLo - sumOf(i, 1)) === Math.min(hi, tHi - sumOf(i, 0));
  });
}

/** The cell to hide next in a leaking group: the smallest visible non-zero part, else the total. */
function nextToHide(total: Cell, parts: Cell[]): Cell | null {
  const visible = parts.filter((p) => p.state === 'shown' && p.value > 0).sort((a, b) => a.value - b.value);
  if (visible[0]) return visible[0];
  return total.state === 'shown' && total.value > 0 ? total : null;
}

/** A column that is the sum of the table's other columns (the committee's "Total" beside the districts). */
const isTotalColumn = (column: { key: string; label: string }) => column.key === 'total' || /^total$/i.test(column.label);

/**
 * The groups a reader could add up in a table: a row and its parts (`partOf`) in each column, and in each row
 * a total column and the other columns.
 */
function groupsOf(table: ReportTable, cells: Map<string, Cell>): { total: Cell; parts: Cell[] }[] {
  const at = (r: number, c: number) => cells.get(`${r}:${c}`);
  const present = (list: (Cell | undefined)[]) => list.filter((c): c is Cell => c !== undefined);
  const byRow = table.columns.flatMap((_, c) => table.rows.map((row, r) => ({
    total: at(r, c), parts: present(table.rows.map((p, j) => (p.partOf === row.key ? at(j, c) : undefined))),
  })));
  const totalColumn = table.columns.findIndex(isTotalColumn);
  const byColumn = totalColumn < 0 ? [] : table.rows.map((_, r) => ({
    total: at(r, totalColumn), parts: present(table.columns.map((_c, c) => (c === totalColumn ? undefined : at(r, c)))),
  }));
  return [...byRow, ...byColumn].flatMap(({ total, parts }) => (total && parts.length > 0 ? [{ total, parts }] : []));
}

/** A figure as another table may repeat it: its measure and its value. */
const figure = (key: string, value: number) => `${key}=${value}`;

/**
 * Which cells of a table are hidden, by "row:column" index: small counts, the figures hidden in another table
 * (`forced`), then what they could be worked out from.
 */
function suppressCells(table: ReportTable, threshold: number, forced: ReadonlySet<string>): Map<string, State> {
  const cells = new Map<string, Cell>();
  const stateOf = (key: string, v: number): State => (v >= 1 && v < threshold ? 'primary' : v > 0 && forced.has(figure(key, v)) ? 'secondary' : 'shown');
  table.rows.forEach((row, r) => table.columns.forEach((column, c) => {
    const v = row.values[column.key];
    if (SUPPRESSIBLE.has(row.kind) && typeof v === 'number') cells.set(`${r}:${c}`, { value: v, state: stateOf(row.key, v) });
  }));
  const groups = groupsOf(table, cells);
  // Hiding one cell can make another group leak (a part that is also a total): repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of groups) {
      const next = groupLeaks(total, parts, threshold) ? nextToHide(total, parts) : null;
      if (next) {
        next.state = 'secondary';
        changed = true;
      }
    }
  }
  return new Map([...cells].map(([k, cell]) => [k, cell.state]));
}

/** A table with its small counts hidden (and the figures in `forced`, hidden elsewhere). */
export function suppressTable(table: ReportTable, threshold: number, forced: ReadonlySet<string> = new Set()): ReportTable {
  const states = suppressCells(table, threshold, forced);
  const rows = table.rows.map((row, r) => {
    const values: Record<string, Value> = { ...row.values };
    table.columns.forEach((column, c) => {
      const state = states.get(`${r}:${c}`);
      if (state === 'primary') values[column.key] = primaryMark(threshold);
      if (state === 'secondary') values[column.key] = SECONDARY_MARK;
    });
    return { ...row, values };
  });
  return { ...table, rows, notes: [...table.notes, suppressionNote(threshold)] };
}

export function suppressionNote(threshold: number): string {
  return `Published figures: counts from 1 to ${threshold - 1} are shown as ${primaryMark(threshold)}, and ${SECONDARY_MARK} marks a count hidden so that a small one cannot be worked out from a total. Percentages and ratios are worked out from the full figures and are shown as they are.`;
}

/** The figures hidden in the tables: each measure's key with the value behind the mark. */
function hiddenFigures(original: ReportTable[], suppressed: ReportTable[]): Set<string> {
  const hidden = new Set<string>();
  original.forEach((table, t) => table.rows.forEach((row, r) => table.columns.forEach((column) => {
    const value = row.values[column.key];
    if (typeof value === 'number' && typeof suppressed[t]?.rows[r]?.values[column.key] === 'string') hidden.add(figure(row.key, value));
  })));
  return hidden;
}

/**
 * Every table suppressed, and a figure hidden in one table hidden wherever another repeats it (the committee's
 * period table repeats the district table's total column): repeated until no table hides anything new.
 */
export function suppressTables(tables: ReportTable[], threshold: number): ReportTable[] {
  let forced = new Set<string>();
  for (;;) {
    const suppressed = tables.map((t) => suppressTable(t, threshold, forced));
    const hidden = hiddenFigures(tables, suppressed);
    if ([...hidden].every((f) => forced.has(f))) return suppressed;
    forced = new Set([...forced, ...hidden]);
  }
}

/** The same report with small numbers hidden in its tables and charts, saying so in its settings. */
export function suppressReport(report: Report, threshold: number): OutputReport {
  const tables = suppressTables(report.tables, threshold);
  const { charts, hidden } = suppressCharts(report, tables, { threshold, primary: primaryMark(threshold), secondary: SECONDARY_MARK });
  const settings = { ...report.settings, 'Small-number suppression': `on: counts under ${threshold} hidden (published output)` };
  return { ...report, settings, tables, charts, suppression: { threshold, charts: hidden } };
}

/** The operational view: nothing hidden, and the report says it is not for publication. */
export function operationalReport(report: Report): OutputReport {
  return { ...report, settings: { ...report.settings, 'Small-number suppression': 'off: operational figures, not for publication' } };
}
