/**
 * Audited deletion: refused before the due date and while a legal hold is in force; then the record's whole graph
 * goes in one transaction — every table loses exactly the graph's rows, another child keeps all of theirs — while
 * the audit rows stay, one `record.deleted` row is added, and the audit chain still verifies.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents, children, disruptions, locationLinks, locations } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { sealAudit } from '../../src/modules/audit/chain.ts';
import { verifyAudit } from '../../src/modules/audit/chain-verify.ts';
import { readCatalogue } from '../../src/modules/data-protection/catalogue.ts';
import { collectGraph, graphCounts } from '../../src/modules/data-protection/graph.ts';
import { placeLegalHold, releaseLegalHold } from '../../src/modules/data-protection/holds.service.ts';
import { deleteRecord, deletionPreview } from '../../src/modules/data-protection/record-deletion.service.ts';
import { DomainRuleBroken } from '../../src/modules/errors.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addThrowawayTable, everyTableCount, FIXED_NOW, richChild, THROWAWAY_TABLE, type RichChild } from './retention-support.ts';

// Far enough ahead that every child of today is due, looked after or not.
const LATER = new Date('2100-01-01T12:00:00Z');

describeEachDatabase('retention: audited deletion', (use) => {
  let rich: RichChild;
  let other: RichChild;
  let dpo: Actor;
  const child = () => ({ type: 'child' as const, id: rich.childId });
  const countsOf = (childId: string) => use().transaction(async (tx) => graphCounts(await collectGraph(tx, await readCatalogue(tx), { table: 'children', id: childId })));

  beforeAll(async () => {
    await addThrowawayTable(use());
    other = await richChild(use());
    rich = await richChild(use());
    dpo = await actorOf(use(), 'admin');
    await sealAudit(use(), FIXED_NOW);
  }, 180_000);

  it('refuses a record not yet due, saying when it will be and by which rule', async () => {
    const before = await everyTableCount(use());
    const refused = deleteRecord(use(), dpo, child(), FIXED_NOW);
    await expect(refused).rejects.toBeInstanceOf(DomainRuleBroken);
    // Born 2009-2016 and looked after: kept until 75 years from birth.
    await expect(refused).rejects.toThrow(/^This record is not due for deletion until \d\d\/\d\d\/20[89]\d \(ever looked after: kept until 75 years from birth\)\.$/);
    expect(await everyTableCount(use())).toEqual(before);
  });

  it('refuses a record on legal hold, even when due, until the hold is released', async () => {
    const holdId = await placeLegalHold(use(), dpo, { ...child(), reason: 'Claim 2026/77 against the council is open' }, FIXED_NOW);
    await expect(deletionPreview(use(), dpo, child(), LATER)).rejects.toThrow(/on legal hold .*Claim 2026\/77.*Release the hold before deleting it/);
    await expect(deleteRecord(use(), dpo, child(), LATER)).rejects.toThrow(/on legal hold/);
    expect((await countsOf(rich.childId)).children).toBe(2);
    await releaseLegalHold(use(), dpo, holdId, FIXED_NOW);
    const preview = await deletionPreview(use(), dpo, child(), LATER);
    expect(preview.status).toMatchObject({ isDue: true, hold: null, due: { rule: 'looked-after-age' } });
  });

  it('deletes exactly the record’s graph: each table loses those rows, another child keeps all of theirs, the audit rows stay', async () => {
    const graph = await countsOf(rich.childId);
    const otherBefore = await countsOf(other.childId);
    const before = await everyTableCount(use());
    const auditAbout = () => use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.childId, rich.childId)));
    const auditBefore = (await auditAbout()).length;

    const { counts } = await deleteRecord(use(), dpo, child(), LATER);

    // The released hold goes with the record; the audit trail gains one row.
    expect(counts).toEqual({ ...graph, legal_holds: 1 });
    expect(graph[THROWAWAY_TABLE]).toBe(1);
    const after = await everyTableCount(use());
    const expected = Object.fromEntries(Object.entries(before).map(([t, n]) => [t, n - (counts[t] ?? 0) + (t === 'audit_events' ? 1 : 0)]));
    expect(after).toEqual(expected);
    expect(await countsOf(other.childId)).toEqual(otherBefore);
    expect(await use().read((q) => q.select().from(children).where(eq(children.id, rich.duplicateId)))).toEqual([]);

    const audit = await auditAbout();
    expect(audit.length).toBe(auditBefore + 1);
    const [deleted] = audit.filter((a) => a.action === 'record.deleted');
    expect(deleted?.details).toMatchObject({ recordType: 'child', rule: 'looked-after-age', rows: counts });
    expect(JSON.stringify(deleted)).not.toMatch(/Oldrecord|Fernhollow|Brackenridge|Quillfeather|Marrowdale|Thistlecombe|Larkspire|Sam Example/);
  });

  it('leaves the audit chain verifiable once the deletion is sealed', async () => {
    await sealAudit(use(), LATER);
    const report = await verifyAudit(use());
    expect(report.problem).toBeNull();
    expect(report.unsealed).toBe(0);
    const [row] = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'record.deleted'), eq(auditEvents.subjectId, rich.childId))));
    expect(row).toBeDefined();
  });

  it('refuses every other role before looking anything up', async () => {
    for (const role of ['missing_officer', 'social_worker', 'police', 'manager', 'rhi_worker', 'exploitation_lead'] as const) {
      const actor = await actorOf(use(), role);
      await expect(deleteRecord(use(), actor, { type: 'child', id: other.childId }, LATER)).rejects.toThrow('You do not have permission to do that');
      await expect(placeLegalHold(use(), actor, { type: 'child', id: other.childId, reason: 'No' }, LATER)).rejects.toThrow('You do not have permission to do that');
    }
    expect((await countsOf(other.childId)).children).toBe(2);
  });

  it('deletes a location past its date with its links and disruptions, and leaves the children it was linked to', async () => {
    const worker = await actorOf(use(), 'social_worker');
    const locationId = randomUUID();
    await use().transaction(async (tx) => {
      await tx.insert(locations).values({ id: locationId, authorityCode: '891', name: 'Old bus shelter', kind: 'transport_hub', createdBy: worker.id, createdAt: new Date('2015-02-02T12:00:00Z') });
      await tx.insert(locationLinks).values({ id: randomUUID(), locationId, childId: other.childId, createdBy: worker.id, createdAt: new Date('2016-03-03T12:00:00Z') });
      await tx.insert(disruptions).values({ id: randomUUID(), authorityCode: '891', locationId, kind: 'lighting', description: 'Lights fixed', occurredOn: '2016-04-01', agencyId: worker.agencyId, recordedBy: worker.id, createdAt: new Date('2016-04-04T12:00:00Z') });
    });
    const { counts, status } = await deleteRecord(use(), dpo, { type: 'location', id: locationId }, FIXED_NOW);
    expect(counts).toEqual({ disruptions: 1, location_links: 1, locations: 1 });
    expect(status.due).toMatchObject({ dueOn: '2022-04-04', rule: 'location-inactive' });
    expect((await countsOf(other.childId)).children).toBe(2);
  });
});
