/**
 * Small-number suppression for a published report's charts (see suppression.ts for the tables): a chart of
 * counts never draws a figure its tables hide. A chart says only its categories and series, not which table
 * cells it was drawn from, so a point is matched to the cells of its category's column with the same value.
 */
import type { ChartSpec, Report, ReportTable } from './framework.ts';
import type { SuppressionInfo } from './suppression.ts';

const SUPPRESSIBLE = new Set(['count', 'individuals']);

type Cells = { hidden: Set<number>; shown: Set<number> };

/** Whether a chart's values are counts (to be suppressed) rather than percentages or other measures. */
function chartOfCounts(chart: ChartSpec): boolean {
  if (/%|per ?cent|percentage|ratio|age/i.test(chart.valueLabel)) return false;
  return chart.data.every((d) => Number.isInteger(d.value));
}

/** By column (key and label): the count values of the cells hidden, and of those shown. */
function cellsByColumn(original: ReportTable[], suppressed: ReportTable[]): Map<string, Cells> {
  const byColumn = new Map<string, Cells>();
  original.forEach((table, t) => table.columns.forEach((column) => {
    const entry = byColumn.get(column.key) ?? byColumn.get(column.label) ?? { hidden: new Set<number>(), shown: new Set<number>() };
    table.rows.forEach((row, r) => {
      const value = row.values[column.key];
      if (!SUPPRESSIBLE.has(row.kind) || typeof value !== 'number') return;
      const printed = suppressed[t]?.rows[r]?.values[column.key];
      (typeof printed === 'number' ? entry.shown : entry.hidden).add(value);
    });
    byColumn.set(column.key, entry).set(column.label, entry);
  }));
  return byColumn;
}

/**
 * A chart of counts does not draw a point under the threshold, nor one whose figure is hidden in its column,
 * nor, to be safe, one with no such cell in a column where something is hidden, nor a point of a category that
 * is no column whose figure is hidden anywhere. Charts of percentages are drawn as they are.
 */
export function suppressCharts(
  report: Report, tables: ReportTable[], marks: { threshold: number; primary: string; secondary: string },
): { charts: ChartSpec[]; hidden: SuppressionInfo['charts'] } {
  const { threshold } = marks;
  const columns = cellsByColumn(report.tables, tables);
  const small = (value: number) => value >= 1 && value < threshold;
  const hide = ({ category, value }: { category: string; value: number }) => {
    const cells = columns.get(category);
    if (small(value)) return true;
    if (!cells) return [...columns.values()].some((c) => c.hidden.has(value));
    return cells.hidden.has(value) || (!cells.shown.has(value) && cells.hidden.size > 0);
  };
  const hidden: SuppressionInfo['charts'] = {};
  const charts = report.charts.map((chart) => {
    if (!chartOfCounts(chart)) return chart;
    hidden[chart.id] = {
      categories: [...new Set(chart.data.map((d) => d.category))],
      series: [...new Set(chart.data.map((d) => d.series))],
      hidden: chart.data.filter(hide).map((d) => ({ series: d.series, category: d.category, mark: small(d.value) ? marks.primary : marks.secondary })),
    };
    return { ...chart, data: chart.data.filter((d) => !hide(d)) };
  });
  return { charts, hidden };
}
