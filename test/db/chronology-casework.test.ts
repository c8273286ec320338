/**
 * The child record's chronology shows the child's return interviews, their feedback and their repeat-missing
 * meeting, recorded through the services and pages as people would, with who did each; never to the police.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { returnInterviews } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { viewChildRecord, type ChildRecord } from '../../src/modules/children/child-record.service.ts';
import { cancelMeeting, completeMeeting, recordMeetingHeld, scheduleMeeting } from '../../src/modules/repeat-missing/meeting-lifecycle.service.ts';
import { newChild } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { endedOn, FIXED_NOW, mainText, notify } from '../route/children-support.ts';
import { heldForm, meetingsOf } from './repeat-missing-support.ts';

describeEachDatabase('Chronology: return interviews, feedback and meetings', (use) => {
  let app: FastifyInstance;
  let officer: Actor;
  let childId = '';
  let references: string[] = [];
  let rhiId = '';
  let meetingId = '';

  async function record(actor: Actor): Promise<ChildRecord> {
    const view = await viewChildRecord(use(), actor, childId, FIXED_NOW);
    if (view.kind !== 'record') throw new Error('merged');
    return view.record;
  }

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await actorOf(use(), 'missing_officer');
    const child = newChild();
    for (const day of ['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-22']) {
      const recorded = await notify(use(), { role: 'police', child, cells: endedOn(day) });
      childId = recorded.childId;
      references.push(recorded.reference);
    }
    references = references.slice(-1);
    // The interview of the last incident.
    const [rhi] = await use().read((q) => q.select().from(returnInterviews).where(eq(returnInterviews.childId, childId)).orderBy(desc(returnInterviews.returnedAt)).limit(1));
    if (!rhi) throw new Error('no interviews requested');
    rhiId = rhi.id;

    // The worker records the interview and sends it back, then records the child's feedback.
    const worker = await new Agent(app).signIn('rhi_worker');
    await worker.get(`/return-interviews/${rhiId}`);
    const saved = await worker.post(`/return-interviews/${rhiId}`, {
      version: '1', offeredAt: '24/05/2026 10:00', offerMethod: 'phone', offeredBy: 'Jo Finch, return interview worker', offeredByIndependent: 'yes',
      outcome: 'completed', completedAt: '25/05/2026 15:00', childWords: 'I wanted some space after an argument.', sendToMissingOfficer: 'yes',
    });
    expect(saved.statusCode).toBe(302);
    await worker.get(`/return-interviews/${rhiId}/feedback`);
    expect((await worker.post(`/return-interviews/${rhiId}/feedback`, { listened: 'yes', easyToTalk: 'yes', talkAgain: 'not_sure', comment: '' })).statusCode).toBe(302);

    // The Missing Officer takes the meeting request through to completion.
    const [meeting] = await meetingsOf(use(), childId);
    meetingId = meeting?.id ?? '';
    await scheduleMeeting(use(), officer, meetingId, { version: 1, scheduledFor: '01/06/2026 10:00' });
    await recordMeetingHeld(use(), officer, meetingId, { version: 2, ...(await heldForm(use())) }, FIXED_NOW);
    await completeMeeting(use(), officer, meetingId, { version: 3 }, FIXED_NOW);
  });
  afterAll(() => app.close());

  it('lists each step of the interview, the feedback and the meeting, with who did it', async () => {
    const { chronology } = await record(officer);
    const ref = references[0];
    const entry = (title: string) => {
      const found = chronology.find((e) => e.title === title);
      if (!found) throw new Error(`no entry "${title}" in ${chronology.map((e) => e.title).join(' | ')}`);
      return found;
    };
    expect(entry(`Return interview requested (incident ${ref})`)).toMatchObject({ kind: 'rhi-requested', lines: ['Provider: Safe Home Returns (charity)'], returnInterviewId: rhiId });
    expect(entry(`Return interview offered (incident ${ref})`)).toMatchObject({ by: 'Jo Finch, return interview worker', lines: ['How: Phone call', 'Offered by someone independent of the child’s home or placement'] });
    expect(entry(`Return interview completed (incident ${ref})`)).toMatchObject({ by: 'Casey Wren', at: new Date('2026-05-25T14:00:00Z') });
    expect(entry(`Return interview sent back to the Missing Officer (incident ${ref})`)).toMatchObject({ by: 'Casey Wren', at: FIXED_NOW });
    expect(entry(`The child’s feedback on their return interview recorded (incident ${ref})`)).toMatchObject({ by: 'Casey Wren', lines: expect.arrayContaining(['Did you feel listened to? Yes']) });
    const officerName = officer.displayName;
    expect(entry('Repeat-missing meeting requested')).toMatchObject({ meetingId, by: null, at: new Date('2026-05-22T17:00:00Z') });
    expect(entry('Repeat-missing meeting requested').lines[0]).toContain('4 incidents between');
    expect(entry('Repeat-missing meeting scheduled')).toMatchObject({ by: officerName, lines: ['Meeting on 01/06/2026 10:00'] });
    expect(entry('Repeat-missing meeting held')).toMatchObject({ by: officerName, at: new Date('2026-06-02T09:00:00Z') });
    expect(entry('Repeat-missing meeting completed')).toMatchObject({ by: officerName, at: FIXED_NOW });
    expect(JSON.stringify(chronology)).not.toContain('I wanted some space');
    // Four interviews were requested, one per incident.
    expect(chronology.filter((e) => e.kind === 'rhi-requested')).toHaveLength(4);
  });

  it('links each entry to its interview or meeting on the child’s page', async () => {
    const agent = await new Agent(app).signIn('social_worker');
    const page = await agent.get(`/children/${childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a class="govuk-link" href="/return-interviews/${rhiId}">Return interview completed (incident ${references[0]})</a>`);
    expect(page.body).toContain(`<a class="govuk-link" href="/meetings/${meetingId}">Repeat-missing meeting completed</a>`);
    const text = mainText(page.body);
    expect(text.indexOf('Repeat-missing meeting completed')).toBeLessThan(text.indexOf('Repeat-missing meeting held'));
    expect(text).toContain('by Casey Wren');
  });

  it('shows none of it to the police', async () => {
    const police = await actorOf(use(), 'police');
    const { chronology } = await record(police);
    expect(chronology.length).toBeGreaterThan(0);
    expect(chronology.filter((e) => e.kind.startsWith('rhi-') || e.kind.startsWith('meeting-'))).toEqual([]);
  });

  it('shows a cancelled request with its reason', async () => {
    const child = newChild();
    let other = '';
    for (const day of ['2026-07-01', '2026-07-08', '2026-07-15', '2026-07-22']) other = (await notify(use(), { child, cells: endedOn(day) })).childId;
    const [meeting] = await meetingsOf(use(), other);
    await cancelMeeting(use(), officer, meeting?.id ?? '', { version: 1, cancelReason: 'Discussed at the child’s strategy meeting instead' }, FIXED_NOW);
    const view = await viewChildRecord(use(), officer, other, FIXED_NOW);
    const chronology = view.kind === 'record' ? view.record.chronology : [];
    expect(chronology.find((e) => e.kind === 'meeting-cancelled')).toMatchObject({
      title: 'Repeat-missing meeting cancelled', by: officer.displayName, at: FIXED_NOW, lines: ['Reason: Discussed at the child’s strategy meeting instead'],
    });
  });
});
