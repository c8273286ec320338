/**
 * The tamper-evident audit trail. writeAudit stays a plain insert on every transaction's hot path; this sealer
 * chains committed rows afterwards, one seal per row: hash = sha256(prev_hash || canonical content of the row).
 * A row is tamper-evident once sealed (the server seals every 30 seconds); `homeward audit verify` recomputes it.
 */
import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { auditEvents, auditSeals } from '../../db/schema.ts';

// Any fixed number: only one sealer at a time, across processes, so the chain never forks.
const SEAL_LOCK_KEY = 6_006_011;
export const GENESIS_HASH = '0'.repeat(64);
const BATCH = 5000;
/**
 * On PostgreSQL a missing id below committed ones may be a transaction still running (it took its id first and
 * commits later) or one rolled back (a permanent gap). Sealing waits at such a gap for this long before
 * treating it as rolled back; a row that commits later still is reported by verify as not in the chain.
 */
export const GAP_GRACE_MS = 10 * 60_000;
const SEAL_INTERVAL_MS = 30_000;

/** The columns a seal covers: every column of the row, `at` to the microsecond, details as jsonb's own text. */
export const sealedContent = {
  id: auditEvents.id,
  atEpoch: sql<string>`extract(epoch from ${auditEvents.at})::text`,
  authorityCode: auditEvents.authorityCode,
  userId: auditEvents.userId,
  agencyId: auditEvents.agencyId,
  action: auditEvents.action,
  childId: auditEvents.childId,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  correlationId: auditEvents.correlationId,
  details: sql<string | null>`${auditEvents.details}::text`,
};

export interface SealedContent {
  id: number;
  atEpoch: string;
  authorityCode: string | null;
  userId: string | null;
  agencyId: string | null;
  action: string;
  childId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  correlationId: string | null;
  details: string | null;
}

export function sealHash(prevHash: string, row: SealedContent): string {
  // A fixed-order array: the same row always gives the same text, whichever driver read it.
  const canonical = JSON.stringify([
    row.id, row.atEpoch, row.authorityCode, row.userId, row.agencyId, row.action, row.childId,
    row.subjectType, row.subjectId, row.correlationId, row.details,
  ]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

/** Seals every committed row that can be sealed safely; returns how many it sealed. */
export async function sealAudit(db: Database, now: Date): Promise<number> {
  let total = 0;
  // One transaction per batch, so a large backlog never holds the PGlite lock for long.
  for (;;) {
    const sealed = await db.transaction((tx) => sealBatch(tx, db.kind, now));
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

async function sealBatch(tx: Tx, kind: Database['kind'], now: Date): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK_KEY})`);
  const [head] = await tx.select().from(auditSeals).orderBy(desc(auditSeals.seq)).limit(1);
  const rows = await tx
    .select({ ...sealedContent, at: auditEvents.at })
    .from(auditEvents)
    .where(gt(auditEvents.id, head?.auditId ?? 0))
    .orderBy(asc(auditEvents.id))
    .limit(BATCH);
  // PGlite runs one transaction at a time, so nothing is in flight while this one holds the lock.
  const ready = kind === 'pglite' ? rows : upToFirstOpenGap(rows, head?.auditId ?? 0, now);
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  const seals = ready.map((row) => {
    const hash = sealHash(prevHash, row);
    const seal = { seq: ++seq, auditId: row.id, prevHash, hash };
    prevHash = hash;
    return seal;
  });
  await bulkInsert(tx, auditSeals, seals);
  return seals.length;
}

/** The rows before the first gap in ids that a running transaction might still fill. */
function upToFirstOpenGap<T extends { id: number; at: Date }>(rows: T[], afterId: number, now: Date): T[] {
  let previous = afterId;
  for (const [index, row] of rows.entries()) {
    const gap = row.id !== previous + 1;
    if (gap && now.getTime() - row.at.getTime() < GAP_GRACE_MS) return rows.slice(0, index);
    previous = row.id;
  }
  return rows;
}

/** Seals from the server's background work; returns the way to stop. */
export function startAuditSealer(db: Database, now: () => Date, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // A long backlog may outlast the interval: never two passes at once from this process.
    running ??= sealAudit(db, now()).catch(onError).finally(() => (running = null));
  }, SEAL_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
