/** The worker's side of the child's feedback: recording the child's answers, and who may create links or record. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fieldValue, mainText } from './children-support.ts';
import { ANSWERS, auditFor, completedInterview, createLink, feedbackOf, linksOf } from './rhi-feedback-support.ts';
import { FIXED_NOW } from './return-interview-support.ts';

describeEachDatabase('The child’s feedback recorded by the worker', (use) => {
  let app: FastifyInstance;
  let officer: Agent;
  let worker: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
    worker = await new Agent(app).signIn('rhi_worker');
  });
  afterAll(() => app.close());

  it('records the child’s answers, shows them on the interview, and accepts no second feedback', async () => {
    const { rhiId, childId } = await completedInterview(use(), officer);
    const interview = await worker.get(`/return-interviews/${rhiId}`);
    expect(interview.body).toContain(`href="/return-interviews/${rhiId}/feedback"`);
    const form = await worker.get(`/return-interviews/${rhiId}/feedback`);
    expect(form.statusCode).toBe(200);
    expect(mainText(form.body)).toContain('Record what the child told you about how the interview went.');
    const res = await worker.post(`/return-interviews/${rhiId}/feedback`, { listened: 'a_bit', easyToTalk: '', talkAgain: 'yes', comment: '' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/return-interviews/${rhiId}#feedback`);
    const [saved] = await feedbackOf(use(), rhiId);
    expect(saved).toMatchObject({ source: 'worker', listened: 'a_bit', easyToTalk: null, talkAgain: 'yes', comment: null, linkId: null });
    expect(saved?.recordedBy).toMatch(/^[0-9a-f-]{36}$/);
    expect((await auditFor(use(), 'rhi-feedback.recorded')).filter((a) => a.subjectId === saved?.id)).toMatchObject([{ childId, userId: saved?.recordedBy }]);

    const page = mainText((await worker.get(`/return-interviews/${rhiId}`)).body);
    expect(page).toContain('The child’s feedback is saved.');
    expect(page).toContain('Did you feel listened to? A bit');
    expect(page).toContain('Was it easy to talk to the person you met? Not answered');
    expect(page).toMatch(/Given 21\/11\/2026 12:00: recorded by Casey Wren/);
    expect(page).not.toContain('Create a one-time link');

    expect(mainText((await worker.get(`/return-interviews/${rhiId}/feedback`)).body)).toContain('Would you talk to them again if you needed to? Yes');
    expect((await auditFor(use(), 'rhi-feedback.viewed')).filter((a) => a.subjectId === rhiId)).toMatchObject([{ childId }, { childId }]);
    await worker.get(`/return-interviews/${rhiId}`);
    const second = await worker.post(`/return-interviews/${rhiId}/feedback`, ANSWERS);
    expect(second.statusCode).toBe(422);
    expect(mainText(second.body)).toContain('The child’s feedback on this interview has already been given');
    expect((await createLink(worker, rhiId)).res.statusCode).toBe(422);
    expect(await feedbackOf(use(), rhiId)).toHaveLength(1);
    expect(await linksOf(use(), rhiId)).toEqual([]);
  });

  it('makes a link sent earlier say it was used once the worker has recorded the answers', async () => {
    const { rhiId } = await completedInterview(use(), officer);
    const { token } = await createLink(worker, rhiId);
    await worker.get(`/return-interviews/${rhiId}/feedback`);
    expect((await worker.post(`/return-interviews/${rhiId}/feedback`, { listened: 'yes', easyToTalk: '', talkAgain: '', comment: '' })).statusCode).toBe(302);
    const visitor = new Agent(app);
    const res = await visitor.get(`/feedback/${token}`);
    expect(mainText(res.body)).toContain('This link has already been used. Thank you.');
    expect(res.body).not.toContain('name="listened"');
  });

  describe('answers that are not right', () => {
    const long = 'a'.repeat(2001);
    const cases: [string, Record<string, string>, string, string][] = [
      ['nothing answered', { listened: '', easyToTalk: '', talkAgain: '', comment: '   ' }, 'listened', 'Record at least one of the child’s answers'],
      ['an answer that is not one of the choices', { listened: 'maybe', easyToTalk: 'yes', talkAgain: '', comment: '' }, 'listened', 'Choose one of the answers'],
      ['a middle answer from the other question', { listened: '', easyToTalk: '', talkAgain: 'a_bit', comment: '' }, 'talkAgain', 'Choose one of the answers'],
      ['a comment that is too long', { listened: 'yes', easyToTalk: '', talkAgain: '', comment: long }, 'comment', 'The comment must be 2,000 characters or fewer'],
    ];
    for (const [name, form, field, message] of cases) {
      it(`are refused with the answers kept: ${name}`, async () => {
        const { rhiId } = await completedInterview(use(), officer);
        await worker.get(`/return-interviews/${rhiId}/feedback`);
        const res = await worker.post(`/return-interviews/${rhiId}/feedback`, form);
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('<title>Error: The child’s feedback – Homeward</title>');
        expect(res.body).toContain(`<a href="#${field}">${message}</a>`);
        expect(fieldValue(res.body, 'comment')).toBe(form.comment);
        if (form.easyToTalk === 'yes') expect(res.body).toMatch(/name="easyToTalk" type="radio" value="yes" checked/);
        expect(await feedbackOf(use(), rhiId)).toEqual([]);
      });
    }
  });

  describe('who may do what', () => {
    it('refuses links and recording to social workers (who may read the feedback) and to the police (403)', async () => {
      const { rhiId } = await completedInterview(use(), officer);
      const social = await new Agent(app).signIn('social_worker');
      const page = await social.get(`/return-interviews/${rhiId}`);
      expect(page.statusCode).toBe(200);
      expect(mainText(page.body)).toContain('The child has not given feedback on this interview yet.');
      expect(page.body).not.toContain('Create a one-time link');
      expect((await social.post(`/return-interviews/${rhiId}/feedback-link`, {})).statusCode).toBe(403);
      await social.get(`/return-interviews/${rhiId}`);
      expect((await social.post(`/return-interviews/${rhiId}/feedback`, ANSWERS)).statusCode).toBe(403);
      const police = await new Agent(app).signIn('police');
      await police.get('/missing-now');
      expect((await police.post(`/return-interviews/${rhiId}/feedback-link`, {})).statusCode).toBe(403);
      expect((await police.get(`/return-interviews/${rhiId}/feedback`)).statusCode).toBe(403);
      expect(await linksOf(use(), rhiId)).toEqual([]);
      expect(await feedbackOf(use(), rhiId)).toEqual([]);
    });

    it('hides another authority’s interview (404)', async () => {
      const other = await new Agent(app).signIn('missing_officer', '892');
      const { rhiId } = await completedInterview(use(), other, { authority: '892' });
      await officer.get('/return-interviews');
      expect((await officer.post(`/return-interviews/${rhiId}/feedback-link`, {})).statusCode).toBe(404);
      expect((await officer.get(`/return-interviews/${rhiId}/feedback`)).statusCode).toBe(404);
      expect((await officer.post(`/return-interviews/${rhiId}/feedback`, ANSWERS)).statusCode).toBe(404);
      expect((await officer.get('/return-interviews/not-an-id/feedback')).statusCode).toBe(404);
      expect(await linksOf(use(), rhiId)).toEqual([]);
      expect(await feedbackOf(use(), rhiId)).toEqual([]);
    });
  });
});
