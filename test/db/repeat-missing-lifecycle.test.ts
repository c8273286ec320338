/**
 * A meeting request's lifecycle: requested → scheduled → held → completed, or cancelled with a reason; each
 * step's validation, the version check, who may do it, and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, meetingActions, meetingAttendance, meetingDecisions, meetingRequests } from '../../src/db/schema.ts';
import type { Actor, Role } from '../../src/modules/access/actor.ts';
import { DomainRuleBroken, Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import {
  cancelMeeting, completeMeeting, markActionDone, MeetingChanged, recordMeetingHeld, scheduleMeeting,
} from '../../src/modules/repeat-missing/meeting-lifecycle.service.ts';
import { listMeetings, viewMeeting } from '../../src/modules/repeat-missing/meetings.service.ts';
import { ruleFromSettings } from '../../src/modules/repeat-missing/repeat-missing.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild } from '../fixtures/notifications.ts';
import { actorOf, sqlState } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, notify } from '../route/children-support.ts';
import { heldForm, meetingsOf } from './repeat-missing-support.ts';

const fields = (e: unknown) => (e instanceof ValidationFailed ? e.problems.map((p) => p.field) : []);

describeEachDatabase('Repeat missing: the meeting lifecycle', (use) => {
  let officer: Actor;

  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
  });

  /** A fresh open request: four incidents a week apart in May 2026. */
  async function newRequest(authority: '891' | '892' = '891') {
    const child = newChild();
    const la = `LA-${randomUUID().slice(0, 8)}`;
    let childId = '';
    for (const day of ['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-22']) childId = (await notify(use(), { authority, child, cells: endedOn(day, { la_child_id: la }) })).childId;
    const [request] = await meetingsOf(use(), childId);
    if (!request) throw new Error('no request raised');
    return request;
  }

  const auditActions = async (id: string) =>
    (await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.subjectType, 'meeting_request'), eq(auditEvents.subjectId, id))).orderBy(auditEvents.id))).map((a) => a.action);

  it('goes requested → scheduled → held → completed, recording attendance, decisions and actions, audited', async () => {
    const request = await newRequest();
    const scheduled = await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    expect(scheduled).toMatchObject({ status: 'scheduled', version: 2 });
    expect(scheduled.scheduledFor?.toISOString()).toBe('2026-06-01T09:00:00.000Z');
    const form = await heldForm(use());
    expect((await recordMeetingHeld(use(), officer, request.id, { version: 2, ...form }, FIXED_NOW)).status).toBe('held');
    expect((await completeMeeting(use(), officer, request.id, { version: 3 }, FIXED_NOW)).status).toBe('completed');

    const [row] = await use().read((q) => q.select().from(meetingRequests).where(eq(meetingRequests.id, request.id)));
    expect(row?.heldAt?.toISOString()).toBe('2026-06-02T09:00:00.000Z');
    expect(row?.completedAt?.toISOString()).toBe(FIXED_NOW.toISOString());
    const attendance = await use().read((q) => q.select().from(meetingAttendance).where(eq(meetingAttendance.meetingRequestId, request.id)));
    expect(attendance.filter((a) => a.attended).map((a) => a.agencyId).sort()).toEqual([...form.attended].sort());
    expect(attendance.length).toBeGreaterThan(2);
    const decisions = await use().read((q) => q.select().from(meetingDecisions).where(eq(meetingDecisions.meetingRequestId, request.id)));
    expect(decisions.map((d) => d.decision).sort()).toEqual(['Safety plan agreed', 'Share return interview findings with the school']);
    const actions = await use().read((q) => q.select().from(meetingActions).where(eq(meetingActions.meetingRequestId, request.id)));
    expect(actions).toMatchObject([{ description: 'Review the safety plan', ownerName: 'Allocated social worker', dueOn: '2026-06-30', status: 'open' }]);
    expect(await auditActions(request.id)).toEqual(['meeting-request.raised', 'meeting-request.scheduled', 'meeting-request.held', 'meeting-request.completed']);
  });

  it('marks an action done once, and refuses an action that is not this meeting’s', async () => {
    const request = await newRequest();
    await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    await recordMeetingHeld(use(), officer, request.id, { version: 2, ...(await heldForm(use())) }, FIXED_NOW);
    const [action] = await use().read((q) => q.select().from(meetingActions).where(eq(meetingActions.meetingRequestId, request.id)));
    if (!action) throw new Error('no action');
    await markActionDone(use(), officer, request.id, action.id, FIXED_NOW);
    await markActionDone(use(), officer, request.id, action.id, FIXED_NOW);
    const [after] = await use().read((q) => q.select().from(meetingActions).where(eq(meetingActions.id, action.id)));
    expect(after).toMatchObject({ status: 'done', doneAt: FIXED_NOW });
    await expect(markActionDone(use(), officer, request.id, randomUUID(), FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses steps out of order and problems in the forms, changing nothing', async () => {
    const request = await newRequest();
    await expect(completeMeeting(use(), officer, request.id, { version: 1 }, FIXED_NOW)).rejects.toBeInstanceOf(DomainRuleBroken);
    await expect(recordMeetingHeld(use(), officer, request.id, { version: 1, ...(await heldForm(use())) }, FIXED_NOW)).rejects.toThrow('This meeting is requested: it cannot be recorded as held now');
    const badDate = await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '31/02/2026 10:00' }).catch((e: unknown) => e);
    expect(fields(badDate)).toEqual(['scheduledFor']);
    await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    const blank = { description: '', owner: '', agencyId: '', dueOn: '' };
    const empty = await recordMeetingHeld(use(), officer, request.id, { version: 2, heldAt: '', attended: [], decisions: ' ', actions: [{ ...blank, description: 'Check in weekly' }, blank, blank] }, FIXED_NOW).catch((e: unknown) => e);
    expect(fields(empty)).toEqual(['heldAt', 'attended', 'decisions', 'action1Owner', 'action1Agency', 'action1DueOn']);
    const future = await recordMeetingHeld(use(), officer, request.id, { version: 2, ...(await heldForm(use())), heldAt: '01/01/2027 10:00' }, FIXED_NOW).catch((e: unknown) => e);
    expect(fields(future)).toEqual(['heldAt']);
    const [row] = await meetingsOf(use(), request.childId);
    expect(row).toMatchObject({ status: 'scheduled', version: 2 });
  });

  it('refuses a stale version without overwriting the other change', async () => {
    const request = await newRequest();
    await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    await expect(scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '03/06/2026 10:00' })).rejects.toBeInstanceOf(MeetingChanged);
    const [row] = await meetingsOf(use(), request.childId);
    expect(row?.scheduledFor?.toISOString()).toBe('2026-06-01T09:00:00.000Z');
  });

  it('cancels only with a reason, and the database insists on it too', async () => {
    const request = await newRequest();
    const noReason = await cancelMeeting(use(), officer, request.id, { version: 1, cancelReason: '   ' }, FIXED_NOW).catch((e: unknown) => e);
    expect(fields(noReason)).toEqual(['cancelReason']);
    const cancelled = await cancelMeeting(use(), officer, request.id, { version: 1, cancelReason: 'The child moved to another authority' }, FIXED_NOW);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'The child moved to another authority' });
    await expect(scheduleMeeting(use(), officer, request.id, { version: 2, scheduledFor: '01/06/2026 10:00' })).rejects.toThrow('This meeting is cancelled');
    expect(await auditActions(request.id)).toContain('meeting-request.cancelled');
    const raw = use().transaction((tx) => tx.update(meetingRequests).set({ cancelReason: sql`NULL` }).where(eq(meetingRequests.id, request.id)));
    await expect(raw).rejects.toSatisfy((e) => sqlState(e) === '23514');
  });

  describe('who may see and change meeting requests', () => {
    it.each<Role>(['manager', 'admin', 'police'])('%s may not see them', async (role) => {
      const request = await newRequest();
      const actor = await actorOf(use(), role);
      await expect(listMeetings(use(), actor)).rejects.toBeInstanceOf(Forbidden);
      await expect(viewMeeting(use(), actor, request.id)).rejects.toBeInstanceOf(Forbidden);
      await expect(scheduleMeeting(use(), actor, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' })).rejects.toBeInstanceOf(Forbidden);
    });

    it('a social worker may view but not change them', async () => {
      const request = await newRequest();
      const worker = await actorOf(use(), 'social_worker');
      expect((await viewMeeting(use(), worker, request.id)).meeting.id).toBe(request.id);
      await expect(cancelMeeting(use(), worker, request.id, { version: 1, cancelReason: 'x' }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    });

    it('another authority’s requests do not exist for an officer', async () => {
      const request = await newRequest('892');
      await expect(viewMeeting(use(), officer, request.id)).rejects.toBeInstanceOf(NotFound);
      await expect(scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' })).rejects.toBeInstanceOf(NotFound);
      expect((await listMeetings(use(), officer)).open.map((m) => m.id)).not.toContain(request.id);
    });
  });

  it('reads the authority’s own rule from its settings', () => {
    expect(ruleFromSettings({})).toEqual({ incidents: 4, days: 90 });
    expect(ruleFromSettings({ repeatMissing: { incidents: 3, days: 30 } })).toEqual({ incidents: 3, days: 30 });
    expect(() => ruleFromSettings({ repeatMissing: { incidents: 1, days: 30 } })).toThrow(RangeError);
  });
});
