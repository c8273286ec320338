/** Part 1 of the Philomena Protocol (GET/POST /children/:id/philomena): saving, checking, stale saves, who may do what. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { errorSummary, titleOf } from '../fixtures/html.ts';
import { auditOf, endedOn, fieldValue, mainText, newChild, notify } from './children-support.ts';
import { changesOf, FIXED_NOW, lookedAfterChild, profileForm, profileOf } from './philomena-support.ts';

const ANSWERS = {
  height: '1.60 m', build: 'Slim', hair: 'Dark brown, shoulder length', eyes: 'Green', tattoos: 'Small star on the left wrist',
  nicknames: 'Frankie', associates: 'A friend from school, Sam', places: 'The skate park on Mill Road\nThe bus station',
  medication: 'Inhaler, twice a day', vulnerabilities: 'May be targeted by older young people', reviewedOn: '15/11/2026', reviewedBy: 'Jo Finch, social worker',
};

describeEachDatabase('Philomena profile, Part 1', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('saves Part 1 and shows it again, with who changed what, audited', async () => {
    const { childId } = await lookedAfterChild(use());
    const url = `/children/${childId}/philomena`;
    const empty = await officer.get(url);
    expect(empty.statusCode).toBe(200);
    expect(mainText(empty.body)).toContain('No photo is held yet.');
    const res = await officer.post(url, profileForm('0', ANSWERS));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(url);
    const page = await officer.get(url);
    expect(mainText(page.body)).toContain('The Philomena profile is saved.');
    expect(fieldValue(page.body, 'height')).toBe('1.60 m');
    expect(fieldValue(page.body, 'places')).toBe('The skate park on Mill Road\nThe bus station');
    expect(fieldValue(page.body, 'reviewedOn')).toBe('15/11/2026');
    expect(fieldValue(page.body, 'reviewedBy')).toBe('Jo Finch, social worker');
    expect(mainText(page.body)).toMatch(/21\/11\/2026 12:00 \S+ \S+ Tattoos Small star on the left wrist/);
    expect(await profileOf(use(), childId)).toMatchObject({ version: 1, hair: 'Dark brown, shoulder length', reviewedOn: '2026-11-15', marks: null });
    expect((await changesOf(use(), childId)).map((c) => c.field).sort()).toEqual(Object.keys(ANSWERS).sort());
    const [saved] = await auditOf(use(), 'philomena.saved', childId);
    expect(saved?.details).toMatchObject({ fields: expect.arrayContaining(['height', 'tattoos']) });
    // Audit rows carry field names only, never what was written about the child.
    expect(JSON.stringify(saved?.details)).not.toContain('Frankie');
    expect((await auditOf(use(), 'philomena.viewed', childId)).length).toBeGreaterThanOrEqual(2);

    await officer.post(url, profileForm('1', { ...ANSWERS, height: '1.62 m' }));
    const changes = await changesOf(use(), childId);
    expect(changes.filter((c) => c.field === 'height').map((c) => [c.oldValue, c.newValue])).toContainEqual(['1.60 m', '1.62 m']);
    expect(await profileOf(use(), childId)).toMatchObject({ version: 2, height: '1.62 m' });
  });

  it('re-shows the form with each problem, the values kept and nothing saved', async () => {
    const { childId } = await lookedAfterChild(use());
    const url = `/children/${childId}/philomena`;
    await officer.get(url);
    const cases: [Record<string, string>, string, string][] = [
      [{ height: 'x'.repeat(101) }, 'height', 'Height must be 100 characters or fewer'],
      [{ associates: 'y'.repeat(4001) }, 'associates', 'Associates must be 4000 characters or fewer'],
      [{ reviewedOn: 'last Tuesday', reviewedBy: 'Jo' }, 'reviewedOn', 'Enter the date of the review like 27/03/2026'],
      [{ reviewedOn: '31/02/2026', reviewedBy: 'Jo' }, 'reviewedOn', 'The date of the review must be a real date'],
      [{ reviewedOn: '22/11/2026', reviewedBy: 'Jo' }, 'reviewedOn', 'The date of the review must be today or in the past'],
      [{ reviewedBy: 'Jo' }, 'reviewedOn', 'Enter the date of the review'],
      [{ reviewedOn: '20/11/2026' }, 'reviewedBy', 'Enter who reviewed the profile'],
      [{ reviewedOn: '20/11/2026', reviewedBy: 'z'.repeat(201) }, 'reviewedBy', 'Who reviewed it must be 200 characters or fewer'],
    ];
    for (const [answers, field, message] of cases) {
      const res = await officer.post(url, profileForm('0', { hair: 'Red', ...answers }));
      expect(res.statusCode, message).toBe(400);
      expect(titleOf(res.body)).toMatch(/^Error: Philomena profile: /);
      expect(errorSummary(res.body)).toContainEqual([`#${field}`, message]);
      expect(fieldValue(res.body, 'hair')).toBe('Red');
      expect(fieldValue(res.body, field)).toBe(answers[field] ?? '');
    }
    expect(await profileOf(use(), childId)).toBeNull();
    expect(await changesOf(use(), childId)).toEqual([]);
  });

  it('refuses a stale save with a 409 page showing the answers now and the answers not saved', async () => {
    const { childId } = await lookedAfterChild(use());
    const url = `/children/${childId}/philomena`;
    const worker = await new Agent(app).signIn('social_worker');
    await officer.get(url);
    await worker.get(url);
    expect((await worker.post(url, profileForm('0', { hair: 'Black, short', eyes: 'Brown' }))).statusCode).toBe(302);
    const res = await officer.post(url, profileForm('0', { hair: 'Blonde', eyes: 'Brown' }));
    expect(res.statusCode).toBe(409);
    expect(titleOf(res.body)).toBe('This profile was changed by someone else – Homeward');
    const text = mainText(res.body);
    expect(text).toContain('Your changes were not saved');
    expect(text).toContain('Hair Black, short Blonde');
    expect(text).not.toContain('Eyes Brown Brown');
    expect(text).toMatch(/now Height Not known Build Not known Hair Black, short Eyes Brown/);
    expect(await profileOf(use(), childId)).toMatchObject({ version: 1, hair: 'Black, short' });
  });

  it('explains that the protocol is for children looked after, and refuses to fill it in for anyone else', async () => {
    const { childId } = await notify(use());
    const url = `/children/${childId}/philomena`;
    const page = await officer.get(url);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toBe('The Philomena Protocol is for children looked after – Homeward');
    expect(mainText(page.body)).toContain('No care status is recorded for');
    expect(page.body).toContain(`/children/${childId}/care-status`);
    expect((await officer.get(`/children/${childId}`)).body).not.toContain(url);
    const res = await officer.post(url, profileForm('0', { hair: 'Red' }));
    expect(res.statusCode).toBe(422);
    expect(mainText(res.body)).toContain('The Philomena Protocol is for children looked after. Record that the child is looked after');
    expect(await profileOf(use(), childId)).toBeNull();
  });

  it('is linked from the record of a child looked after', async () => {
    const { childId } = await lookedAfterChild(use());
    const record = await officer.get(`/children/${childId}`);
    expect(record.body).toContain(`href="/children/${childId}/philomena"`);
  });

  it('fills in the missing history from the incidents: the count, and the last 12 months listed', async () => {
    const child = newChild();
    const old = await notify(use(), { child, cells: endedOn('2025-06-01') });
    const spring = await notify(use(), { child, cells: { ...endedOn('2026-03-14'), found_location: 'A friend’s flat in Arnold' } });
    const now = await lookedAfterChild(use(), { child });
    const text = mainText((await officer.get(`/children/${now.childId}/philomena`)).body);
    expect(text).toContain('3 missing incidents are recorded');
    expect(text).toContain(`${now.reference} 20/11/2026 08:00 Not yet found`);
    expect(text).toContain(`${spring.reference} 14/03/2026 18:00 15/03/2026 09:00 A friend’s flat in Arnold`);
    expect(text).not.toContain(old.reference);
    expect(text).toContain(`missing now (police reference ${now.reference})`);
  });

  describe('who may see and change it', () => {
    it('refuses return interview workers and managers (403), and hides other authorities’ children (404)', async () => {
      const { childId } = await lookedAfterChild(use());
      for (const role of ['rhi_worker', 'manager', 'admin'] as const) {
        const agent = await new Agent(app).signIn(role);
        expect((await agent.get(`/children/${childId}/philomena`)).statusCode, role).toBe(403);
      }
      const elsewhere = await new Agent(app).signIn('missing_officer', '892');
      expect((await elsewhere.get(`/children/${childId}/philomena`)).statusCode).toBe(404);
      expect((await officer.get('/children/not-a-child/philomena')).statusCode).toBe(404);
    });

    it('lets the police read, not change, the profile of a child their force reported, and no other', async () => {
      const reported = await lookedAfterChild(use(), { role: 'police' });
      await officer.get(`/children/${reported.childId}/philomena`);
      await officer.post(`/children/${reported.childId}/philomena`, profileForm('0', { hair: 'Auburn' }));
      const police = await new Agent(app).signIn('police');
      const page = await police.get(`/children/${reported.childId}/philomena`);
      expect(page.statusCode).toBe(200);
      expect(mainText(page.body)).toContain('Hair Auburn');
      expect(page.body).not.toContain('Save profile');
      expect((await police.post(`/children/${reported.childId}/philomena`, profileForm('1', { hair: 'Grey' }))).statusCode).toBe(403);
      const byHand = await lookedAfterChild(use());
      expect((await police.get(`/children/${byHand.childId}/philomena`)).statusCode).toBe(404);
      expect(await profileOf(use(), reported.childId)).toMatchObject({ hair: 'Auburn' });
    });
  });
});
