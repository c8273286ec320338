/** The rule benchmark's figures: latency summaries and the tables printed with their target. */
import type { AlertsResult } from './rules-alerts.ts';
import type { NationalData } from './rules-data.ts';
import type { MeetingHistory } from './rules-history.ts';
import type { Branch, SampleResult } from './rules-measure.ts';
import { fmt, median, percentile, table, verdict } from './report.ts';

export const RULES_TARGETS = { evaluateMedianMs: 5 } as const;

export interface Latency {
  samples: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(ms: readonly number[]): Latency {
  return { samples: ms.length, median: median(ms), p95: percentile(ms, 95), p99: percentile(ms, 99), max: ms.length ? Math.max(...ms) : Number.NaN };
}

const BRANCHES: { key: Branch; label: string }[] = [
  { key: 'below', label: 'fewer incidents than the threshold' },
  { key: 'notMet', label: 'threshold reached, rule not met' },
  { key: 'met', label: 'rule met (request raised or absorbed)' },
];

export interface RuleFigures {
  evaluate: Latency;
  intake: Latency;
  evaluateByBranch: Record<Branch, Latency>;
  intakeByBranch: Record<Branch, Latency>;
  intakeLinked: number;
}

export function ruleFigures(results: SampleResult[]): RuleFigures {
  const by = (pick: (r: SampleResult) => Branch, ms: (r: SampleResult) => number) =>
    Object.fromEntries(BRANCHES.map(({ key }) => [key, latency(results.filter((r) => pick(r) === key).map(ms))])) as Record<Branch, Latency>;
  return {
    evaluate: latency(results.map((r) => r.evaluateMs)),
    intake: latency(results.map((r) => r.intakeMs)),
    evaluateByBranch: by((r) => r.evaluateBranch, (r) => r.evaluateMs),
    intakeByBranch: by((r) => r.intakeBranch, (r) => r.intakeMs),
    intakeLinked: results.filter((r) => r.intakeLinked).length,
  };
}

const row = (label: string, l: Latency, target: string, ok: boolean | null) => [
  label, fmt.int(l.samples), fmt.ms(l.median), fmt.ms(l.p95), fmt.ms(l.p99), fmt.ms(l.max), target, ok === null ? '' : verdict(ok),
];

export function printRules(f: RuleFigures): string {
  const target = RULES_TARGETS.evaluateMedianMs;
  const rows = [
    row('(a) evaluateRepeatMissingFor, in the insert transaction', f.evaluate, `median <= ${target} ms`, f.evaluate.median <= target),
    ...BRANCHES.map(({ key, label }) => row(`      ${label}`, f.evaluateByBranch[key], '', null)),
    row('(b) recordMissingNotification, end to end', f.intake, '(context)', null),
    ...BRANCHES.map(({ key, label }) => row(`      ${label}`, f.intakeByBranch[key], '', null)),
  ];
  const met = f.evaluateByBranch.met.samples + f.intakeByBranch.met.samples;
  return [
    table(['Measurement (one new incident for one child)', 'Samples', 'Median ms', 'p95 ms', 'p99 ms', 'Max ms', 'Target', ''], rows),
    `New incidents that met the rule: ${met} of ${f.evaluate.samples + f.intake.samples} ((a) ${f.evaluateByBranch.met.samples}, (b) ${f.intakeByBranch.met.samples}). Notifications linked to the sampled child: ${f.intakeLinked} of ${f.intake.samples}.`,
  ].join('\n');
}

export function printData(d: NationalData, h: MeetingHistory, loadMs: { total: number; analyse: number }): string {
  const g = d.childrenByGroup;
  const pct = (n: number) => `${((100 * n) / Math.max(1, d.children)).toFixed(0)}%`;
  return [
    `Data: ${fmt.int(d.incidents)} incidents for ${fmt.int(d.children)} children in ${d.authorities} authorities (${d.authoritiesWithOwnRule} with their own rule, 3 incidents in 60 days), over ten years; ${d.openIncidents} missing now.`,
    `  Children by incidents: 1: ${fmt.int(g.once)} (${pct(g.once)}), 2: ${fmt.int(g.twice)} (${pct(g.twice)}), 3-9: ${fmt.int(g.threeToNine)} (${pct(g.threeToNine)}), 10 or more: ${fmt.int(g.tenOrMore)} (${pct(g.tenOrMore)}); at most ${d.maxIncidentsPerChild}.`,
    `  Meeting history (the rule over each child's history): ${fmt.int(h.requests)} requests (${fmt.int(h.openRequests)} open) for ${fmt.int(h.childrenWithRequests)} children, ${fmt.int(h.links)} counted incidents.`,
    `  Load took ${fmt.s(loadMs.total)} s: ${Object.entries(d.ms).map(([k, ms]) => `${k} ${fmt.s(ms)} s`).join(', ')}, meeting history ${fmt.s(h.ms)} s, ANALYZE ${fmt.s(loadMs.analyse)} s.`,
  ].join('\n');
}

export function printAlerts(a: AlertsResult): string {
  const rows = [
    ['Raise (raiseAlerts, one transaction each)', fmt.int(a.alerts), fmt.s(a.raise.totalMs), fmt.ms(a.raise.perAlert.median), fmt.ms(a.raise.perAlert.p99)],
    ['Deliver (deliverOutbox, smtpSender)', fmt.int(a.deliver.result.sent), fmt.s(a.deliver.totalMs), fmt.ms(a.deliver.totalMs / Math.max(1, a.deliver.result.sent)), '-'],
    ['Raise and deliver', fmt.int(a.alerts), fmt.s(a.raise.totalMs + a.deliver.totalMs), '-', '-'],
    ['(compare) deliver through a pooled transport', fmt.int(a.pooled.deliver.result.sent), fmt.s(a.pooled.deliver.totalMs), fmt.ms(a.pooled.deliver.totalMs / Math.max(1, a.pooled.deliver.result.sent)), '-'],
  ];
  const d = a.drainedBefore;
  return [
    table(['Alerts (ms each: median raising, mean delivering)', 'Count', 'Total s', 'ms each', 'p99 ms'], rows),
    `Arrived at the SMTP server: ${a.arrived} of ${a.alerts} (${fmt.int(a.deliver.perSecond)} messages/s); failed ${a.deliver.result.failed}, expired ${a.deliver.result.expired}.`,
    `smtpSender pools its SMTP connections; the comparison round (${a.pooled.arrived} arrived) is a bare pooled nodemailer transport outside the outbox.`,
    `Delivered first, untimed: ${d.sent} e-mails the rule's own alerts had queued (failed ${d.failed}).`,
  ].join('\n');
}
