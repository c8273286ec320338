/**
 * Drafts of long forms: saved as the user types, given back only to them, discarded on request or once the form
 * is saved, kept when the form comes back with errors, refused without the form token or when too large, and
 * forgotten after 7 days.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { formDrafts } from '../../src/db/schema.ts';
import { urls } from '../../src/web/urls.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { json, postDraft, postWithToken } from './drafts-support.ts';
import { endedIncident, FIXED_NOW } from './return-interview-support.ts';

const DAY = 24 * 3600 * 1000;
const notes = (text: string) => ({ notes: [text], factors: ['peers', 'boundaries'], outcome: ['completed'] });

describeEachDatabase('Drafts of long forms', (use) => {
  let app: FastifyInstance;
  let now = FIXED_NOW;
  let worker: Agent;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => now);
    worker = await new Agent(app).signIn('rhi_worker');
    officer = await new Agent(app).signIn('missing_officer');
  });
  beforeEach(async () => {
    now = FIXED_NOW;
    await worker.get(urls.returnInterviews);
    await officer.get(urls.missingNow);
  });
  afterAll(() => app.close());

  it('saves a draft, gives it back to its author as last saved, and discards it when asked', async () => {
    const key = `/return-interviews/${randomUUID()}`;
    expect((await worker.get(urls.draft(key))).statusCode).toBe(404);
    const saved = await postDraft(worker, key, notes('First thoughts'));
    expect(saved.statusCode).toBe(200);
    expect(json(saved).savedAt).toBe(FIXED_NOW.toISOString());
    now = new Date(FIXED_NOW.getTime() + 60_000);
    expect((await postDraft(worker, key, notes('Second thoughts'))).statusCode).toBe(200);
    const read = await worker.get(urls.draft(key));
    expect(read.statusCode).toBe(200);
    expect(json(read)).toEqual({ data: notes('Second thoughts'), savedAt: now.toISOString() });
    expect((await postWithToken(worker, urls.draftDiscard(key))).statusCode).toBe(204);
    expect((await worker.get(urls.draft(key))).statusCode).toBe(404);
  });

  it('keeps a draft of a form with a long address', async () => {
    const key = `/exploitation-meetings/${randomUUID()}/actions/${randomUUID()}/done`;
    expect(key.length).toBeGreaterThan(100);
    expect((await postDraft(worker, key, notes('A long way down'))).statusCode).toBe(200);
    expect(json(await worker.get(urls.draft(key))).data).toEqual(notes('A long way down'));
  });

  it('never shows one person another person’s draft of the same form', async () => {
    const key = `/return-interviews/${randomUUID()}`;
    await postDraft(worker, key, notes('The worker’s notes'));
    expect((await officer.get(urls.draft(key))).statusCode).toBe(404);
    await postDraft(officer, key, notes('The officer’s notes'));
    await postWithToken(officer, urls.draftDiscard(key));
    expect(json(await worker.get(urls.draft(key))).data).toEqual(notes('The worker’s notes'));
  });

  it('refuses a draft without the form token, or with someone else’s', async () => {
    const key = `/return-interviews/${randomUUID()}`;
    expect((await postDraft(worker, key, notes('No token'), { csrf: null })).statusCode).toBe(403);
    const officersToken = /name="_csrf" value="([^"]+)"/.exec(officer.lastHtml)?.[1] ?? '';
    expect((await postDraft(worker, key, notes('Wrong token'), { csrf: officersToken })).statusCode).toBe(403);
    expect((await worker.get(urls.draft(key))).statusCode).toBe(404);
  });

  it('refuses a draft over 200 kB, or not in the expected form, saying so in plain English', async () => {
    const key = `/return-interviews/${randomUUID()}`;
    const tooLong = await postDraft(worker, key, { notes: ['x'.repeat(210 * 1024)] });
    expect(tooLong.statusCode).toBe(413);
    expect(json(tooLong).error).toBe('This draft is too long to save as you type (over 200 kB). Save the form itself to keep your work.');
    const malformed = await postDraft(worker, key, { notes: 'not a list' });
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed).error).toMatch(/^The draft could not be saved/);
    expect((await worker.get(urls.draft('not-a-form-address'))).statusCode).toBe(400);
    expect((await worker.get(urls.draft('//another.example/form'))).statusCode).toBe(400);
    expect((await worker.get(urls.draft(key))).statusCode).toBe(404);
  });

  it('forgets a draft 7 days after it was last saved', async () => {
    const key = `/return-interviews/${randomUUID()}`;
    await postDraft(worker, key, notes('Saved on Saturday'));
    now = new Date(FIXED_NOW.getTime() + 7 * DAY - 60_000);
    expect((await worker.get(urls.draft(key))).statusCode).toBe(200);
    now = new Date(FIXED_NOW.getTime() + 7 * DAY + 60_000);
    expect((await worker.get(urls.draft(key))).statusCode).toBe(404);
    const rows = await use().read((q) => q.select().from(formDrafts).where(eq(formDrafts.key, key)));
    expect(rows).toEqual([]);
  });

  it('keeps the draft when the form comes back with errors, and discards it once the form is saved', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const key = urls.returnInterview(rhiId);
    await officer.get(key);
    await postDraft(officer, key, { outcome: ['not_attempted'], notAttemptedReason: ['The child moved'] });
    const withErrors = await officer.post(key, { version: '1', outcome: 'not_attempted' });
    expect(withErrors.statusCode).toBe(400);
    expect(withErrors.body).toContain('data-page-errors="true"');
    expect(json(await officer.get(urls.draft(key))).data).toEqual({ outcome: ['not_attempted'], notAttemptedReason: ['The child moved'] });
    const saved = await officer.post(key, { version: '1', outcome: 'not_attempted', notAttemptedReason: 'The child moved to a placement in another area' });
    expect(saved.statusCode).toBe(302);
    expect((await officer.get(urls.draft(key))).statusCode).toBe(404);
  });
});
