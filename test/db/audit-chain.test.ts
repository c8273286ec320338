/**
 * The tamper-evident audit trail on both databases: seal, verify, and the first altered, deleted or inserted row
 * reported after someone with database access changes the table.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { queryRows } from '../../src/db/database.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { writeAudit } from '../../src/modules/audit/audit.repository.ts';
import { GENESIS_HASH, sealAudit, sealHash } from '../../src/modules/audit/chain.ts';
import { verifyAudit } from '../../src/modules/audit/chain-verify.ts';
import { describeEachDatabase } from '../support/databases.ts';

// Far enough ahead that no id gap is still waiting for a transaction that could fill it.
const LATER = new Date(Date.now() + 3600_000);

async function writeEvents(db: Database, n: number): Promise<number[]> {
  const actor = systemActor('891', randomUUID());
  await db.transaction((tx) => writeAudit(tx, actor, Array.from({ length: n }, (_, i) => ({ action: 'child.viewed', childId: randomUUID(), details: { n: i } }))));
  const rows = await db.read((q) => queryRows<{ id: string }>(q, sql`SELECT id FROM audit_events ORDER BY id`));
  return rows.map((r) => Number(r.id));
}

describeEachDatabase('audit chain', (use) => {
  beforeEach(async () => {
    await use().execScript('DELETE FROM audit_seals; DELETE FROM audit_events;');
  });

  it('seals every row once and verifies the chain', async () => {
    const ids = await writeEvents(use(), 5);

    expect(await sealAudit(use(), LATER)).toBe(5);
    expect(await sealAudit(use(), LATER)).toBe(0);
    await writeEvents(use(), 2);
    expect(await sealAudit(use(), LATER)).toBe(2);

    const report = await verifyAudit(use());
    expect(report.problem).toBeNull();
    expect(report.verified).toBe(7);
    expect(report.unsealed).toBe(0);
    expect(ids).toHaveLength(5);
  });

  it('reports unsealed newer rows without calling them tampering', async () => {
    await writeEvents(use(), 3);
    await sealAudit(use(), LATER);
    await writeEvents(use(), 2);

    const report = await verifyAudit(use());
    expect(report).toMatchObject({ problem: null, verified: 3, unsealed: 2 });
  });

  it('reports a row whose details were changed as altered, at that row', async () => {
    const ids = await writeEvents(use(), 4);
    await sealAudit(use(), LATER);
    const target = ids[2]!;
    await use().transaction((tx) => tx.execute(sql`UPDATE audit_events SET details = '{"n": 99}' WHERE id = ${target}`));

    const report = await verifyAudit(use());
    expect(report.problem).toMatchObject({ kind: 'altered', auditId: target });
    expect(report.verified).toBe(2);
  });

  it('reports a deleted row, and a deleted row with its seal', async () => {
    const ids = await writeEvents(use(), 4);
    await sealAudit(use(), LATER);
    await use().transaction((tx) => tx.execute(sql`DELETE FROM audit_events WHERE id = ${ids[1]!}`));
    expect((await verifyAudit(use())).problem).toMatchObject({ kind: 'deleted', auditId: ids[1] });

    await use().transaction((tx) => tx.execute(sql`DELETE FROM audit_seals WHERE audit_id = ${ids[1]!}`));
    const report = await verifyAudit(use());
    expect(report.problem).toMatchObject({ kind: 'deleted', auditId: ids[2] });
    expect(report.problem?.message).toContain('seals 2 to 2 are missing');
  });

  it('reports a forged row appended with a correctly chained hash but an older id', async () => {
    const ids = await writeEvents(use(), 3);
    await sealAudit(use(), LATER);
    // Free an id inside the sealed range by a row nobody sealed, then forge its seal onto the chain's end.
    const forgedId = ids[0]! - 1;
    await use().transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO audit_events (id, at, action) VALUES (${forgedId}, now(), 'child.viewed')`);
      const [head] = await queryRows<{ seq: string; hash: string }>(tx, sql`SELECT seq, hash FROM audit_seals ORDER BY seq DESC LIMIT 1`);
      const [content] = await queryRows<{ at_epoch: string }>(tx, sql`SELECT extract(epoch from at)::text AS at_epoch FROM audit_events WHERE id = ${forgedId}`);
      const row = { id: forgedId, atEpoch: content!.at_epoch, authorityCode: null, userId: null, agencyId: null, action: 'child.viewed', childId: null, subjectType: null, subjectId: null, correlationId: null, details: null };
      const hash = sealHash(head!.hash, row);
      await tx.execute(sql`INSERT INTO audit_seals (seq, audit_id, prev_hash, hash) VALUES (${Number(head!.seq) + 1}, ${forgedId}, ${head!.hash}, ${hash})`);
    });

    const report = await verifyAudit(use());
    expect(report.problem).toMatchObject({ kind: 'inserted', auditId: forgedId });
  });

  it('reports a row slipped in below the sealed rows without a seal', async () => {
    const ids = await writeEvents(use(), 3);
    await sealAudit(use(), LATER);
    const forgedId = ids[0]! - 1;
    await use().transaction((tx) => tx.execute(sql`INSERT INTO audit_events (id, at, action) VALUES (${forgedId}, now(), 'child.viewed')`));

    expect(await sealAudit(use(), LATER)).toBe(0);
    const report = await verifyAudit(use());
    expect(report.problem).toMatchObject({ kind: 'inserted', auditId: forgedId });
  });

  it('starts the chain from the genesis hash', async () => {
    await writeEvents(use(), 1);
    await sealAudit(use(), LATER);
    const [first] = await use().read((q) => queryRows<{ prev_hash: string }>(q, sql`SELECT prev_hash FROM audit_seals WHERE seq = 1`));
    expect(first?.prev_hash).toBe(GENESIS_HASH);
  });
});

describeEachDatabase('audit chain on PostgreSQL-style id gaps', (use, backend) => {
  it('waits at a recent gap in ids on PostgreSQL, and seals over it once it is old', async () => {
    const db = use();
    await writeEvents(db, 1);
    // A rolled-back (or still running) transaction leaves an id unused.
    await db.transaction((tx) => tx.execute(sql`SELECT nextval('audit_events_id_seq')`));
    await writeEvents(db, 1);

    const sealedNow = await sealAudit(db, new Date());
    expect(sealedNow).toBe(backend === 'postgres' ? 1 : 2);
    await sealAudit(db, LATER);
    expect(await verifyAudit(db)).toMatchObject({ problem: null, verified: 2, unsealed: 0 });
  });
});
