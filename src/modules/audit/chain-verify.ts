/**
 * Recomputes the audit chain and reports the first row that was altered, inserted or deleted after sealing.
 * Limit: an unkeyed chain cannot show rows removed from, or forged onto, its very end by someone who rewrites
 * the seals too; record the head hash that verify prints somewhere else (the DPO's log) to close that gap.
 */
import { and, asc, count, eq, gt, isNull, lt, min, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { auditEvents, auditSeals } from '../../db/schema.ts';
import { GENESIS_HASH, sealHash, sealedContent, type SealedContent } from './chain.ts';

const PAGE = 5000;

export interface ChainProblem {
  kind: 'altered' | 'inserted' | 'deleted';
  auditId: number;
  message: string;
}

export interface ChainReport {
  verified: number;
  /** Rows newer than the last seal: not yet tamper-evident. */
  unsealed: number;
  head: { seq: number; hash: string } | null;
  problem: ChainProblem | null;
}

interface Walk {
  seq: number;
  prevHash: string;
  prevAuditId: number;
}

interface SealRow {
  seq: number;
  auditId: number;
  prevHash: string;
  hash: string;
  content: SealedContent | null;
}

export async function verifyAudit(db: Database): Promise<ChainReport> {
  const walk: Walk = { seq: 0, prevHash: GENESIS_HASH, prevAuditId: 0 };
  for (;;) {
    const page = await db.read((q) => q
      .select({ seq: auditSeals.seq, auditId: auditSeals.auditId, prevHash: auditSeals.prevHash, hash: auditSeals.hash, content: sealedContent })
      .from(auditSeals)
      .leftJoin(auditEvents, eq(auditEvents.id, auditSeals.auditId))
      .where(gt(auditSeals.seq, walk.seq))
      .orderBy(asc(auditSeals.seq))
      .limit(PAGE));
    for (const seal of page) {
      const problem = check(seal as SealRow, walk);
      if (problem) return { verified: walk.seq, unsealed: 0, head: null, problem };
      Object.assign(walk, { seq: seal.seq, prevHash: seal.hash, prevAuditId: seal.auditId });
    }
    if (page.length < PAGE) break;
  }
  return finish(db, walk);
}

/** The first thing wrong with one seal, given the chain up to it. */
function check(seal: SealRow, walk: Walk): ChainProblem | null {
  const at = `row ${seal.auditId} (seal ${seal.seq})`;
  if (seal.seq !== walk.seq + 1) {
    return { kind: 'deleted', auditId: seal.auditId, message: `seals ${walk.seq + 1} to ${seal.seq - 1} are missing: rows were deleted before ${at}` };
  }
  if (seal.prevHash !== walk.prevHash || seal.auditId <= walk.prevAuditId) {
    return { kind: 'inserted', auditId: seal.auditId, message: `${at} does not follow the row sealed before it: it was inserted into the chain` };
  }
  // A left join gives a row of nulls when the audit row is gone; its id is the one column that can never be null.
  if (!seal.content || seal.content.id === null) {
    return { kind: 'deleted', auditId: seal.auditId, message: `${at} was deleted: its seal remains` };
  }
  if (sealHash(seal.prevHash, seal.content) !== seal.hash) {
    return { kind: 'altered', auditId: seal.auditId, message: `${at} was altered: its content no longer matches its seal` };
  }
  return null;
}

/** After the walk: rows older than the chain's head that are not in it were inserted afterwards. */
async function finish(db: Database, walk: Walk): Promise<ChainReport> {
  const unsealedOf = and(isNull(auditSeals.auditId), walk.seq ? lt(auditEvents.id, walk.prevAuditId) : sql`false`);
  const [outside] = await db.read((q) => q
    .select({ first: min(auditEvents.id) })
    .from(auditEvents)
    .leftJoin(auditSeals, eq(auditSeals.auditId, auditEvents.id))
    .where(unsealedOf));
  const head = walk.seq ? { seq: walk.seq, hash: walk.prevHash } : null;
  if (outside?.first != null) {
    const auditId = Number(outside.first);
    const message = `row ${auditId} is older than sealed rows but not in the chain: it was inserted afterwards`;
    return { verified: walk.seq, unsealed: 0, head, problem: { kind: 'inserted', auditId, message } };
  }
  const [pending] = await db.read((q) => q.select({ n: count() }).from(auditEvents).where(gt(auditEvents.id, walk.prevAuditId)));
  return { verified: walk.seq, unsealed: pending?.n ?? 0, head, problem: null };
}
