/**
 * The language guide through the app: the guide page and the phrase list for anyone signed in; the advice shown
 * after saving a return interview or a held meeting, counted for the worker's words and never the child's; the
 * child's own words marked so the inline advice leaves them alone; the report in the Reports section and the API.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { languageAdvice } from '../../src/db/schema.ts';
import { LANGUAGE_PHRASES } from '../../src/modules/language/phrases.ts';
import { scheduleMeeting } from '../../src/modules/repeat-missing/meeting-lifecycle.service.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { titleOf, visibleText } from '../fixtures/html.ts';
import { actorOf, policeAgencyId } from '../fixtures/records.ts';
import { agenciesOf, meetingsOf } from '../db/repeat-missing-support.ts';
import { endedOn, FIXED_NOW, newChild, notify } from './children-support.ts';
import { endedIncident } from './return-interview-support.ts';

type PhraseJson = { guide: string; phrases: { code: string; pattern: string; phrase: string; why: string; alternatives: string[] }[] };

const COMPLETED = {
  offeredAt: '19/11/2026 10:00', offerMethod: 'in_person', offeredBy: 'Jo Finch, return interview worker', offeredByIndependent: 'yes',
  outcome: 'completed', completedAt: '20/11/2026 15:00',
};

/** The advice inset of the success banner, as text. */
const adviceShown = (html: string) => visibleText(/<div class="govuk-inset-text[^"]*" data-language-advice>[\s\S]*?<\/div>/.exec(html)?.[0] ?? '');

/** The opening tag of the textarea with this id. */
const textareaTag = (html: string, id: string) => new RegExp(`<textarea[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describeEachDatabase('The language guide pages', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  const adviceRows = (recordId: string) => use().read((q) => q.select().from(languageAdvice).where(eq(languageAdvice.recordId, recordId)));

  it('shows the guide to anyone signed in: phrases grouped, why, what to say instead, and sources', async () => {
    for (const role of ['manager', 'police', 'rhi_worker', 'admin'] as const) {
      const res = await (await new Agent(app).signIn(role)).get('/language-guide');
      expect([role, res.statusCode]).toEqual([role, 200]);
    }
    const res = await officer.get('/language-guide');
    expect(titleOf(res.body)).toBe('Language guide – Homeward');
    const text = visibleText(res.body);
    for (const heading of ['Sexual exploitation and abuse', 'Criminal exploitation and county lines', 'Going missing', 'Working with children', 'Where this guide comes from']) expect(text).toContain(heading);
    expect(text).toContain(`these ${LANGUAGE_PHRASES.length} phrases`);
    expect(text).toContain('“putting themselves at risk” It suggests the child is responsible for the risk that other people pose to them. Say instead: is at risk from…');
    expect(res.body).toContain('id="absconded"');
    expect(text).toContain('Appropriate language: child sexual and/or criminal exploitation');
    expect(text).toContain('Working Together to Safeguard Children 2023');
  });

  it('sends someone not signed in to sign in, for the page and the list', async () => {
    for (const url of ['/language-guide', '/language-guide/phrases.json']) {
      const res = await new Agent(app).get(url);
      expect([url, res.statusCode, res.headers.location, res.headers['cache-control']]).toEqual([url, 302, '/sign-in', 'no-store']);
    }
  });

  it('gives the phrase list as JSON, kept privately by the browser for an hour', async () => {
    const res = await officer.get('/language-guide/phrases.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    const body = res.json<PhraseJson>();
    expect(body.guide).toBe('/language-guide');
    expect(body.phrases.map((p) => p.code)).toEqual(LANGUAGE_PHRASES.map((p) => p.code));
    expect(Object.keys(body.phrases[0] ?? {}).sort()).toEqual(['alternatives', 'code', 'pattern', 'phrase', 'why']);
    // The patterns work as the browser will use them.
    const absconded = body.phrases.find((p) => p.code === 'absconded');
    expect(new RegExp(absconded?.pattern ?? '^$', 'giu').test('The child Absconded at 10pm')).toBe(true);
  });

  it('loads the inline advice on signed-in pages, and marks the child’s own words to be left alone', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const page = await officer.get(`/return-interviews/${rhiId}`);
    expect(page.body).toContain('<script type="module" src="/static/app/language-guide.js"></script>');
    expect(textareaTag(page.body, 'childWords')).toContain('data-language-guide="off"');
    expect(textareaTag(page.body, 'notes')).not.toContain('data-language-guide');
    // The worker records the child's feedback once the interview is completed: the same questions, the child's words.
    await officer.post(`/return-interviews/${rhiId}`, { version: '1', ...COMPLETED });
    const feedback = await officer.get(`/return-interviews/${rhiId}/feedback`);
    expect(textareaTag(feedback.body, 'comment')).toContain('data-language-guide="off"');
    const script = await officer.get('/static/app/language-guide.js');
    expect([script.statusCode, script.body]).toEqual([200, expect.stringContaining("'/language-guide/phrases.json'")]);
  });

  it('shows the advice after saving a return interview, counting the worker’s words and not the child’s', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const url = `/return-interviews/${rhiId}`;
    await officer.get(url);
    const res = await officer.post(url, {
      version: '1', notes: 'She absconded after an argument.', childWords: 'I ran off, I am a runaway, I was putting myself at risk.',
      whereStayed: 'With her boyfriend', stayedWith: '',
    });
    expect([res.statusCode, res.headers.location]).toEqual([302, url]);
    const after = await officer.get(url);
    expect(visibleText(after.body)).toContain('Success The return interview is saved. Language guide:');
    const text = adviceShown(after.body);
    expect(text).toMatch(/^Language guide: what you saved includes 2 phrases that can suggest a child is to blame for harm done to them\./);
    expect(text).toContain('“absconded, absconder” in Notes about the reasons: you could say “went missing”');
    expect(text).toContain('in Where the child stayed');
    expect(after.body).toContain('href="/language-guide#absconded"');
    expect(text).not.toContain('runaway');
    expect((await adviceRows(rhiId)).map((r) => [r.field, r.phraseCode]).sort()).toEqual([['notes', 'absconded'], ['whereStayed', 'boyfriend-girlfriend']]);
    // The message is shown once.
    expect(visibleText((await officer.get(url)).body)).not.toContain('Language guide: what you saved');
  });

  it('says only that it was saved when there is nothing to advise on', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const url = `/return-interviews/${rhiId}`;
    await officer.get(url);
    await officer.post(url, { version: '1', notes: 'Arguments about curfew. She is at risk from adults at the park.' });
    const text = visibleText((await officer.get(url)).body);
    expect(text).toContain('The return interview is saved.');
    expect(text).not.toContain('Language guide');
    expect(await adviceRows(rhiId)).toEqual([]);
  });

  it('shows the advice after recording a meeting as held', async () => {
    const child = newChild();
    const la = `LA-${randomUUID().slice(0, 8)}`;
    let childId = '';
    for (const day of ['2026-09-01', '2026-09-15', '2026-09-29', '2026-10-13']) childId = (await notify(use(), { child, cells: endedOn(day, { la_child_id: la }) })).childId;
    const [request] = await meetingsOf(use(), childId);
    if (!request) throw new Error('no meeting request raised');
    await scheduleMeeting(use(), await actorOf(use(), 'missing_officer'), request.id, { version: 1, scheduledFor: '01/11/2026 10:00' });
    const [agency] = await agenciesOf(use());
    await officer.get(`/meetings/${request.id}`);
    const res = await officer.post(`/meetings/${request.id}/held`, { version: '2', heldAt: '02/11/2026 10:00', attended: agency?.id ?? '', decisions: 'He is hard to reach; keep trying' });
    expect(res.statusCode).toBe(302);
    const page = await officer.get(`/meetings/${request.id}`);
    expect(visibleText(page.body)).toContain('The meeting is recorded as held.');
    expect(adviceShown(page.body)).toContain('“hard to reach” in Decisions: you could say “services have not yet found a way to reach…”');
  });

  it('is a report in the Reports section and the API', async () => {
    const manager = await new Agent(app).signIn('manager');
    expect((await manager.get('/reports')).body).toContain('href="/reports/language"');
    const page = await manager.get('/reports/language?fy=2026%2F27');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Phrases advised per team, 2026/27');
    expect(text).toContain('Q3: October to December 2026');
    const { key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Reporting system' });
    const api = await app.inject({ method: 'GET', url: '/api/v1/reports/language?fy=2026%2F27', headers: { authorization: `Bearer ${key}` } });
    expect(api.statusCode).toBe(200);
    const body = api.json<{ report: string; tables: { id: string; rows: { key: string; values: Record<string, unknown> }[] }[] }>();
    expect(body.report).toBe('language');
    // The phrases saved in the tests above, in November 2026 (Q3): the officer's agency stands in for a team.
    expect(body.tables[0]?.rows.at(-1)?.values.Q3).toBeGreaterThanOrEqual(3);
  });
});
