/** The One Plan page: actions by strand, adding one, changing a status (409 when stale, showing both), reviews. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateAgenda } from '../../src/modules/exploitation/agenda.service.ts';
import { planMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, agencyId, allocate, FIXED_NOW, panelIds } from '../db/panels-support.ts';
import { fieldValue, mainText } from './children-support.ts';

describeEachDatabase('One Plan page', (use) => {
  let app: FastifyInstance;
  let worker: Agent;
  let childId = '';
  let meetingId = '';

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    worker = await new Agent(app).signIn('social_worker');
    childId = (await aChild(use())).childId;
    await allocate(use(), childId);
    const lead = await actorOf(use(), 'exploitation_lead');
    const panel = (await panelIds(use())).ccep;
    await addToMonitoring(use(), lead, panel, { childId, reason: 'County lines' }, FIXED_NOW);
    meetingId = (await planMeeting(use(), lead, panel, { meetsOn: '20/11/2026' })).id;
    await generateAgenda(use(), lead, meetingId, FIXED_NOW);
  });
  afterAll(() => app.close());

  it('adds an action under its strand, showing the problems with what was typed kept', async () => {
    await worker.get(`/children/${childId}/plan`);
    const bad = await worker.post(`/children/${childId}/plan`, { strand: '', description: 'Mentoring', owner: '', agencyId: '', dueOn: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: ');
    expect(bad.body).toContain('href="#strand"');
    expect(mainText(bad.body)).toContain('Select Prepare, Prevent, Protect or Pursue');
    expect(fieldValue(bad.body, 'description')).toBe('Mentoring');
    const ok = await worker.post(`/children/${childId}/plan`, { strand: 'prevent', description: 'Mentoring with a youth worker', owner: 'Youth worker', agencyId: await agencyId(use(), 'youth_justice'), dueOn: '15/11/2026' });
    expect(ok.statusCode).toBe(302);
    const text = mainText((await worker.get(`/children/${childId}/plan`)).body);
    expect(text).toContain('The action is added to the plan.');
    expect(text).toMatch(/Prevent .* Mentoring with a youth worker Youth worker, Demo County Youth Justice Service 15\/11\/2026 Overdue by 6 days/);
  });

  it('changes a status, and shows both when someone else changed it first', async () => {
    const page = await worker.get(`/children/${childId}/plan`);
    const actionId = /\/plan\/actions\/([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? '';
    expect((await worker.post(`/children/${childId}/plan/actions/${actionId}`, { status: 'in_progress', version: '1' })).statusCode).toBe(302);
    const stale = await worker.post(`/children/${childId}/plan/actions/${actionId}`, { status: 'cancelled', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(mainText(stale.body)).toMatch(/Your change Cancelled The status now In progress \(changed 21\/11\/2026 12:00\)/);
  });

  it('records a review at the panel meeting the plan was reviewed at, offered from the meeting\'s link', async () => {
    const page = await worker.get(`/children/${childId}/plan?meeting=${meetingId}`);
    expect(page.body).toMatch(new RegExp(`<option value="${meetingId}" selected>Child Criminal Exploitation Panel \\(CCEP\\), 20/11/2026</option>`));
    const res = await worker.post(`/children/${childId}/plan/reviews`, { reviewedOn: '20/11/2026', note: 'Plan reviewed at CCEP: keep the mentoring', panelMeetingId: meetingId });
    expect(res.statusCode).toBe(302);
    expect(mainText((await worker.get(`/children/${childId}/plan`)).body)).toContain('20/11/2026 , at the Child Criminal Exploitation Panel (CCEP) meeting on 20/11/2026 (Sam Patel): Plan reviewed at CCEP: keep the mentoring');
  });

  it('lets the police read the plan of a child their force knows, without the forms', async () => {
    const police = await new Agent(app).signIn('police');
    const res = await police.get(`/children/${childId}/plan`);
    expect(res.statusCode).toBe(200);
    expect(mainText(res.body)).not.toContain('Add an action');
    expect((await police.post(`/children/${childId}/plan`, { strand: 'prepare' })).statusCode).toBe(403);
  });
});
