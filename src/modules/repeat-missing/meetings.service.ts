/** Reading meeting requests (the list, one request, the board's count), and closing the demo's historic ones. */
import { and, eq, lt } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { meetingRequests } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertNotRestricted } from '../access/restriction.ts';
import { assertCan, type Action } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { NotFound } from '../errors.ts';
import { applyMeetingChange, completeChange, heldChange, scheduleChange } from './meeting-lifecycle.service.ts';
import * as repo from './meetings.repository.ts';

export const STATUS_LABELS: Record<string, string> = {
  requested: 'Requested', scheduled: 'Scheduled', held: 'Held', completed: 'Completed', cancelled: 'Cancelled',
};

/** Open requests first (oldest first), then the latest 50 completed or cancelled. */
export async function listMeetings(db: Database, actor: Actor) {
  assertCan(actor, 'meeting:view');
  return db.read(async (q) => ({
    open: await repo.openMeetings(q, actor),
    closed: await repo.closedMeetings(q, actor, 50),
  }));
}

/** The open requests for the missing-now board. */
/** For the board: how many requests are open, and the oldest few. Never the whole list on every page view. */
export async function openMeetingRequests(db: Database, actor: Actor, shown = 10) {
  assertCan(actor, 'meeting:view');
  return db.read(async (q) => {
    const [total, oldest] = await Promise.all([repo.countOpenMeetings(q, actor.authorityCode), repo.openMeetings(q, actor, shown)]);
    return { total, oldest };
  });
}

/** One request with its counted incidents and what was recorded, audited as `meeting-request.viewed`. */
export async function viewMeeting(db: Database, actor: Actor, id: string, options: { for?: Action } = {}) {
  assertCan(actor, 'meeting:view');
  if (options.for) assertCan(actor, options.for);
  const meetingId = recordId(id, 'meeting request');
  return db.transaction(async (tx) => {
    const meeting = await repo.findMeeting(tx, actor.authorityCode, meetingId);
    if (!meeting) throw new NotFound('There is no such meeting request');
    await assertNotRestricted(tx, actor, meeting.childId);
    const details = await repo.meetingDetails(tx, meeting);
    await writeAudit(tx, actor, { action: 'meeting-request.viewed', childId: meeting.childId, subjectType: 'meeting_request', subjectId: meeting.id });
    return { meeting, ...details };
  });
}

export type MeetingPage = Awaited<ReturnType<typeof viewMeeting>>;

const DAY = 86_400_000;

/**
 * The demo's history: requests raised more than 30 days before `now` were met long ago. Each is scheduled,
 * held a week after its request date and completed, through the same lifecycle steps a person takes.
 */
export async function closeHistoricMeetings(tx: Tx, actor: Actor, now: Date): Promise<number> {
  const before = new Date(now.getTime() - 30 * DAY);
  const old = await tx.select({ id: meetingRequests.id, version: meetingRequests.version, requestedFor: meetingRequests.requestedFor }).from(meetingRequests)
    .where(and(eq(meetingRequests.authorityCode, actor.authorityCode), eq(meetingRequests.status, 'requested'), lt(meetingRequests.requestedFor, before)));
  for (const m of old) {
    const heldAt = new Date(m.requestedFor.getTime() + 7 * DAY);
    await applyMeetingChange(tx, actor, scheduleChange(m.id, m.version, heldAt));
    await applyMeetingChange(tx, actor, heldChange(m.id, m.version + 1, (agencyIds) => ({
      heldAt, attended: agencyIds, actions: [],
      decisions: ['Safety plan reviewed with the child and the people caring for them.', 'Return home interview findings shared with the police and the school.'],
    })));
    await applyMeetingChange(tx, actor, completeChange(m.id, m.version + 2, heldAt));
  }
  return old.length;
}

export const isOpen = (status: string) => (repo.OPEN_STATUSES as readonly string[]).includes(status);
