/**
 * The plans of a report's own queries as Homeward sends them (no copy of its SQL here): auto_explain, loaded
 * for one transaction, reports each statement's EXPLAIN (ANALYZE, BUFFERS) to this client as a notice.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, Tx } from '../../src/db/database.ts';

export interface QueryPlan {
  ms: number;
  query: string;
  plan: string;
}

const HEAD = /^duration: ([\d.]+) ms\s+plan:\s*\n/;

/** auto_explain's notice: the duration, "Query Text: " and the (multi-line) query, then the plan. */
function parseNotice(text: string): QueryPlan | null {
  const head = HEAD.exec(text);
  if (!head) return null;
  const lines = text.slice(head[0].length).split('\n');
  const first = lines.findIndex((l) => l.includes('(cost='));
  if (first < 0) return null;
  const query = lines.slice(0, first).join('\n').replace(/^Query Text: /, '').trim();
  return { ms: Number(head[1]), query, plan: lines.slice(first).join('\n').trimEnd() };
}

class RolledBack extends Error {}

/** Runs `work` in a transaction that is rolled back, and returns the plan of every statement it ran. */
export async function explainReport(db: Database, work: (tx: Tx) => Promise<unknown>): Promise<QueryPlan[]> {
  if (db.raw.kind !== 'postgres') return [];
  const pool: pg.Pool = db.raw.pool;
  const plans: QueryPlan[] = [];
  let listening = false;
  const onNotice = (n: { message?: string }) => {
    const parsed = listening ? parseNotice(n.message ?? '') : null;
    if (parsed && !parsed.query.includes('bench: flush')) plans.push(parsed);
  };
  const seen = new WeakSet<pg.PoolClient>();
  const onAcquire = (client: pg.PoolClient) => {
    if (!seen.has(client)) client.on('notice', onNotice);
    seen.add(client);
  };
  pool.on('acquire', onAcquire);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`LOAD 'auto_explain'`);
      for (const setting of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_timing = on', 'log_level = notice']) {
        await tx.execute(sql.raw(`SET LOCAL auto_explain.${setting}`));
      }
      listening = true;
      await work(tx);
      // A statement's plan is reported when its portal closes, which for the last one is at the next statement.
      await tx.execute(sql`SELECT 'bench: flush the last plan'`);
      listening = false;
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    listening = false;
    pool.off('acquire', onAcquire);
  }
  return plans;
}
