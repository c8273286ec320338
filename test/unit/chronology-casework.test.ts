/** The chronology's return interview, feedback and meeting entries (pure): titles, dates, who, links, order. */
import { describe, expect, it } from 'vitest';
import type {
  CaseworkAuditRow, InterviewFeedbackRow, InterviewRow, MeetingRequestRow,
} from '../../src/modules/children/child-record.repository.ts';
import { buildChronology, type ChronologyEntry, type ChronologyInput } from '../../src/modules/children/chronology.ts';
import { outcomeRecorder } from '../../src/modules/children/chronology-rhi.ts';

const at = (iso: string) => new Date(iso);
const RHI = '11111111-1111-4111-8111-111111111111';
const INCIDENT = '22222222-2222-4222-8222-222222222222';
const MEETING = '33333333-3333-4333-8333-333333333333';

function interview(patch: Partial<InterviewRow['rhi']> = {}): InterviewRow {
  return {
    policeReference: 'TEST-REF-1', providerName: 'Safe Home Returns (charity)', workerName: 'Casey Wren',
    rhi: {
      id: RHI, authorityCode: '891', incidentId: INCIDENT, childId: 'c', providerAgencyId: 'p', workerUserId: 'w',
      requestedAt: at('2026-11-18T17:05:00Z'), returnedAt: at('2026-11-18T17:00:00Z'), offeredAt: null, offerMethod: null, offeredBy: null,
      offeredByIndependent: null, outcome: null, notAttemptedReason: null, completedAt: null, closedAt: null, whereStayed: 'At a friend’s flat',
      stayedWith: 'A friend', childWords: 'Words the child said in confidence', notes: null, sentToMissingOfficerAt: null, offerMet: null,
      completionMet: null, version: 1, createdAt: at('2026-11-18T17:05:00Z'), updatedAt: at('2026-11-18T17:05:00Z'), ...patch,
    },
  };
}

let auditId = 0;
function audit(action: string, subjectId: string, iso: string, userName: string | null, details: Record<string, unknown> = {}): CaseworkAuditRow {
  auditId += 1;
  return { id: auditId, at: at(iso), action, subjectId, userName, details };
}

function meeting(patch: Partial<MeetingRequestRow> = {}): MeetingRequestRow {
  return {
    id: MEETING, authorityCode: '891', childId: 'c', status: 'requested', requestedFor: at('2026-05-22T17:00:00Z'),
    explanation: '4 incidents between 1 May 2026 and 22 May 2026', rule: 'more than 3 incidents in 90 days', scheduledFor: null, heldAt: null,
    completedAt: null, cancelledAt: null, cancelReason: null, createdAt: at('2026-05-23T09:00:00Z'), version: 1, ...patch,
  };
}

function chronology(parts: Partial<Pick<ChronologyInput, 'interviews' | 'feedback' | 'meetings' | 'caseworkAudit'>>): ChronologyEntry[] {
  return buildChronology({
    incidents: [], changes: [], carePeriods: [], tasks: [], matches: [], districtNames: new Map(),
    interviews: [], feedback: [], meetings: [], caseworkAudit: [], ...parts,
  });
}

const brief = (entries: ChronologyEntry[]) => entries.map((e) => ({ kind: e.kind, title: e.title, by: e.by, at: e.at.toISOString() }));

describe('return interview entries', () => {
  it('show the request with its provider, the offer, the outcome with who recorded it and the sending back, newest first', () => {
    const entries = chronology({
      interviews: [interview({
        offeredAt: at('2026-11-19T10:00:00Z'), offerMethod: 'in_person', offeredBy: 'Jo Finch, return interview worker', offeredByIndependent: true,
        outcome: 'completed', completedAt: at('2026-11-20T15:00:00Z'), closedAt: at('2026-11-21T12:00:00Z'), sentToMissingOfficerAt: at('2026-11-21T12:00:00Z'),
      })],
      caseworkAudit: [audit('return-interview.recorded', RHI, '2026-11-21T12:00:00Z', 'Casey Wren', { outcome: 'completed', sentToMissingOfficer: true })],
    });
    expect(brief(entries)).toEqual([
      { kind: 'rhi-sent-back', title: 'Return interview sent back to the Missing Officer (incident TEST-REF-1)', by: 'Casey Wren', at: '2026-11-21T12:00:00.000Z' },
      { kind: 'rhi-outcome', title: 'Return interview completed (incident TEST-REF-1)', by: 'Casey Wren', at: '2026-11-20T15:00:00.000Z' },
      { kind: 'rhi-offered', title: 'Return interview offered (incident TEST-REF-1)', by: 'Jo Finch, return interview worker', at: '2026-11-19T10:00:00.000Z' },
      { kind: 'rhi-requested', title: 'Return interview requested (incident TEST-REF-1)', by: null, at: '2026-11-18T17:05:00.000Z' },
    ]);
    expect(entries.find((e) => e.kind === 'rhi-requested')?.lines).toEqual(['Provider: Safe Home Returns (charity)']);
    expect(entries.find((e) => e.kind === 'rhi-offered')?.lines).toEqual(['How: In person', 'Offered by someone independent of the child’s home or placement']);
    expect(entries.find((e) => e.kind === 'rhi-outcome')?.lines).toEqual(['What the child said is kept with the return interview.']);
    expect(entries.every((e) => e.returnInterviewId === RHI && e.incidentId === INCIDENT)).toBe(true);
  });

  it('never carry what the child said, where they stayed or with whom', () => {
    const entries = chronology({ interviews: [interview({ outcome: 'completed', completedAt: at('2026-11-20T15:00:00Z'), closedAt: at('2026-11-21T12:00:00Z') })] });
    const text = JSON.stringify(entries);
    for (const words of ['Words the child said in confidence', 'At a friend’s flat', 'A friend"']) expect(text).not.toContain(words);
  });

  it('show an outcome other than completed when it was recorded, with the reason not attempted', () => {
    const entries = chronology({
      interviews: [interview({ outcome: 'not_attempted', notAttemptedReason: 'The child moved to a placement in another area', closedAt: at('2026-11-21T12:00:00Z') })],
      caseworkAudit: [audit('return-interview.recorded', RHI, '2026-11-21T12:00:00Z', 'Alex Moss', { outcome: 'not_attempted' })],
    });
    const outcome = entries.find((e) => e.kind === 'rhi-outcome');
    expect(outcome).toMatchObject({ title: 'Return interview: not attempted (reason recorded) (incident TEST-REF-1)', by: 'Alex Moss', lines: ['Reason: The child moved to a placement in another area'] });
    expect(outcome?.at.toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(entries.map((e) => e.kind)).toEqual(['rhi-outcome', 'rhi-requested']);
  });

  it('name who recorded the outcome it has now, not who saved it later or who recorded an earlier outcome', () => {
    const saves = [
      audit('return-interview.recorded', RHI, '2026-11-19T10:00:00Z', 'Offer Person', { outcome: null }),
      audit('return-interview.recorded', RHI, '2026-11-19T11:00:00Z', 'Earlier Person', { outcome: 'declined' }),
      audit('return-interview.recorded', RHI, '2026-11-20T15:00:00Z', 'Outcome Person', { outcome: 'completed' }),
      audit('return-interview.recorded', RHI, '2026-11-21T09:00:00Z', 'Later Editor', { outcome: 'completed' }),
      audit('return-interview.recorded', 'another-interview', '2026-11-21T10:00:00Z', 'Someone Else', { outcome: 'declined' }),
    ];
    expect(outcomeRecorder(RHI, 'completed', saves)?.userName).toBe('Outcome Person');
    expect(outcomeRecorder(RHI, 'declined', saves)).toBeNull();
    const changedBack = [...saves, audit('return-interview.recorded', RHI, '2026-11-21T11:00:00Z', 'Back Again', { outcome: 'declined' })];
    expect(outcomeRecorder(RHI, 'declined', changedBack)?.userName).toBe('Back Again');
  });
});

describe('feedback entries', () => {
  const feedback = (patch: Partial<InterviewFeedbackRow['feedback']>, recordedByName: string | null = null): InterviewFeedbackRow => ({
    policeReference: 'TEST-REF-1', incidentId: INCIDENT, recordedByName,
    feedback: {
      id: 'f', authorityCode: '891', returnInterviewId: RHI, source: 'child_link', linkId: 'l', listened: 'yes', easyToTalk: null, talkAgain: 'not_sure',
      comment: 'Private words about the worker', recordedBy: null, createdAt: at('2026-11-22T08:00:00Z'), ...patch,
    },
  });

  it('show the child’s answers but not what they wrote, and who recorded them when it was the worker', () => {
    const [byChild] = chronology({ feedback: [feedback({})] });
    expect(byChild).toMatchObject({
      kind: 'rhi-feedback', title: 'The child gave feedback on their return interview (incident TEST-REF-1)', by: null, returnInterviewId: RHI,
      lines: ['Did you feel listened to? Yes', 'Was it easy to talk to the person you met? Not answered', 'Would you talk to them again if you needed to? Not sure', 'Is there anything else you want to tell us? The child wrote more: see the return interview.'],
    });
    expect(JSON.stringify(byChild)).not.toContain('Private words');
    const [byWorker] = chronology({ feedback: [feedback({ source: 'worker', linkId: null, recordedBy: 'u', comment: null }, 'Casey Wren')] });
    expect(byWorker).toMatchObject({ title: 'The child’s feedback on their return interview recorded (incident TEST-REF-1)', by: 'Casey Wren' });
    expect(byWorker?.lines).toHaveLength(3);
  });
});

describe('meeting request entries', () => {
  it('show the request with its explanation, scheduling, holding and completion with who did each', () => {
    const entries = chronology({
      meetings: [meeting({ status: 'completed', scheduledFor: at('2026-06-01T09:00:00Z'), heldAt: at('2026-06-02T09:00:00Z'), completedAt: at('2026-06-03T12:00:00Z') })],
      caseworkAudit: [
        audit('meeting-request.scheduled', MEETING, '2026-05-25T10:00:00Z', 'First Scheduler'),
        audit('meeting-request.scheduled', MEETING, '2026-05-26T10:00:00Z', 'Second Scheduler'),
        audit('meeting-request.held', MEETING, '2026-06-02T15:00:00Z', 'Held Recorder'),
        audit('meeting-request.completed', MEETING, '2026-06-03T12:00:00Z', 'Completer'),
      ],
    });
    expect(brief(entries)).toEqual([
      { kind: 'meeting-completed', title: 'Repeat-missing meeting completed', by: 'Completer', at: '2026-06-03T12:00:00.000Z' },
      { kind: 'meeting-held', title: 'Repeat-missing meeting held', by: 'Held Recorder', at: '2026-06-02T09:00:00.000Z' },
      { kind: 'meeting-scheduled', title: 'Repeat-missing meeting scheduled', by: 'Second Scheduler', at: '2026-05-26T10:00:00.000Z' },
      { kind: 'meeting-requested', title: 'Repeat-missing meeting requested', by: null, at: '2026-05-22T17:00:00.000Z' },
    ]);
    expect(entries.find((e) => e.kind === 'meeting-requested')?.lines).toEqual(['4 incidents between 1 May 2026 and 22 May 2026']);
    expect(entries.find((e) => e.kind === 'meeting-scheduled')?.lines).toEqual(['Meeting on 01/06/2026 10:00', 'The date was changed after it was first set']);
    expect(entries.every((e) => e.meetingId === MEETING && e.incidentId === null)).toBe(true);
  });

  it('show a cancelled request with its reason, and a meeting scheduled after its date as arranged on that date', () => {
    const entries = chronology({
      meetings: [meeting({ status: 'cancelled', scheduledFor: at('2026-06-01T09:00:00Z'), cancelledAt: at('2026-06-05T09:00:00Z'), cancelReason: 'The child moved to another authority' })],
      caseworkAudit: [
        audit('meeting-request.scheduled', MEETING, '2026-06-04T10:00:00Z', 'Late Recorder'),
        audit('meeting-request.cancelled', MEETING, '2026-06-05T09:00:00Z', 'Canceller'),
      ],
    });
    expect(brief(entries).map((e) => [e.kind, e.by, e.at])).toEqual([
      ['meeting-cancelled', 'Canceller', '2026-06-05T09:00:00.000Z'],
      ['meeting-scheduled', 'Late Recorder', '2026-06-01T09:00:00.000Z'],
      ['meeting-requested', null, '2026-05-22T17:00:00.000Z'],
    ]);
    expect(entries[0]?.lines).toEqual(['Reason: The child moved to another authority']);
    expect(entries[1]?.lines).toEqual(['Meeting on 01/06/2026 10:00']);
  });
});
