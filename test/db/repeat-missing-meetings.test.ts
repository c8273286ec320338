/**
 * Repeat missing → multi-agency meeting requests, through the intake and incident services: the 4th incident in
 * 90 days raises one request with its explanation; the open request absorbs what follows; corrections and
 * imports agree with evaluating the whole history; the database refuses a second open request.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, meetingRequests } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { correctIncident } from '../../src/modules/missing/incident-correction.service.ts';
import { completeMeeting, recordMeetingHeld, scheduleMeeting } from '../../src/modules/repeat-missing/meeting-lifecycle.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild, notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { actorOf, sqlState } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, notify, type Recorded } from '../route/children-support.ts';
import { meetingsOf, linkedTo, heldForm } from './repeat-missing-support.ts';

describeEachDatabase('Repeat missing: meeting requests', (use) => {
  let officer: Actor;
  let files: Awaited<ReturnType<typeof tempFolder>>;

  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
    files = await tempFolder();
  });
  afterAll(() => files.cleanup());

  /** Records ended incidents for one child, one notification each, last seen at 18:00 on each day. */
  async function history(days: string[], child = newChild(), la = `LA-${randomUUID().slice(0, 8)}`) {
    const recorded: Recorded[] = [];
    for (const day of days) recorded.push(await notify(use(), { child, cells: endedOn(day, { la_child_id: la }) }));
    const childId = recorded[0]?.childId ?? '';
    return { childId, recorded, more: (next: string[]) => history(next, child, la) };
  }

  it('raises exactly one request at the 4th incident in 90 days, explained and dated by that incident', async () => {
    const { childId, recorded } = await history(['2026-09-02', '2026-10-01', '2026-10-20', '2026-11-10']);
    const requests = await meetingsOf(use(), childId);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      status: 'requested', rule: 'more than 3 incidents in 90 days',
      explanation: '4 incidents between 2 Sep 2026 and 10 Nov 2026: 2 Sep, 1 Oct, 20 Oct, 10 Nov (rule: more than 3 incidents in 90 days)',
    });
    expect(requests[0]?.requestedFor.toISOString()).toBe('2026-11-10T18:00:00.000Z');
    expect((await linkedTo(use(), requests[0]?.id ?? '')).sort()).toEqual(recorded.map((r) => r.incidentId).sort());
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'meeting-request.raised'), eq(auditEvents.childId, childId))));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subjectId).toBe(requests[0]?.id);
  });

  it('raises nothing for 3 incidents in 90 days, nor for 4 spread over more than 90 days', async () => {
    expect(await meetingsOf(use(), (await history(['2026-09-02', '2026-10-01', '2026-10-20'])).childId)).toEqual([]);
    expect(await meetingsOf(use(), (await history(['2026-06-01', '2026-07-01', '2026-08-01', '2026-08-30'])).childId)).toEqual([]);
  });

  it('does not raise another while one is open: the open request absorbs a new pattern', async () => {
    const first = await history(['2026-08-01', '2026-08-10', '2026-08-20', '2026-08-30']);
    await first.more(['2026-09-05']);
    expect(await meetingsOf(use(), first.childId)).toHaveLength(1);
    await first.more(['2026-09-10', '2026-09-15', '2026-09-20']);
    const requests = await meetingsOf(use(), first.childId);
    expect(requests).toHaveLength(1);
    // The second pattern (5th to 8th incidents) is linked to the open request for the meeting to discuss.
    expect(await linkedTo(use(), requests[0]?.id ?? '')).toHaveLength(8);
  });

  it('raises one when a back-dated correction brings a 4th incident into the window', async () => {
    const { childId, recorded } = await history(['2026-07-01', '2026-07-20', '2026-08-05', '2026-11-10']);
    expect(await meetingsOf(use(), childId)).toEqual([]);
    const fourth = recorded[3]?.incidentId ?? '';
    await correctIncident(use(), officer, fourth, { version: 1, field: 'lastSeenAt', value: '20/09/2026 18:00', reason: 'Police record corrected' }, FIXED_NOW);
    const requests = await meetingsOf(use(), childId);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.requestedFor.toISOString()).toBe('2026-09-20T17:00:00.000Z');
    expect(requests[0]?.explanation).toContain('4 incidents between 1 Jul 2026 and 20 Sep 2026');
  });

  it('raises nothing new when the same file is imported twice', async () => {
    const child = newChild();
    const la = `LA-${randomUUID().slice(0, 8)}`;
    const rows = ['2026-10-01', '2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29'].map((d) => notificationCells({ ...endedOn(d), la_child_id: la }, child));
    const content = toCsv(rows);
    const run = async (name: string) => importNotificationFile(use(), officer, { path: await files.write(name, content), now: FIXED_NOW });
    expect(await run('repeat.csv')).toMatchObject({ accepted: 5, rejected: [] });
    const [request] = await use().read((q) => q.select().from(meetingRequests).where(eq(meetingRequests.explanation, '4 incidents between 1 Oct 2026 and 22 Oct 2026: 1 Oct, 8 Oct, 15 Oct, 22 Oct (rule: more than 3 incidents in 90 days)')));
    expect(request).toBeDefined();
    const links = await linkedTo(use(), request?.id ?? '');
    expect(await run('repeat-again.csv')).toMatchObject({ unchanged: 5 });
    expect(await meetingsOf(use(), request?.childId ?? '')).toHaveLength(1);
    expect(await linkedTo(use(), request?.id ?? '')).toEqual(links);
  });

  it('raises a new request for a new pattern once the last one is completed, never for incidents already discussed', async () => {
    const h = await history(['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-22']);
    const [first] = await meetingsOf(use(), h.childId);
    const id = first?.id ?? '';
    await scheduleMeeting(use(), officer, id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    await recordMeetingHeld(use(), officer, id, { version: 2, ...(await heldForm(use())) }, FIXED_NOW);
    await completeMeeting(use(), officer, id, { version: 3 }, FIXED_NOW);
    await h.more(['2026-06-10']);
    expect(await meetingsOf(use(), h.childId)).toHaveLength(1);
    await h.more(['2026-06-20', '2026-06-30', '2026-07-10']);
    const requests = await meetingsOf(use(), h.childId);
    expect(requests.map((r) => r.status)).toEqual(['completed', 'requested']);
    expect(requests[1]?.explanation).toContain('4 incidents between 10 Jun 2026 and 10 Jul 2026');
  });

  it('the database refuses a second open request for a child', async () => {
    const { childId } = await history(['2026-03-01', '2026-03-05', '2026-03-09', '2026-03-13']);
    const insert = () => use().transaction((tx) => tx.insert(meetingRequests).values({
      id: randomUUID(), authorityCode: '891', childId, status: 'scheduled', scheduledFor: FIXED_NOW, requestedFor: FIXED_NOW, explanation: 'x', rule: 'x',
    }));
    await expect(insert()).rejects.toSatisfy((e) => sqlState(e) === '23505');
    // A closed one beside it is fine.
    await use().transaction((tx) => tx.insert(meetingRequests).values({
      id: randomUUID(), authorityCode: '891', childId, status: 'cancelled', cancelledAt: FIXED_NOW, cancelReason: 'Entered by mistake', requestedFor: FIXED_NOW, explanation: 'x', rule: 'x',
    }));
    expect((await meetingsOf(use(), childId)).map((r) => r.status).sort()).toEqual(['cancelled', 'requested']);
  });
});
