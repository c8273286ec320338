/**
 * What would make the national report faster, tried in the benchmark's own database after the main figures
 * (BENCH_SKIP=proposals leaves it out). Settings: each step is kept for the next, and after each the report is
 * timed again (through a new pool, so new settings apply) with the plans of its statements. A rewrite: a
 * statement of the report timed beside a proposed replacement, over the same rows, its answer checked equal.
 * Nothing here changes Homeward: these are proposals, measured.
 */
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { computeTable1 } from '../../src/modules/reports/table1.ts';
import { explainReport, type QueryPlan } from './reports-explain.ts';
import { timeReport, homewardSide, type Ask, type HomewardCommittee, type ReportTiming } from './reports-measure.ts';
import { fmt, table } from './report.ts';

export interface Proposal {
  label: string;
  timing: ReportTiming;
  plans: QueryPlan[];
}

const STEPS: { label: string; sql: (database: string) => string[] }[] = [
  {
    // The planner's default assumes spinning disks; on SSD or a cached working set, index probes are cheap.
    label: 'random_page_cost = 1.1 (server setting)',
    sql: (database) => [`ALTER DATABASE ${pg.escapeIdentifier(database)} SET random_page_cost = 1.1`],
  },
  {
    // A report's statements each read a few thousand rows: starting parallel workers costs more than it saves
    // on two shared cores.
    label: '+ max_parallel_workers_per_gather = 0 (server setting)',
    sql: (database) => [`ALTER DATABASE ${pg.escapeIdentifier(database)} SET max_parallel_workers_per_gather = 0`],
  },
];

/** A short name for each statement of the report, from what its SQL reads. */
export function statementName(query: string): string {
  if (query.includes('GROUPING(classification, sex, age)')) return 'Table 1';
  if (query.includes('AS absent')) return 'committee: incidents started';
  if (query.includes('AS notifications')) return 'committee: notifications';
  if (query.includes('return_interview_factors')) return 'committee: reasons and risks';
  if (query.includes('offered_in_time')) return 'committee: incidents ended, interviews';
  if (query.includes('meeting_requests')) return 'committee: meetings';
  return query.slice(0, 40).replace(/\s+/g, ' ');
}

export async function tryProposals(url: string, ask: Ask, committee: HomewardCommittee, o: { warmUp: number; runs: number },
  log: (line: string) => void): Promise<Proposal[]> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const out: Proposal[] = [];
  for (const step of STEPS) {
    log(`Proposal: ${step.label}...`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (const text of step.sql(database)) await admin.query(text);
    } finally {
      await admin.end();
    }
    const db: Database = await openDatabase({ kind: 'postgres', url });
    try {
      const timing = await timeReport(homewardSide(db, committee), ask, o);
      const plans = await explainReport(db, async (tx) => {
        await computeTable1(tx, { authorityCode: ask.authorityCode, fy: ask.fy });
        await committee(tx, ask);
      });
      out.push({ label: step.label, timing, plans });
    } finally {
      await db.close();
    }
  }
  return out;
}

/** The report's median and each statement's time (EXPLAIN ANALYZE) as it is and after each step. */
export function printProposals(base: { timing: ReportTiming; plans: QueryPlan[] }, proposals: Proposal[]): string {
  const columns = [{ label: 'as it is', ...base }, ...proposals];
  const names = [...new Set(columns.flatMap((c) => c.plans.map((p) => statementName(p.query))))];
  const msOf = (plans: QueryPlan[], name: string) => plans.filter((p) => statementName(p.query) === name).reduce((sum, p) => sum + p.ms, 0);
  const rows = [
    ['Table 1 + committee, median of the timed runs (ms)', ...columns.map((c) => fmt.ms(c.timing.report.median))],
    ...names.map((name) => [`  ${name} (ms, one EXPLAIN ANALYZE)`, ...columns.map((c) => fmt.ms(msOf(c.plans, name)))]),
  ];
  const legend = proposals.map((p, k) => `(${k + 1}) ${p.label}`).join('; ');
  return `${table(['PostgreSQL, one authority-year', 'as it is', ...proposals.map((_, k) => `(${k + 1})`)], rows)}\n${legend}; each step keeps the ones before.`;
}
