/** Recording a return interview: each outcome, the rules, the lists kept, stale versions, who may do what. */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/db/database.ts';
import { returnInterviewActions, returnInterviewFactors, returnInterviewRisks, returnInterviews } from '../../src/db/schema.ts';
import { RHI_OUTCOMES } from '../../src/modules/return-interviews/outcomes.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { auditOf, fieldValue, mainText } from './children-support.ts';
import { endedIncident, FIXED_NOW } from './return-interview-support.ts';

const interviewsOfId = (q: Tx, id: string) => q.select().from(returnInterviews).where(eq(returnInterviews.id, id));

// The child returned 67 hours before FIXED_NOW: 18/11/2026 17:00.
const OFFER = { offeredAt: '19/11/2026 10:00', offerMethod: 'in_person', offeredBy: 'Jo Finch, return interview worker', offeredByIndependent: 'yes' };
const MINIMAL: Record<string, Record<string, string>> = {
  completed: { ...OFFER, outcome: 'completed', completedAt: '20/11/2026 15:00' },
  declined: { ...OFFER, outcome: 'declined' },
  unable_to_contact: { outcome: 'unable_to_contact' },
  missing_again: { outcome: 'missing_again' },
  not_attempted: { outcome: 'not_attempted', notAttemptedReason: 'The child moved to a placement in another area' },
  advice_given: { ...OFFER, outcome: 'advice_given' },
};

/** Posts a form with repeated checkbox fields, as a browser does. */
async function postWithLists(agent: Agent, url: string, form: Record<string, string>, lists: Record<string, string[]>) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(agent.lastHtml)?.[1] ?? '';
  const body = new URLSearchParams({ ...form, _csrf: csrf });
  for (const [name, values] of Object.entries(lists)) for (const v of values) body.append(name, v);
  return agent.send({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describeEachDatabase('Recording a return interview', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('records a completed interview with what the child said, keeps the lists and sends it back', async () => {
    const { rhiId, childId } = await endedIncident(use(), 67);
    const url = `/return-interviews/${rhiId}`;
    expect((await officer.get(url)).statusCode).toBe(200);
    const res = await postWithLists(officer, url, {
      version: '1', ...MINIMAL.completed, whereStayed: 'At a friend’s flat', stayedWith: 'A friend from school',
      childWords: 'I wanted to see my friends.', notes: 'Arguments about curfew',
      action1Description: 'Consider an exploitation risk assessment', action1Owner: 'Allocated social worker', action1DueOn: '28/11/2026',
      sendToMissingOfficer: 'yes',
    }, { factors: ['boundaries', 'peers'], risks: ['criminal_exploitation', 'online_harm'] });
    expect(res.statusCode).toBe(302);
    const [rhi] = await use().read((q) => interviewsOfId(q, rhiId));
    expect(rhi).toMatchObject({ outcome: 'completed', offerMethod: 'in_person', offeredByIndependent: true, offerMet: true, completionMet: true, childWords: 'I wanted to see my friends.', version: 2, sentToMissingOfficerAt: FIXED_NOW });
    const factors = await use().read((q) => q.select().from(returnInterviewFactors).where(eq(returnInterviewFactors.returnInterviewId, rhiId)));
    expect(factors.map((f) => f.code).sort()).toEqual(['boundaries', 'peers']);
    const risks = await use().read((q) => q.select().from(returnInterviewRisks).where(eq(returnInterviewRisks.returnInterviewId, rhiId)));
    expect(risks.map((r) => r.code).sort()).toEqual(['criminal_exploitation', 'online_harm']);
    expect(await use().read((q) => q.select().from(returnInterviewActions).where(eq(returnInterviewActions.returnInterviewId, rhiId)))).toMatchObject([{ owner: 'Allocated social worker', dueOn: '2026-11-28' }]);

    const page = await officer.get(url);
    expect(page.body).toMatch(/value="boundaries" checked/);
    expect(page.body).toMatch(/value="peers" checked/);
    expect(page.body).not.toMatch(/value="school" checked/);
    expect(page.body).toMatch(/value="criminal_exploitation" checked/);
    expect(page.body).toMatch(/value="completed" checked/);
    expect(fieldValue(page.body, 'childWords')).toBe('I wanted to see my friends.');
    const text = mainText(page.body);
    expect(text).toContain('The child’s own words');
    expect(text).toContain('Sent back to the Missing Officer 21/11/2026 12:00');
    expect(text).toContain('Consider an exploitation risk assessment Allocated social worker 28/11/2026');
    expect(text).toContain('Offer due 21/11/2026 17:00 (met)');
    expect(await auditOf(use(), 'return-interview.recorded', rhiId)).toMatchObject([{ childId, details: expect.objectContaining({ outcome: 'completed', offerMet: true, completionMet: true }) }]);
    expect((await auditOf(use(), 'return-interview.viewed', rhiId)).length).toBeGreaterThan(0);
    expect((await officer.get('/return-interviews')).body).not.toContain(url);
  });

  for (const outcome of RHI_OUTCOMES) {
    it(`records the outcome “${outcome.label}”`, async () => {
      const { rhiId } = await endedIncident(use(), 67);
      await officer.get(`/return-interviews/${rhiId}`);
      const res = await officer.post(`/return-interviews/${rhiId}`, { version: '1', ...MINIMAL[outcome.code] });
      expect(res.statusCode).toBe(302);
      const [rhi] = await use().read((q) => interviewsOfId(q, rhiId));
      expect(rhi?.outcome).toBe(outcome.code);
      expect(rhi?.closedAt).toEqual(FIXED_NOW);
      // Declined and the rest close the interview without completing it: the completion clock was not met.
      expect(rhi?.completionMet).toBe(outcome.code === 'completed');
      expect(mainText((await officer.get(`/return-interviews/${rhiId}`)).body)).toContain('Status done');
    });
  }

  describe('forms that are not right', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['not attempted without a reason', { outcome: 'not_attempted', notAttemptedReason: ' ' }, 'notAttemptedReason', 'Enter why the interview was not attempted'],
      ['completed without a completion time', { ...OFFER, outcome: 'completed' }, 'completedAt', 'Enter when the interview was completed'],
      ['an offer before the child returned', { ...OFFER, offeredAt: '18/11/2026 16:00' }, 'offeredAt', 'must be after the child returned (18/11/2026 17:00)'],
      ['an offer without how it was made', { ...OFFER, offerMethod: '' }, 'offerMethod', 'Select how the interview was offered'],
      ['a completion time in the future', { ...OFFER, outcome: 'completed', completedAt: '22/11/2026 09:00' }, 'completedAt', 'must not be in the future'],
      ['sent back with no outcome', { sendToMissingOfficer: 'yes' }, 'sendToMissingOfficer', 'Record the outcome before sending'],
      ['an action with no owner', { action2Description: 'Share with the school', action2DueOn: '01/12/2026' }, 'action2Owner', 'Enter who owns follow-up action 2'],
    ];
    for (const [name, form, field, message] of cases) {
      it(`are refused: ${name}`, async () => {
        const { rhiId } = await endedIncident(use(), 67);
        await officer.get(`/return-interviews/${rhiId}`);
        const res = await officer.post(`/return-interviews/${rhiId}`, { version: '1', childWords: 'I was scared to go home.', ...form });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('<title>Error: ');
        expect(res.body).toContain(`href="#${field}"`);
        expect(mainText(res.body)).toContain(message);
        expect(fieldValue(res.body, 'childWords')).toBe('I was scared to go home.');
        const [rhi] = await use().read((q) => interviewsOfId(q, rhiId));
        expect(rhi).toMatchObject({ version: 1, outcome: null, childWords: null });
      });
    }
  });

  it('refuses a stale form with the interview as it is now (409), keeping the other person’s record', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const worker = await new Agent(app).signIn('rhi_worker');
    await worker.get(`/return-interviews/${rhiId}`);
    await officer.get(`/return-interviews/${rhiId}`);
    expect((await worker.post(`/return-interviews/${rhiId}`, { version: '1', ...MINIMAL.declined })).statusCode).toBe(302);
    const stale = await officer.post(`/return-interviews/${rhiId}`, { version: '1', ...MINIMAL.completed });
    expect(stale.statusCode).toBe(409);
    expect(mainText(stale.body)).toContain('This return interview was changed by someone else while you were editing');
    const [rhi] = await use().read((q) => interviewsOfId(q, rhiId));
    expect(rhi).toMatchObject({ outcome: 'declined', version: 2 });
  });

  describe('who may do what', () => {
    it('lets a return interview worker record and be assigned', async () => {
      const { rhiId } = await endedIncident(use(), 67);
      const worker = await new Agent(app).signIn('rhi_worker');
      const page = await worker.get(`/return-interviews/${rhiId}`);
      expect(page.statusCode).toBe(200);
      // A worker opening an unassigned interview is offered as its worker; the incident is not a link for them.
      const workerId = /<option value="([^"]+)" selected>Casey Wren<\/option>/.exec(page.body)?.[1];
      expect(workerId).toBeTruthy();
      expect(page.body).not.toContain('href="/incidents/');
      expect((await worker.post(`/return-interviews/${rhiId}`, { version: '1', workerUserId: workerId ?? '', ...MINIMAL.advice_given })).statusCode).toBe(302);
      expect((await use().read((q) => interviewsOfId(q, rhiId)))[0]).toMatchObject({ outcome: 'advice_given', workerUserId: workerId });
    });

    it('lets a social worker read it but not record it', async () => {
      const { rhiId } = await endedIncident(use(), 67);
      await officer.get(`/return-interviews/${rhiId}`);
      await officer.post(`/return-interviews/${rhiId}`, { version: '1', ...MINIMAL.declined, childWords: 'I did not want to talk about it.' });
      const social = await new Agent(app).signIn('social_worker');
      const page = await social.get(`/return-interviews/${rhiId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Save return interview');
      expect(mainText(page.body)).toContain('Outcome Declined by the child');
      expect(mainText(page.body)).toContain('I did not want to talk about it.');
      expect((await social.post(`/return-interviews/${rhiId}`, { version: '2', ...MINIMAL.completed }, { csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? null })).statusCode).toBe(403);
    });

    it('refuses the police, managers and administrators', async () => {
      const { rhiId } = await endedIncident(use(), 67);
      for (const role of ['police', 'manager', 'admin'] as const) {
        expect((await (await new Agent(app).signIn(role)).get(`/return-interviews/${rhiId}`)).statusCode, role).toBe(403);
      }
    });

    it('hides another authority’s interviews (404), and ids that are not ids', async () => {
      const { rhiId } = await endedIncident(use(), 67, { authority: '892' });
      expect((await officer.get(`/return-interviews/${rhiId}`)).statusCode).toBe(404);
      expect((await (await new Agent(app).signIn('rhi_worker')).get(`/return-interviews/${rhiId}`)).statusCode).toBe(404);
      await officer.get('/return-interviews');
      expect((await officer.post(`/return-interviews/${rhiId}`, { version: '1', ...MINIMAL.declined })).statusCode).toBe(404);
      expect((await officer.get('/return-interviews/not-an-id')).statusCode).toBe(404);
      expect((await use().read((q) => interviewsOfId(q, rhiId)))[0]?.outcome).toBeNull();
    });
  });
});
