/**
 * The child's one-time feedback link: created on the interview page and shown once, only its fingerprint kept;
 * the public form (no sign-in, nothing about the child); used once; expired, unknown, replaced; CSRF; a rate limit.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { mainText } from './children-support.ts';
import { endedIncident } from './return-interview-support.ts';
import { ANSWERS, auditFor, completedInterview, createLink, feedbackOf, FIXED_NOW, linksOf } from './rhi-feedback-support.ts';

const DAY = 86_400_000;
const USED = 'This link has already been used. Thank you.';
const NOT_WORKING = 'This link is not working';

describeEachDatabase('The child’s one-time feedback link', (use) => {
  let app: FastifyInstance;
  let officer: Agent;
  let clock = FIXED_NOW;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => clock);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('is shown once as a full address, and only a fingerprint of it is kept', async () => {
    const { rhiId, childId } = await completedInterview(use(), officer);
    const before = await officer.get(`/return-interviews/${rhiId}`);
    expect(mainText(before.body)).toContain('The child has not given feedback on this interview yet.');
    const { res, token } = await createLink(officer, rhiId);
    expect(res.statusCode).toBe(200);
    expect(token).not.toBeNull();
    const text = mainText(res.body);
    expect(text).toContain('One-time link created');
    expect(text).toContain('Send it to the child yourself, by text message or e-mail');
    expect(text).toContain('It works once, until 05/12/2026 12:00.');

    const [link, ...others] = await linksOf(use(), rhiId);
    expect(others).toEqual([]);
    expect(link?.tokenHash).toBe(createHash('sha256').update(token ?? '').digest('hex'));
    expect(JSON.stringify(link)).not.toContain(token);
    expect(link?.expiresAt).toEqual(new Date(FIXED_NOW.getTime() + 14 * DAY));

    const again = await officer.get(`/return-interviews/${rhiId}`);
    expect(again.body).not.toContain(token);
    expect(mainText(again.body)).toContain('A one-time link was created on 21/11/2026 12:00. It works until 05/12/2026 12:00');
    const audit = (await auditFor(use(), 'rhi-feedback.link-created')).filter((a) => a.subjectId === link?.id);
    expect(audit).toMatchObject([{ childId, details: expect.objectContaining({ returnInterviewId: rhiId }) }]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('opens a form that names nobody, refuses an empty answer, stores the answers once and then says it was used', async () => {
    const { rhiId, childId } = await completedInterview(use(), officer);
    const child = await officer.get(`/children/${childId}`);
    const name = /<h1[^>]*>([^<]+)<\/h1>/.exec(child.body)?.[1]?.trim() ?? 'no name found';
    const { token } = await createLink(officer, rhiId);
    const visitor = new Agent(app);
    const form = await visitor.get(`/feedback/${token}`);
    expect(form.statusCode).toBe(200);
    const text = mainText(form.body);
    for (const question of ['Did you feel listened to?', 'Was it easy to talk to the person you met?', 'Would you talk to them again if you needed to?', 'Is there anything else you want to tell us?']) expect(text).toContain(question);
    expect(text).toContain('You do not have to answer.');
    expect(text).toContain('The team who arranged your meeting will read your answers.');
    for (const hidden of [name, ...name.split(' '), 'Signed in', 'Sign out', 'Return interviews', 'Missing now']) expect(form.body, hidden).not.toContain(hidden);

    const empty = await visitor.post(`/feedback/${token}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<title>Error: Tell us how your interview went</title>');
    expect(empty.body).toMatch(/<a href="#listened">Answer at least one question, or write something in the box<\/a>/);
    expect(await feedbackOf(use(), rhiId)).toEqual([]);

    const sent = await visitor.post(`/feedback/${token}`, ANSWERS);
    expect(sent.statusCode).toBe(200);
    expect(mainText(sent.body)).toContain('Thank you for telling us');
    expect(await feedbackOf(use(), rhiId)).toMatchObject([{ source: 'child_link', listened: 'yes', easyToTalk: 'a_bit', talkAgain: 'not_sure', comment: ANSWERS.comment, recordedBy: null }]);
    const [link] = await linksOf(use(), rhiId);
    expect(link?.usedAt).toEqual(FIXED_NOW);
    const [given] = await feedbackOf(use(), rhiId);
    // The system acted for the child: no user, the request's correlation id.
    expect((await auditFor(use(), 'rhi-feedback.given')).filter((a) => a.subjectId === given?.id))
      .toMatchObject([{ childId, userId: '00000000-0000-0000-0000-000000000000', details: expect.objectContaining({ source: 'child_link', returnInterviewId: rhiId }) }]);

    const reused = await visitor.post(`/feedback/${token}`, { listened: 'no' }, { csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? null });
    expect(mainText(reused.body)).toContain(USED);
    expect(mainText((await new Agent(app).get(`/feedback/${token}`)).body)).toContain(USED);
    expect(await feedbackOf(use(), rhiId)).toHaveLength(1);
    expect((await feedbackOf(use(), rhiId))[0]?.listened).toBe('yes');

    const page = mainText((await officer.get(`/return-interviews/${rhiId}`)).body);
    expect(page).toContain('Did you feel listened to? Yes');
    expect(page).toContain('Was it easy to talk to the person you met? A bit');
    expect(page).toContain('Would you talk to them again if you needed to? Not sure');
    expect(page).toContain(`Given 21/11/2026 12:00: the child, by their one-time link`);
    expect(page).not.toContain('Create a one-time link');
  });

  it('stores one answer when the same link is posted twice at once', async () => {
    const { rhiId } = await completedInterview(use(), officer);
    const { token } = await createLink(officer, rhiId);
    const visitor = new Agent(app);
    await visitor.get(`/feedback/${token}`);
    const answers = await Promise.all([visitor.post(`/feedback/${token}`, ANSWERS), visitor.post(`/feedback/${token}`, { ...ANSWERS, listened: 'no' })]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(answers.map((r) => (mainText(r.body).includes('Thank you for telling us') ? 'saved' : mainText(r.body).includes(USED) ? 'used' : 'other')).sort()).toEqual(['saved', 'used']);
    expect(await feedbackOf(use(), rhiId)).toHaveLength(1);
  });

  it('refuses a post without the form’s CSRF token, or with another one, and stores nothing', async () => {
    const { rhiId } = await completedInterview(use(), officer);
    const { token } = await createLink(officer, rhiId);
    const visitor = new Agent(app);
    expect((await visitor.get(`/feedback/${token}`)).statusCode).toBe(200);
    expect((await visitor.post(`/feedback/${token}`, ANSWERS, { csrf: null })).statusCode).toBe(403);
    const stranger = new Agent(app);
    const forged = /name="_csrf" value="([^"]+)"/.exec(visitor.lastHtml)?.[1] ?? '';
    expect((await stranger.post(`/feedback/${token}`, ANSWERS, { csrf: forged })).statusCode).toBe(403);
    expect(await feedbackOf(use(), rhiId)).toEqual([]);
    expect((await linksOf(use(), rhiId))[0]?.usedAt).toBeNull();
  });

  it('gives the same kind message, with 404, for an expired link, an unknown one and one that is not a link', async () => {
    const { rhiId } = await completedInterview(use(), officer);
    const { token } = await createLink(officer, rhiId);
    const visitor = new Agent(app);
    const form = await visitor.get(`/feedback/${token}`);
    expect(form.statusCode).toBe(200);
    clock = new Date(FIXED_NOW.getTime() + 14 * DAY + 60_000);
    try {
      const expired = await visitor.get(`/feedback/${token}`);
      const unknown = await visitor.get(`/feedback/${randomBytes(32).toString('base64url')}`);
      const garbage = await visitor.get('/feedback/not-a-token');
      for (const res of [expired, unknown, garbage]) {
        expect(res.statusCode).toBe(404);
        expect(mainText(res.body)).toContain(NOT_WORKING);
        expect(mainText(res.body)).toContain('ask the person you met to send you a new link');
      }
      expect(mainText(expired.body)).toBe(mainText(unknown.body));
      const late = await visitor.post(`/feedback/${token}`, ANSWERS, { csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? null });
      expect(late.statusCode).toBe(404);
      expect(await feedbackOf(use(), rhiId)).toEqual([]);
    } finally {
      clock = FIXED_NOW;
    }
  });

  it('is replaced by a newer link: the older one stops working', async () => {
    const { rhiId } = await completedInterview(use(), officer);
    const first = await createLink(officer, rhiId);
    const second = await createLink(officer, rhiId);
    expect(second.token).not.toBe(first.token);
    expect((await new Agent(app).get(`/feedback/${first.token}`)).statusCode).toBe(404);
    expect((await new Agent(app).get(`/feedback/${second.token}`)).statusCode).toBe(200);
    expect((await auditFor(use(), 'rhi-feedback.link-created')).filter((a) => a.details?.returnInterviewId === rhiId).map((a) => a.details?.replaced)).toEqual([0, 1]);
  });

  it('is not offered before the interview took place', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const page = await officer.get(`/return-interviews/${rhiId}`);
    expect(mainText(page.body)).toContain('Once the interview is recorded as completed, or advice given, you can ask the child for feedback.');
    expect(page.body).not.toContain('Create a one-time link');
    const res = await officer.post(`/return-interviews/${rhiId}/feedback-link`, {});
    expect(res.statusCode).toBe(422);
    expect(await linksOf(use(), rhiId)).toEqual([]);
  });
});

describe('The child’s feedback form is rate limited', () => {
  describeEachDatabase('posts', (use) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildTestApp(use(), () => FIXED_NOW);
    });
    afterAll(() => app.close());

    it('answers “too many requests” after 10 posts in a minute', async () => {
      const officer = await new Agent(app).signIn('missing_officer');
      const { rhiId } = await completedInterview(use(), officer);
      const { token } = await createLink(officer, rhiId);
      const visitor = new Agent(app);
      await visitor.get(`/feedback/${token}`);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await visitor.post(`/feedback/${token}`, {})).statusCode);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses[10]).toBe(429);
      expect(await feedbackOf(use(), rhiId)).toEqual([]);
    });
  });
});
