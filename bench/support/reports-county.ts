/**
 * The county for the PGlite half of `npm run bench:reports`: the rule benchmark's SQL generator (rules-data.ts)
 * run inside PGlite for one authority (BENCH_COUNTY_INCIDENTS incidents over ten years), its meeting history
 * from the same pure rule as rules-history.ts (written with PGlite's COPY from a blob), then what the reports
 * read (reports-data.ts). The generator takes a node-postgres pool; PGlite answers the same three calls.
 */
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import type { IncidentStart } from '../../src/modules/repeat-missing/rule.ts';
import { addReportsData, compactAndAnalyse, type ReportsData, type RunSql } from './reports-data.ts';
import { timed } from './report.ts';
import { dropPlan, loadNationalData, type NationalData } from './rules-data.ts';
import { authorityRules, childMeetings, requestLines, type Collected } from './rules-history.ts';

type Log = (line: string) => void;

export interface CountyData {
  data: NationalData;
  meetingRequests: number;
  reports: ReportsData;
  loadMs: number;
}

/** PGlite behind the part of pg.Pool the generator uses: query, connect and release (one connection anyway). */
function poolOf(client: PGlite): pg.Pool {
  const query = (text: string, values?: unknown[]) => client.query(text, values);
  const shim = { query, connect: async () => ({ query, release: () => undefined }) };
  return shim as unknown as pg.Pool;
}

/** The same requests rules-history.ts would write, for a database small enough to read whole. */
async function meetingHistory(client: PGlite, pool: pg.Pool, now: Date): Promise<number> {
  const rules = await authorityRules(pool);
  const { rows } = await client.query<{ child_id: string; authority_code: string; id: string; last_seen_at: Date }>(
    'SELECT child_id, authority_code, id, last_seen_at FROM incidents ORDER BY child_id, last_seen_at');
  const out: Collected = { requests: [], links: [], children: 0 };
  let k = 0;
  while (k < rows.length) {
    const first = rows[k];
    if (!first) break;
    const starts: IncidentStart[] = [];
    for (; rows[k]?.child_id === first.child_id; k += 1) starts.push({ id: rows[k]?.id ?? '', startedAt: new Date(rows[k]?.last_seen_at ?? 0) });
    const rule = rules.get(first.authority_code);
    if (!rule) throw new Error(`no rule for authority ${first.authority_code}`);
    if (starts.length >= rule.incidents) childMeetings(first.child_id, first.authority_code, starts, rule, now, out);
  }
  out.requests.sort((a, b) => a.requestedFor.getTime() - b.requestedFor.getTime());
  const lines = [...requestLines(out.requests)].join('');
  // The columns in the order requestLines writes them (as rules-history.ts copies them).
  await client.query(`COPY meeting_requests (id, authority_code, child_id, status, requested_for, explanation, rule,
    scheduled_for, held_at, completed_at, created_at) FROM '/dev/blob' (FORMAT csv)`, [], { blob: new Blob([lines]) });
  const links = out.links.map(([m, i]) => `${m},${i}\n`).join('');
  await client.query("COPY meeting_request_incidents (meeting_request_id, incident_id) FROM '/dev/blob' (FORMAT csv)", [], { blob: new Blob([links]) });
  return out.requests.length;
}

export async function loadCounty(db: Database, o: { incidents: number; now: Date }, log: Log): Promise<CountyData> {
  if (db.raw.kind !== 'pglite') throw new Error('the county is loaded into PGlite');
  const client = db.raw.client;
  const pool = poolOf(client);
  const run: RunSql = (text, values) => client.query(text, values);
  const { result, ms } = await timed(async () => {
    const data = await loadNationalData(pool, { incidents: o.incidents, authorities: 1, now: o.now, seed: 0.891 }, log);
    const meetingRequests = await meetingHistory(client, pool, o.now);
    await dropPlan(pool);
    const reports = await addReportsData(run, o.now, log);
    await compactAndAnalyse(run);
    return { data, meetingRequests, reports };
  });
  return { ...result, loadMs: ms };
}
