/**
 * The plans of the rule's own queries, as the service sends them (no copy of its SQL here): auto_explain,
 * loaded for one transaction, reports every statement's EXPLAIN ANALYZE back to this client as a notice. The
 * transaction inserts one more incident for a child, runs `evaluateRepeatMissingFor`, and is rolled back.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { incidents } from '../../src/db/schema.ts';
import { evaluateRepeatMissingFor } from '../../src/modules/repeat-missing/repeat-missing.service.ts';
import { policeApiActor, type SampleChild } from './rules-samples.ts';

export interface QueryPlan {
  ms: number;
  query: string;
  plan: string;
}

class RolledBack extends Error {}

const NOTICE = /^duration: ([\d.]+) ms\s+plan:\s*\nQuery Text: ([^\n]*)\n([\s\S]*)$/;

/** Every pooled client reports its notices to `sink` while it is set. */
function listenForNotices(pool: pg.Pool, sink: { on: ((text: string) => void) | null }): () => void {
  const seen = new WeakSet<pg.PoolClient>();
  const onAcquire = (client: pg.PoolClient) => {
    if (seen.has(client)) return;
    seen.add(client);
    client.on('notice', (n) => sink.on?.(n.message ?? ''));
  };
  pool.on('acquire', onAcquire);
  return () => pool.off('acquire', onAcquire);
}

/** EXPLAIN ANALYZE of each statement the rule runs for `child` (after the insert that precedes it). */
export async function explainRule(db: Database, child: SampleChild, policeAgencyId: string, now: Date): Promise<QueryPlan[]> {
  if (db.raw.kind !== 'postgres') return [];
  const sink: { on: ((text: string) => void) | null } = { on: null };
  const stop = listenForNotices(db.raw.pool, sink);
  const plans: QueryPlan[] = [];
  const actor = policeApiActor(child.authorityCode, policeAgencyId);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`LOAD 'auto_explain'`);
      for (const setting of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_timing = on', 'log_level = notice']) {
        await tx.execute(sql.raw(`SET LOCAL auto_explain.${setting}`));
      }
      const at = new Date(now.getTime() - 86_400_000);
      const id = randomUUID();
      await tx.insert(incidents).values({
        id, authorityCode: child.authorityCode, childId: child.childId, sourceAgencyId: policeAgencyId, policeReference: `BENCH-EXPLAIN-${id}`,
        reportedAt: at, notifiedAt: at, lastSeenAt: at, foundAt: new Date(at.getTime() + 3_600_000), riskGrade: 'medium',
        initialRiskGrade: 'medium', reportedMissingFrom: 'home', classification: 'home', createdAt: now, updatedAt: now,
      });
      sink.on = (text) => {
        const m = NOTICE.exec(text);
        if (m && !m[2]?.includes('bench: flush')) plans.push({ ms: Number(m[1]), query: m[2] ?? '', plan: (m[3] ?? '').trimEnd() });
      };
      await evaluateRepeatMissingFor(tx, actor, { childIds: [child.childId], endedIncidentIds: [id], now });
      // A statement's plan is reported when its portal closes, which for the last one is at the next statement.
      await tx.execute(sql`SELECT 'bench: flush the last plan'`);
      sink.on = null;
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    sink.on = null;
    stop();
  }
  return plans;
}
