/**
 * The JSON output (CLI, API, downloads): rows keyed as in metrics.md with their values, percentages to one
 * decimal place, suppressed cells as their marks ("<5", "[c]").
 */
import type { Value } from '../framework.ts';
import type { OutputReport } from '../suppression.ts';
import { machineValue } from './format.ts';

export interface ReportJson {
  report: string;
  title: string;
  authority: { code: string; name: string };
  period: { fy: string; quarter: number | null; start: string; end: string; label: string };
  generatedAt: string;
  settings: Record<string, string>;
  suppressed: boolean;
  tables: {
    id: string;
    title: string;
    columns: { key: string; label: string }[];
    /** notReported: for cells the authority did not report (value null), the reason, by column key. */
    rows: { key: string; label: string; kind: string; values: Record<string, Value>; notReported?: Record<string, string> }[];
    notes: string[];
  }[];
}

export function toJson(report: OutputReport): ReportJson {
  const { period } = report;
  return {
    report: report.id,
    title: report.title,
    authority: { code: report.authority.code, name: report.authority.name },
    period: { fy: period.fy, quarter: period.quarter, start: period.start.toISOString(), end: period.end.toISOString(), label: period.label },
    generatedAt: report.generatedAt.toISOString(),
    settings: report.settings,
    suppressed: report.suppression !== undefined,
    tables: report.tables.map((t) => ({
      id: t.id,
      title: t.title,
      columns: t.columns.map((c) => ({ key: c.key, label: c.label })),
      rows: t.rows.map((r) => ({
        key: r.key,
        label: r.label,
        kind: r.kind,
        values: Object.fromEntries(t.columns.map((c) => [c.key, machineValue(r.kind, r.values[c.key] ?? null)])),
        ...(r.notReported ? { notReported: r.notReported } : {}),
      })),
      notes: t.notes,
    })),
  };
}

/** The JSON text, as the CLI prints and downloads give it. */
export const toJsonText = (report: OutputReport) => `${JSON.stringify(toJson(report), null, 2)}\n`;
