/**
 * A meeting request's lifecycle: requested → scheduled → held (attendance, decisions, actions) → completed, or
 * cancelled with a reason. Every change checks the version the form was opened at, so nobody's change is
 * overwritten silently, and is audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { meetingActions, meetingAttendance, meetingDecisions } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, DomainRuleBroken, NotFound, ValidationFailed } from '../errors.ts';
import { recordLanguageAdvice, type FieldAdvice } from '../language/advice.ts';
import type { Checked } from '../missing/incident-rules.ts';
import { checkCancel, checkHeld, checkSchedule, type HeldDetails, type HeldForm } from './meeting-forms.ts';
import * as repo from './meetings.repository.ts';
import type { MeetingRow } from './meetings.repository.ts';

/** Someone else saved the meeting after this form was opened. */
export class MeetingChanged extends Conflict {
  constructor(readonly meetingId: string) {
    super('This meeting request was changed by someone else while you were editing');
    this.name = 'MeetingChanged';
  }
}

type Status = MeetingRow['status'];
const STATUS_TEXT: Record<string, string> = { requested: 'requested', scheduled: 'scheduled', held: 'held', completed: 'completed', cancelled: 'cancelled' };

interface Change {
  id: string;
  version: number;
  /** The states this change may start from. */
  from: readonly Status[];
  verb: string;
  audit: string;
  build: (meeting: MeetingRow, tx: Tx) => Promise<Partial<MeetingRow>>;
}

function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new ValidationFailed(checked.problems);
  return checked.value;
}

/** One change inside the caller's transaction: the demo loader closes historic requests through this too. */
export async function applyMeetingChange(tx: Tx, actor: Actor, change: Change): Promise<MeetingRow> {
  const meeting = await repo.findMeeting(tx, actor.authorityCode, change.id, { lock: true });
  if (!meeting) throw new NotFound('There is no such meeting request');
  if (meeting.version !== change.version) throw new MeetingChanged(meeting.id);
  if (!change.from.includes(meeting.status)) {
    throw new DomainRuleBroken(`This meeting is ${STATUS_TEXT[meeting.status] ?? meeting.status}: it cannot be ${change.verb} now`);
  }
  const patch = await change.build(meeting, tx);
  if (!(await repo.saveMeeting(tx, meeting.id, change.version, patch))) throw new MeetingChanged(meeting.id);
  await writeAudit(tx, actor, { action: change.audit, childId: meeting.childId, subjectType: 'meeting_request', subjectId: meeting.id, details: { status: patch.status ?? meeting.status } });
  return { ...meeting, ...patch, version: meeting.version + 1 };
}

function run(db: Database, actor: Actor, change: Change): Promise<MeetingRow> {
  assertCan(actor, 'meeting:manage');
  const id = recordId(change.id, 'meeting request');
  return db.transaction((tx) => applyMeetingChange(tx, actor, { ...change, id }));
}

export const scheduleChange = (id: string, version: number, scheduledFor: Date): Change => ({
  id, version, from: ['requested', 'scheduled'], verb: 'scheduled', audit: 'meeting-request.scheduled',
  build: async () => ({ status: 'scheduled', scheduledFor }),
});

export function heldChange(id: string, version: number, details: HeldDetails | ((agencyIds: Set<string>) => HeldDetails)): Change {
  return {
    id, version, from: ['scheduled'], verb: 'recorded as held', audit: 'meeting-request.held',
    build: async (meeting, tx) => {
      const agencies = await repo.authorityAgencies(tx, meeting.authorityCode);
      const d = typeof details === 'function' ? details(new Set(agencies.map((a) => a.id))) : details;
      await bulkInsert(tx, meetingAttendance, agencies.map((a) => ({ meetingRequestId: meeting.id, agencyId: a.id, attended: d.attended.has(a.id) })));
      await bulkInsert(tx, meetingDecisions, d.decisions.map((decision) => ({ id: randomUUID(), meetingRequestId: meeting.id, decision, createdAt: d.heldAt })));
      await bulkInsert(tx, meetingActions, d.actions.map((a) => ({ id: randomUUID(), meetingRequestId: meeting.id, ...a, status: 'open' })));
      return { status: 'held', heldAt: d.heldAt };
    },
  };
}

export const completeChange = (id: string, version: number, now: Date): Change => ({
  id, version, from: ['held'], verb: 'completed', audit: 'meeting-request.completed',
  build: async () => ({ status: 'completed', completedAt: now }),
});

export async function scheduleMeeting(db: Database, actor: Actor, id: string, input: { version: number; scheduledFor: string }): Promise<MeetingRow> {
  assertCan(actor, 'meeting:manage');
  return run(db, actor, scheduleChange(id, input.version, valid(checkSchedule(input.scheduledFor))));
}

/** Records the meeting as held; returns it with the language guide's advice on its decisions and actions. */
export async function recordMeetingHeld(db: Database, actor: Actor, id: string, input: HeldForm & { version: number }, now: Date): Promise<MeetingRow & { languageAdvice: FieldAdvice[] }> {
  assertCan(actor, 'meeting:manage');
  const meetingId = recordId(id, 'meeting request');
  return db.transaction(async (tx) => {
    const meeting = await applyMeetingChange(tx, actor, heldChange(meetingId, input.version, (agencyIds) => valid(checkHeld(input, agencyIds, now))));
    const languageAdvice = await recordLanguageAdvice(tx, actor, {
      recordKind: 'meeting_request', recordId: meeting.id,
      fields: { decisions: input.decisions, actions: input.actions.map((a) => a.description).join('\n') },
    }, now);
    return { ...meeting, languageAdvice };
  });
}

export async function completeMeeting(db: Database, actor: Actor, id: string, input: { version: number }, now: Date): Promise<MeetingRow> {
  return run(db, actor, completeChange(id, input.version, now));
}

export async function cancelMeeting(db: Database, actor: Actor, id: string, input: { version: number; cancelReason: string }, now: Date): Promise<MeetingRow> {
  assertCan(actor, 'meeting:manage');
  const reason = valid(checkCancel(input.cancelReason));
  return run(db, actor, {
    id, version: input.version, from: ['requested', 'scheduled', 'held'], verb: 'cancelled', audit: 'meeting-request.cancelled',
    build: async () => ({ status: 'cancelled', cancelledAt: now, cancelReason: reason }),
  });
}

/** Marks one of a held meeting's actions done; doing it twice changes nothing. */
export async function markActionDone(db: Database, actor: Actor, id: string, actionId: string, now: Date): Promise<void> {
  assertCan(actor, 'meeting:manage');
  const meetingId = recordId(id, 'meeting request');
  const action = recordId(actionId, 'action');
  await db.transaction(async (tx) => {
    const meeting = await repo.findMeeting(tx, actor.authorityCode, meetingId);
    if (!meeting) throw new NotFound('There is no such meeting request');
    const done = await tx.update(meetingActions).set({ status: 'done', doneAt: now })
      .where(and(eq(meetingActions.id, action), eq(meetingActions.meetingRequestId, meeting.id), eq(meetingActions.status, 'open'))).returning({ id: meetingActions.id });
    if (done.length) {
      await writeAudit(tx, actor, { action: 'meeting-action.done', childId: meeting.childId, subjectType: 'meeting_action', subjectId: action, details: { meetingRequestId: meeting.id } });
      return;
    }
    // Already done is fine (a second press); an action that is not this meeting's is not.
    const [exists] = await tx.select({ id: meetingActions.id }).from(meetingActions).where(and(eq(meetingActions.id, action), eq(meetingActions.meetingRequestId, meeting.id)));
    if (!exists) throw new NotFound('There is no such action on this meeting');
  });
}
