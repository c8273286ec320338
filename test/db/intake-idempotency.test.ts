/**
 * CSV import, sending again (police-notifications.md): the same file twice changes nothing; a changed row
 * updates its incident and keeps the history; one open missing incident per child, enforced by the service and
 * by the database; audit rows are written in the import's own transaction.
 */
import { randomUUID } from 'node:crypto';
import { eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, children, incidentChanges, incidents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW, newChild, notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference, intakeCounts, sqlState } from '../fixtures/records.ts';

type Files = Awaited<ReturnType<typeof tempFolder>>;
const TABLES = { children, incidents, incidentChanges, auditEvents };

describeEachDatabase('CSV import: idempotency, history and open incidents', (use) => {
  let files: Files;
  let actor: Actor;

  beforeAll(async () => {
    files = await tempFolder();
    actor = await actorOf(use(), 'missing_officer');
  });
  afterAll(() => files.cleanup());

  const importFile = async (name: string, content: string) =>
    importNotificationFile(use(), actor, { path: await files.write(name, content), now: FIXED_NOW });

  it('changes nothing when the same file is imported twice', async () => {
    const rows = [notificationCells(), notificationCells({ found_at: '2026-11-20T20:00' }), notificationCells({ risk_grade: 'high' })];
    const content = toCsv(rows);
    const first = await importFile('twice.csv', content);
    expect(first).toMatchObject({ accepted: 3, updated: 0, unchanged: 0, rejected: [] });
    const after = await intakeCounts(use(), TABLES);

    const second = await importFile('twice-again.csv', content);

    expect(second).toMatchObject({ accepted: 0, updated: 0, unchanged: 3, rejected: [] });
    const now = await intakeCounts(use(), TABLES);
    expect({ ...now, auditEvents: 0 }).toEqual({ ...after, auditEvents: 0 });
    // Only the import itself is audited the second time: nobody's record changed.
    expect(now.auditEvents).toBe(after.auditEvents + 1);
  });

  it('updates the incident when a row now has found_at, and keeps what changed in its history', async () => {
    const open = notificationCells();
    await importFile('open.csv', toCsv([open]));
    const before = await intakeCounts(use(), TABLES);

    const report = await importFile('found.csv', toCsv([{ ...open, found_at: '21/11/2026 09:15', found_location: 'A friend’s house' }]));

    expect(report).toMatchObject({ accepted: 0, updated: 1, unchanged: 0, rejected: [] });
    const incident = await incidentByReference(use(), open.police_reference);
    expect(incident?.foundAt?.toISOString()).toBe('2026-11-21T09:15:00.000Z');
    expect(incident?.version).toBe(2);
    const history = await use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, incident?.id ?? '')));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.source]).sort()).toEqual([
      ['foundAt', null, '2026-11-21T09:15:00.000Z', 'csv'],
      ['foundLocation', null, 'A friend’s house', 'csv'],
    ]);
    expect(history.every((h) => h.changedByUser === actor.id)).toBe(true);
    const after = await intakeCounts(use(), TABLES);
    expect(after.incidents).toBe(before.incidents);
    expect(after.children).toBe(before.children);
  });

  it('rejects a second open incident for the same child with a clear reason', async () => {
    const child = newChild();
    const first = notificationCells({ la_child_id: `LA-${randomUUID().slice(0, 8)}` }, child);
    const second = notificationCells({ la_child_id: first.la_child_id, last_seen_at: '2026-11-20T09:00' }, child);

    const report = await importFile('two-open.csv', toCsv([first, second]));

    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([{
      line: 3,
      column: 'police_reference',
      message: `the child is already recorded as missing under ${first.police_reference}; send found_at for that incident first`,
    }]);
    expect(await incidentByReference(use(), second.police_reference)).toBeNull();
  });

  it('has the database itself refuse a second open incident for a child', async () => {
    const open = notificationCells();
    await importFile('db-open.csv', toCsv([open]));
    const existing = await incidentByReference(use(), open.police_reference);
    if (!existing) throw new Error('the first incident was not saved');
    const attempt = use().transaction((tx) => tx.insert(incidents).values({ ...existing, id: randomUUID(), policeReference: `${open.police_reference}-X` }));

    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(sqlState(error)).toBe('23505');
    expect(String((error as Error).cause ?? error)).toContain('incidents_one_open_per_child');
  });

  it('writes one audit row per child and incident recorded, and one for the import, all or nothing', async () => {
    const before = await intakeCounts(use(), TABLES);
    const [last] = await use().read((q) => q.select({ id: max(auditEvents.id) }).from(auditEvents));
    const rows = [notificationCells(), notificationCells(), notificationCells({ risk_grade: 'none' })];

    const dry = await importNotificationFile(use(), actor, { path: await files.write('audit-dry.csv', toCsv(rows)), dryRun: true, now: FIXED_NOW });
    expect(dry.accepted).toBe(2);
    // The dry run wrote its audit rows in the same transaction as the records, and both were rolled back.
    expect(await intakeCounts(use(), TABLES)).toEqual(before);

    await importFile('audit.csv', toCsv(rows));
    const written = await use().read((q) => q.select().from(auditEvents).where(gt(auditEvents.id, last?.id ?? 0)));
    const byAction = Object.fromEntries(['child.created', 'incident.recorded', 'notifications.imported'].map((a) => [a, written.filter((w) => w.action === a).length]));
    expect(byAction).toEqual({ 'child.created': 2, 'incident.recorded': 2, 'notifications.imported': 1 });
    expect(written).toHaveLength(5);
    expect(written.every((w) => w.userId === actor.id && w.correlationId === actor.correlationId)).toBe(true);
  });

  it('closes a child’s incident and opens their next one from the same file, or from a later file', async () => {
    const child = newChild();
    const first = notificationCells({}, child);
    const firstFound = { ...first, found_at: '2026-11-20T12:00' };
    const next = notificationCells({ last_seen_at: '2026-11-20T18:00', reported_at: '20/11/2026 18:30', notified_at: '2026-11-20 19:00:00+00:00' }, child);
    const sameFile = await importFile('close-and-reopen.csv', toCsv([first, firstFound, next]));
    expect(sameFile).toMatchObject({ accepted: 2, updated: 1, rejected: [] });
    expect((await incidentByReference(use(), first.police_reference))?.foundAt?.toISOString()).toBe('2026-11-20T12:00:00.000Z');

    const later = newChild();
    const open = notificationCells({}, later);
    await importFile('open.csv', toCsv([open]));
    const reopened = notificationCells({ last_seen_at: '2026-11-20T18:00', reported_at: '20/11/2026 18:30', notified_at: '2026-11-20 19:00:00+00:00' }, later);
    const laterFile = await importFile('found-and-next.csv', toCsv([{ ...open, found_at: '2026-11-20T12:00' }, reopened]));
    expect(laterFile).toMatchObject({ accepted: 1, updated: 1, rejected: [] });
    expect((await incidentByReference(use(), reopened.police_reference))?.foundAt).toBeNull();
  });
});
