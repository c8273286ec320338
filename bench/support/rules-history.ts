/**
 * The meeting requests ten years of the repeat-missing rule would have left: for every child with enough
 * incidents, the pure rule (rule.ts) over their whole history, each trigger raising a request unless one was
 * still open (then absorbed, as the reaction does). A request is completed 21 days after it was raised (held
 * after 14); one raised in the last 21 days is still open. Written with COPY, oldest request first, so a new
 * incident is evaluated against the state the live system would be in, not against an empty meetings table.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ruleFromSettings } from '../../src/modules/repeat-missing/repeat-missing.service.ts';
import {
  describeRule, evaluateRepeatMissing, explainTrigger, type IncidentStart, type RepeatMissingRule,
} from '../../src/modules/repeat-missing/rule.ts';

const DAY = 86_400_000;
const OPEN_FOR_DAYS = 21;

export interface MeetingHistory {
  childrenEvaluated: number;
  childrenWithRequests: number;
  requests: number;
  openRequests: number;
  links: number;
  ms: number;
}

interface Request {
  id: string; authorityCode: string; childId: string; requestedFor: Date; explanation: string; rule: string; open: boolean;
}

export interface Collected {
  requests: Request[];
  links: [string, string][];
  children: number;
}

export async function authorityRules(pool: pg.Pool): Promise<Map<string, RepeatMissingRule>> {
  const { rows } = await pool.query<{ code: string; settings: Record<string, unknown> }>('SELECT code, settings FROM authorities');
  return new Map(rows.map((r) => [r.code, ruleFromSettings(r.settings)]));
}

/** One child's triggers, as the reaction would have turned them into requests over the years. */
export function childMeetings(childId: string, authorityCode: string, starts: IncidentStart[], rule: RepeatMissingRule, now: Date, out: Collected): void {
  let open: { id: string; closesAt: number } | null = null;
  for (const trigger of evaluateRepeatMissing(starts, rule)) {
    const at = trigger.startedAt.getTime();
    if (!open || at >= open.closesAt) {
      const closesAt = at + OPEN_FOR_DAYS * DAY;
      open = { id: randomUUID(), closesAt };
      out.requests.push({
        id: open.id, authorityCode, childId, requestedFor: trigger.startedAt, explanation: explainTrigger(trigger, starts, rule),
        rule: describeRule(rule), open: closesAt > now.getTime(),
      });
    }
    for (const incidentId of trigger.windowIncidentIds) out.links.push([open.id, incidentId]);
  }
}

/** Streams every incident of children with at least `minimum` incidents, grouped by child, through the rule. */
async function collect(client: pg.PoolClient, rules: Map<string, RepeatMissingRule>, minimum: number, now: Date): Promise<Collected> {
  const out: Collected = { requests: [], links: [], children: 0 };
  const stream = client.query(copyTo(`COPY (
    SELECT i.child_id, i.authority_code, i.id, (extract(epoch FROM i.last_seen_at) * 1000)::bigint
    FROM incidents i WHERE i.child_id IN (SELECT child_id FROM bench_plan WHERE n >= ${Number(minimum)})
    ORDER BY i.child_id) TO STDOUT (FORMAT csv)`));
  type Group = { childId: string; authorityCode: string; starts: IncidentStart[] };
  const flush = (group: Group | null) => {
    if (!group) return;
    const rule = rules.get(group.authorityCode);
    if (!rule) throw new Error(`no rule for authority ${group.authorityCode}`);
    out.children += 1;
    childMeetings(group.childId, group.authorityCode, group.starts, rule, now, out);
  };
  let current: Group | null = null;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    const [childId = '', authorityCode = '', id = '', ms = '0'] = line.split(',');
    if (current === null || current.childId !== childId) {
      flush(current);
      current = { childId, authorityCode, starts: [] };
    }
    current.starts.push({ id, startedAt: new Date(Number(ms)) });
  }
  flush(current);
  return out;
}

const csvText = (s: string) => `"${s.replaceAll('"', '""')}"`;

export function* requestLines(requests: Request[]): Generator<string> {
  for (const r of requests) {
    const at = r.requestedFor.getTime();
    const iso = (days: number) => new Date(at + days * DAY).toISOString();
    // Completed: scheduled for a week on, held two weeks on, completed three weeks on. Open: just requested.
    const life = r.open ? ['requested', '', '', ''] : ['completed', iso(7), iso(14), iso(OPEN_FOR_DAYS)];
    yield `${r.id},${r.authorityCode},${r.childId},${life[0]},${r.requestedFor.toISOString()},${csvText(r.explanation)},${csvText(r.rule)},${life.slice(1).join(',')},${r.requestedFor.toISOString()}\n`;
  }
}

async function copyLines(client: pg.PoolClient, statement: string, lines: Iterable<string>): Promise<void> {
  // Batches of lines: one write per row would cost more than the COPY itself.
  function* batched(): Generator<string> {
    let batch: string[] = [];
    for (const l of lines) {
      batch.push(l);
      if (batch.length === 5000) {
        yield batch.join('');
        batch = [];
      }
    }
    if (batch.length) yield batch.join('');
  }
  await pipeline(Readable.from(batched()), client.query(copyFrom(statement)));
}

/** Computes and writes the historic meeting requests; `bench_plan` must still exist. */
export async function loadMeetingHistory(pool: pg.Pool, now: Date): Promise<MeetingHistory> {
  const started = performance.now();
  const rules = await authorityRules(pool);
  const minimum = Math.min(...[...rules.values()].map((r) => r.incidents));
  const client = await pool.connect();
  try {
    const out = await collect(client, rules, minimum, now);
    out.requests.sort((a, b) => a.requestedFor.getTime() - b.requestedFor.getTime());
    const order = new Map(out.requests.map((r, k) => [r.id, k]));
    out.links.sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
    await client.query('BEGIN');
    await copyLines(client, `COPY meeting_requests (id, authority_code, child_id, status, requested_for, explanation, rule,
      scheduled_for, held_at, completed_at, created_at) FROM STDIN (FORMAT csv)`, requestLines(out.requests));
    await copyLines(client, 'COPY meeting_request_incidents (meeting_request_id, incident_id) FROM STDIN (FORMAT csv)', out.links.map(([m, i]) => `${m},${i}\n`));
    await client.query('COMMIT');
    return {
      childrenEvaluated: out.children, childrenWithRequests: new Set(out.requests.map((r) => r.childId)).size,
      requests: out.requests.length, openRequests: out.requests.filter((r) => r.open).length, links: out.links.length,
      ms: performance.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
