/**
 * The soak's figures: requests, errors (with samples), latency percentiles per kind and overall, throughput, and
 * the server's memory over time with its slope per minute.
 */
import { fmt, percentile, table } from './report.ts';
import type { Reply } from './soak-client.ts';
import type { Kind } from './soak-workload.ts';

export interface MemorySample {
  minute: number;
  rssMiB: number;
  heapUsedMiB: number;
}

interface KindFigures {
  latencies: number[];
  errors: number;
  expected4xx: number;
  statuses: Record<string, number>;
}

const MiB = 1024 * 1024;
export const toMiB = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

export class SoakFigures {
  readonly byKind = new Map<Kind, KindFigures>();
  readonly errorSamples: string[] = [];
  measuring = false;

  /** A request counts as an error unless it was 2xx, a redirect other than to sign in, or an expected 4xx. */
  record(kind: Kind, reply: Reply, expected: number[] = []): void {
    if (!this.measuring) return;
    const k = this.byKind.get(kind) ?? { latencies: [], errors: 0, expected4xx: 0, statuses: {} };
    this.byKind.set(kind, k);
    k.latencies.push(reply.ms);
    k.statuses[reply.status] = (k.statuses[reply.status] ?? 0) + 1;
    const signedOut = reply.status >= 300 && reply.status < 400 && (reply.location ?? '').startsWith('/sign-in');
    if (expected.includes(reply.status)) k.expected4xx += 1;
    else if (reply.status === 0 || reply.status >= 400 || signedOut) {
      k.errors += 1;
      if (this.errorSamples.length < 12) {
        const title = /<title>([^<]*)<\/title>/.exec(reply.body)?.[1]?.trim() ?? reply.body.slice(0, 160).replace(/\s+/g, ' ');
        // The first line of a form's error summary says what was wrong with the save.
        const problem = /govuk-error-summary__list[\s\S]*?<a [^>]*>([^<]*)<\/a>/.exec(reply.body)?.[1]?.trim();
        this.errorSamples.push(`${kind} ${reply.method} ${reply.path.slice(0, 80)} → ${reply.status}${reply.location ? ` → ${reply.location}` : ''}: ${title}${problem ? ` (${problem})` : ''}`);
      }
    }
  }

  /** Per kind, for the results file: counts, statuses and percentiles. */
  summary() {
    return Object.fromEntries([...this.byKind].map(([kind, k]) => [kind, {
      requests: k.latencies.length, errors: k.errors, expected4xx: k.expected4xx, statuses: k.statuses,
      p50: percentile(k.latencies, 50), p95: percentile(k.latencies, 95), p99: percentile(k.latencies, 99),
    }]));
  }

  totals() {
    const all = [...this.byKind.values()];
    const latencies = all.flatMap((k) => k.latencies);
    return { requests: latencies.length, errors: all.reduce((n, k) => n + k.errors, 0), expected4xx: all.reduce((n, k) => n + k.expected4xx, 0), latencies };
  }
}

/** Least-squares slope of the values against the minutes: MiB per minute. */
export function slopePerMinute(points: { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

export function printLatency(figures: SoakFigures, seconds: number): string {
  const row = (name: string, lat: number[], errors: number, expected: number) => [
    name, fmt.int(lat.length), fmt.int(errors), fmt.int(expected), (lat.length / seconds).toFixed(1),
    fmt.ms(percentile(lat, 50)), fmt.ms(percentile(lat, 95)), fmt.ms(percentile(lat, 99)), fmt.ms(lat.length ? Math.max(...lat) : Number.NaN),
  ];
  const kinds = [...figures.byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  const t = figures.totals();
  return table(
    ['kind', 'requests', 'errors', 'expected 4xx', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    [...kinds.map(([kind, k]) => row(kind, k.latencies, k.errors, k.expected4xx)), row('ALL', t.latencies, t.errors, t.expected4xx)],
  );
}

export function printMemory(samples: MemorySample[]): string {
  const rows = samples.map((s) => [s.minute.toFixed(1), s.rssMiB.toFixed(1), s.heapUsedMiB.toFixed(1)]);
  const rss = slopePerMinute(samples.map((s) => ({ x: s.minute, y: s.rssMiB })));
  const heap = slopePerMinute(samples.map((s) => ({ x: s.minute, y: s.heapUsedMiB })));
  const first = samples[0];
  const last = samples.at(-1);
  const growth = first && last ? `growth start→end: RSS ${(last.rssMiB - first.rssMiB).toFixed(1)} MiB, heapUsed ${(last.heapUsedMiB - first.heapUsedMiB).toFixed(1)} MiB` : '';
  return `${table(['minute', 'RSS MiB', 'heapUsed MiB (after GC)'], rows)}\nslope: RSS ${rss.toFixed(2)} MiB/min, heapUsed ${heap.toFixed(2)} MiB/min; ${growth}`;
}
