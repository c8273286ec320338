/** The reports benchmark's tables: the data, the timings with their targets, and the two sides' figures. */
import type { AllAuthorities } from './reports-all.ts';
import type { ReportsData } from './reports-data.ts';
import type { QueryPlan } from './reports-explain.ts';
import type { Difference, Figures, ReportTiming, Timing } from './reports-measure.ts';
import { fmt, table, verdict } from './report.ts';

export const REPORTS_TARGETS = { postgresMs: 1000, timesDuckDb: 2, pgliteMs: 300 } as const;

export function printReportsData(r: ReportsData): string {
  return [
    `  What the reports read: ${fmt.int(r.returnInterviews)} return interviews (${fmt.int(r.openReturnInterviews)} still open), ${fmt.int(r.factors)} push/pull factors, ${fmt.int(r.risks)} risks,`,
    `  ${fmt.int(r.meetingRequests)} meeting requests, ${r.districts} districts, ${fmt.int(r.childrenSexUnknown)} children whose sex is not recorded.`,
  ].join('\n');
}

/** One printed row: a timing, and its target when it has one. */
export interface TimingRow {
  label: string;
  timing: Timing | null;
}

const PART_LABELS = {
  Homeward: ['Table 1 (computeTable1)', 'committee measures (computeCommittee)', 'Table 1 + committee'],
  build: ['TABLE1_REPORT.build (five years, chart)', 'COMMITTEE_REPORT.build (by district, charts)', 'both builds'],
  DuckDB: ['Table 1 (DuckDB SQL)', 'committee measures (DuckDB SQL)', 'Table 1 + committee'],
} as const;

export function timingRows(backend: string, t: ReportTiming, kind: keyof typeof PART_LABELS): TimingRow[] {
  const [table1, committee, both] = PART_LABELS[kind];
  return [
    { label: `${backend}: ${table1}`, timing: t.table1 },
    { label: `${backend}: ${committee}`, timing: t.committee },
    { label: `${backend}: ${both}`, timing: t.report },
  ];
}

/** The time targets for one backend: the report's functions, and the two report definitions' builds. */
export function targetRows(backend: string, h: { timing: ReportTiming; builds: ReportTiming }, ms: number): TargetRow[] {
  return [
    { label: `${backend}, Table 1 + committee measures, median`, figure: `${fmt.ms(h.timing.report.median)} ms`, target: `<= ${ms} ms`, ok: h.timing.report.median <= ms },
    { label: `${backend}, both report builds (as the web page), median`, figure: `${fmt.ms(h.builds.report.median)} ms`, target: `<= ${ms} ms`, ok: h.builds.report.median <= ms },
  ];
}

export function printTimings(rows: TimingRow[]): string {
  return table(
    ['Measurement (one authority, one financial year)', 'Runs', 'Median ms', 'p95 ms', 'Max ms'],
    rows.map((r) => r.timing
      ? [r.label, fmt.int(r.timing.runs), fmt.ms(r.timing.median), fmt.ms(r.timing.p95), fmt.ms(r.timing.max)]
      : [r.label, '-', '-', '-', 'not measured']),
  );
}

const shown = (v: unknown): string => (v === undefined ? '(missing)' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : JSON.stringify(v));

/** Both sides' figures key by key (percentages unrounded, to four decimal places), differences marked. */
export function printFigures(homeward: Figures, duckdb: Figures): string {
  const rows: string[][] = [];
  for (const part of ['table1', 'committee']) {
    const h = (homeward[part] ?? {}) as Figures;
    const d = (duckdb[part] ?? {}) as Figures;
    for (const key of [...new Set([...Object.keys(h), ...Object.keys(d)])]) {
      const same = shown(h[key]) === shown(d[key]);
      rows.push([`${part}.${key}`, shown(h[key]), shown(d[key]), same ? 'same' : 'DIFFERENT']);
    }
  }
  return table(['Measure', 'Homeward', 'DuckDB', ''], rows);
}

export function printDifferences(diffs: Difference[], limit = 20): string {
  if (diffs.length === 0) return '  No differences.';
  const rows = diffs.slice(0, limit).map((d) => [d.authorityCode, `${d.part}.${d.key}`, shown(d.homeward), shown(d.duckdb)]);
  const more = diffs.length > limit ? `\n  ... and ${diffs.length - limit} more` : '';
  return `${table(['Authority', 'Measure', 'Homeward', 'DuckDB'], rows)}${more}`;
}

export function printAll(a: AllAuthorities): string {
  return [
    `All ${a.authorities} authorities, same year: Homeward one authority at a time ${fmt.s(a.homewardMs)} s (${fmt.ms(a.homewardMs / Math.max(1, a.authorities))} ms each), DuckDB all at once ${fmt.ms(a.duckdbMs)} ms.`,
    `  Figures equal for ${a.agree} of ${a.authorities} authorities.`,
    ...(a.differences.length ? [printDifferences(a.differences)] : []),
  ].join('\n');
}

export interface TargetRow {
  label: string;
  figure: string;
  target: string;
  /** Null: not judged (a part of the report was not measured). */
  ok: boolean | null;
}

export function printTargets(rows: TargetRow[]): string {
  return table(['Measure', 'Figure', 'Target', ''], rows.map((r) => [r.label, r.figure, r.target, r.ok === null ? 'not judged' : verdict(r.ok)]));
}

export function printPlans(plans: QueryPlan[]): string {
  if (plans.length === 0) return 'No query plans captured.';
  return ['The plans of the report\'s queries (auto_explain, EXPLAIN ANALYZE BUFFERS):', ...plans.map((p, k) =>
    `\n-- ${k + 1}. ${fmt.ms(p.ms)} ms\n${p.query}\n${p.plan}`)].join('\n');
}
