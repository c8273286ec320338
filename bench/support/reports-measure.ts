/**
 * Timing a report both ways and checking one against the other. A "side" computes the figures of one
 * authority-year: Homeward's own report functions on PostgreSQL or PGlite, or the DuckDB definitions. Each run
 * computes Table 1 and then the committee measures, as a person asking for the report would wait for both.
 */
import type { Database, Tx } from '../../src/db/database.ts';
import { computeTable1, type Table1 } from '../../src/modules/reports/table1.ts';
import { median, percentile } from './report.ts';

export interface Ask {
  authorityCode: string;
  fy: string;
  start: Date;
  end: Date;
  settings: Record<string, unknown>;
}

export type Figures = Record<string, unknown>;

/** Homeward's committee measures for one ask, in a query handle (a read or a transaction). */
export type HomewardCommittee = (q: Tx, ask: Ask) => Promise<Figures>;

/** One report's parts: Table 1 and (when there is one) the committee measures. */
export interface Side {
  table1(ask: Ask): Promise<Table1>;
  committee: ((ask: Ask) => Promise<Figures>) | null;
}

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  max: number;
}

export interface ReportTiming {
  table1: Timing;
  committee: Timing | null;
  /** Table 1 then the committee measures, per run. */
  report: Timing;
}

export const timing = (ms: readonly number[]): Timing => ({
  runs: ms.length, median: median(ms), p95: percentile(ms, 95), max: ms.length ? Math.max(...ms) : Number.NaN,
});

/** What a timing run calls: any two parts, the second optional. */
export interface Timed {
  table1(ask: Ask): Promise<unknown>;
  committee: ((ask: Ask) => Promise<unknown>) | null;
}

/** `runs` timed runs after `warmUp` untimed ones, each run timing both parts. */
export async function timeReport(side: Timed, ask: Ask, o: { warmUp: number; runs: number }): Promise<ReportTiming> {
  const t1: number[] = [];
  const cm: number[] = [];
  const both: number[] = [];
  for (let k = 0; k < o.warmUp + o.runs; k += 1) {
    const a = performance.now();
    await side.table1(ask);
    const b = performance.now();
    if (side.committee) await side.committee(ask);
    const c = performance.now();
    if (k < o.warmUp) continue;
    t1.push(b - a);
    if (side.committee) cm.push(c - b);
    both.push(c - a);
  }
  return { table1: timing(t1), committee: side.committee ? timing(cm) : null, report: timing(both) };
}

/** Homeward's own functions, each in a read of the database as the reports service would run them. */
export function homewardSide(db: Database, committee: HomewardCommittee | null): Side {
  return {
    table1: (ask) => db.read((q) => computeTable1(q, { authorityCode: ask.authorityCode, fy: ask.fy })),
    committee: committee ? (ask) => db.read((q) => committee(q, ask)) : null,
  };
}

export interface Difference {
  authorityCode: string;
  part: 'table1' | 'committee';
  key: string;
  homeward: unknown;
  duckdb: unknown;
}

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return JSON.stringify(a) === JSON.stringify(b);
};

/** Every key of either set of figures whose values differ (percentages to within rounding noise). */
export function differences(authorityCode: string, part: Difference['part'], homeward: Figures, duckdb: Figures): Difference[] {
  const keys = [...new Set([...Object.keys(homeward), ...Object.keys(duckdb)])];
  return keys.filter((key) => !same(homeward[key], duckdb[key])).map((key) => ({ authorityCode, part, key, homeward: homeward[key], duckdb: duckdb[key] }));
}

/** Both sides' figures for one ask, with their differences. */
export async function compareOne(homeward: Side, duck: Side, ask: Ask): Promise<{ homeward: Figures; duckdb: Figures; differences: Difference[] }> {
  const h: Figures = { table1: await homeward.table1(ask) };
  const d: Figures = { table1: await duck.table1(ask) };
  const diffs = differences(ask.authorityCode, 'table1', h.table1 as Figures, d.table1 as Figures);
  if (homeward.committee && duck.committee) {
    h.committee = await homeward.committee(ask);
    d.committee = await duck.committee(ask);
    diffs.push(...differences(ask.authorityCode, 'committee', h.committee as Figures, d.committee as Figures));
  }
  return { homeward: h, duckdb: d, differences: diffs };
}
