/** The benchmark's tables, with each figure's target and PASS/MISS beside it. */
import type { CountyData } from './county-load.ts';
import type { RouteResult } from './http-load.ts';
import type { Series } from './intake-runs.ts';
import { fmt, table, verdict } from './report.ts';

export const TARGETS = {
  postgresRowsPerSecond: 10_000,
  postgresTimesCopy: 5,
  pgliteRowsPerSecond: 2_000,
  p95Ms: 50,
} as const;

export function printIntake(r: { rows: number; postgres: { intake: Series; copy: Series }; pglite: Series[] }): string {
  const { intake, copy } = r.postgres;
  const times = copy.medianRowsPerSecond / intake.medianRowsPerSecond;
  const row = (s: Series, target: string, ok: boolean | null) => [
    s.label, String(s.runs.length), s.runs.map((x) => fmt.s(x.ms)).join(' / '), fmt.s(s.medianMs), fmt.int(s.medianRowsPerSecond), target, ok === null ? '' : verdict(ok),
  ];
  const rows = [
    row(intake, `>= ${fmt.int(TARGETS.postgresRowsPerSecond)} rows/s`, intake.medianRowsPerSecond >= TARGETS.postgresRowsPerSecond),
    row(copy, '(baseline)', null),
    ['Intake vs raw COPY (slower by)', '', '', '', fmt.ratio(times), `<= ${TARGETS.postgresTimesCopy}x`, verdict(times <= TARGETS.postgresTimesCopy)],
    ...r.pglite.map((s) => row(s, `>= ${fmt.int(TARGETS.pgliteRowsPerSecond)} rows/s`, s.medianRowsPerSecond >= TARGETS.pgliteRowsPerSecond)),
  ];
  const first = intake.runs[0];
  const landed = first ? `\nEach intake run: ${first.accepted} new, ${first.updated} updated, ${first.rejected} rejected; ${first.incidents} incidents and ${first.children} children in the database.` : '';
  return `Intake of ${fmt.int(r.rows)} notifications (CSV file, importNotificationFile end to end; median of fresh databases)\n${table(['Measurement', 'Runs', 'Seconds per run', 'Median s', 'Rows/s', 'Target', ''], rows)}${landed}`;
}

export function printLoad(
  r: { county: CountyData; results: RouteResult[]; sessions: number; poolSize: number },
  o: { concurrency: number; seconds: number },
): string {
  const c = r.county;
  const head = [
    `Load test: ${o.concurrency} concurrent clients, ${o.seconds} s per route after a 2 s warm-up, app and clients on this machine (clients in a worker thread), ${r.sessions} signed-in sessions shared round the clients, PostgreSQL pool of ${r.poolSize}.`,
    `County data: ${fmt.int(c.incidents)} incidents over ten years, ${fmt.int(c.children)} children (${fmt.int(c.repeatChildren)} missing more than once), ${c.openNow} missing now, ${c.openTasks} open tasks, ${fmt.int(c.openPossibleMatches)} open possible matches; child pages sampled have ${c.incidentsPerSampledChild.min}-${c.incidentsPerSampledChild.max} incidents.`,
  ];
  const rows = r.results.map((x) => [
    x.route, fmt.int(x.requests), fmt.int(x.requestsPerSecond), fmt.ms(x.p50), fmt.ms(x.p95), fmt.ms(x.p99), fmt.int(x.errors), `<= ${TARGETS.p95Ms} ms`,
    x.judged ? verdict(x.p95 <= TARGETS.p95Ms && x.errors === 0) : '(info)',
  ]);
  const notes = r.results.map((x) => `  ${x.route}: first answer ${x.note}; statuses ${Object.entries(x.statuses).map(([s, n]) => `${s}x${n}`).join(' ')}`);
  return [...head, table(['Route', 'Requests', 'Req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'Errors', 'p95 target', ''], rows), ...notes].join('\n');
}
