/** Small helpers for benchmark figures: medians, percentiles, timing, and plain-text tables. */
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (0-100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[] | Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** Runs `fn` and returns its result with the wall-clock time it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '-'),
  ms: (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-'),
  s: (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-'),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : '-'),
};

/** PASS or MISS against a target, as printed beside a figure (targets are reported, never asserted). */
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** A table with a header row, columns padded to fit; numbers and verdicts right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,x%]+$|^(PASS|MISS)$/.test(r[i] ?? '')));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
