/**
 * The data protection officer's pages: the retention review with a due record, a legal hold placed (and refused
 * without a reason) and released, deletion refused while held and then done from its confirmation page; subject
 * access found by surname and date of birth, its page and both downloads; and a refusal for every other role.
 */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { children } from '../../src/db/schema.ts';
import { ROLES } from '../../src/modules/access/actor.ts';
import { Agent, buildTestApp, csrfFrom } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addThrowawayTable, childBornOn, richChild, type RichChild } from '../db/retention-support.ts';
import { FIXED_NOW, mainText } from './children-support.ts';

describeEachDatabase('data protection pages', (use) => {
  let app: FastifyInstance;
  let dpo: Agent;
  let dueId: string;
  let surname: string;
  let rich: RichChild;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    dpo = await new Agent(app).signIn('admin');
    await addThrowawayTable(use());
    dueId = await childBornOn(use(), '1990-05-05');
    surname = (await use().read((q) => q.select().from(children).where(eq(children.id, dueId))))[0]?.surname ?? '';
    rich = await richChild(use());
  }, 120_000);
  afterAll(() => app.close());

  it('lists a record past its date with its rule, and refuses a legal hold without a reason', async () => {
    const page = await dpo.get('/retention');
    expect(page.statusCode).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain(`Child: Robin ${surname}, born 05/05/1990`);
    expect(text).toMatch(/Due since 05\/05\/2015 Rule Kept until the 25th birthday/);
    expect(text).toContain('Until 75 years from birth');

    const refused = await dpo.post('/retention/holds', { type: 'child', id: dueId, reason: ' ', from: 'retention' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/<title>Error: Retention review/);
    expect(refused.body).toContain(`href="#reason-${dueId}"`);
    expect(mainText(refused.body)).toContain('Enter why the record must be kept');
  });

  it('places a hold, refuses deletion while it is in force, then deletes once it is released', async () => {
    await dpo.get('/retention');
    const placed = await dpo.post('/retention/holds', { type: 'child', id: dueId, reason: 'Claim 2026/12 is open', from: 'retention' });
    expect(placed.headers.location).toBe('/retention');
    const list = await dpo.get('/retention');
    expect(mainText(list.body)).toMatch(/On legal hold .*Claim 2026\/12 is open \(placed 21\/11\/2026 12:00 by Robin Hale\)/);

    const held = await dpo.get(`/retention/delete?type=child&id=${dueId}`);
    expect(held.statusCode).toBe(422);
    expect(mainText(held.body)).toContain('This record is on legal hold');

    const holdId = /\/retention\/holds\/([0-9a-f-]{36})\/release/.exec(list.body)?.[1] ?? '';
    expect((await dpo.post(`/retention/holds/${holdId}/release`, { from: 'retention' })).headers.location).toBe('/retention');

    const confirm = await dpo.get(`/retention/delete?type=child&id=${dueId}`);
    expect(confirm.statusCode).toBe(200);
    expect(mainText(confirm.body)).toMatch(/Due for deletion since 05\/05\/2015: kept until the 25th birthday\. .* 1 row in all/);
    expect(mainText(confirm.body)).toContain('Child record (and duplicate records merged into it) 1');
    const deleted = await dpo.post('/retention/delete', { type: 'child', id: dueId });
    expect(deleted.headers.location).toBe('/retention');
    const after = mainText((await dpo.get('/retention')).body);
    expect(after).toContain('The record is deleted: 2 rows from 2 tables.');
    expect(after).not.toContain(surname);
    expect(await use().read((q) => q.select().from(children).where(eq(children.id, dueId)))).toEqual([]);
  });

  it('refuses to delete a record that is not due, with the date it will be', async () => {
    const res = await dpo.get(`/retention/delete?type=child&id=${rich.childId}`);
    expect(res.statusCode).toBe(422);
    expect(mainText(res.body)).toMatch(/This record is not due for deletion until \d\d\/\d\d\/20\d\d/);
  });

  it('finds the child by surname and date of birth, and shows what the export holds', async () => {
    const [child] = await use().read((q) => q.select().from(children).where(eq(children.id, rich.childId)));
    const blank = await dpo.get('/subject-access?surname=&dateOfBirth=31/02/2011');
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#surname"');
    const found = await dpo.get(`/subject-access?surname=${encodeURIComponent(child?.surname ?? '')}&dateOfBirth=${child?.dateOfBirth.split('-').reverse().join('/')}`);
    expect(found.body).toContain(`href="/children/${rich.childId}/subject-access"`);

    const page = await dpo.get(`/children/${rich.childId}/subject-access`);
    expect(page.statusCode).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain('Missing incidents 3');
    expect(text).toMatch(/\d+ values name or identify someone other than the child/);
    expect(text).toContain('Not on legal hold');
  });

  it('downloads the JSON and the PDF under names that hold the id, never the child’s name', async () => {
    const json = await dpo.get(`/children/${rich.childId}/subject-access.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['content-disposition']).toBe(`attachment; filename="subject-access-${rich.childId}-20261121.json"`);
    expect((JSON.parse(json.body) as { childId: string }).childId).toBe(rich.childId);
    const pdf = await dpo.get(`/children/${rich.childId}/subject-access.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="subject-access-${rich.childId}-20261121.pdf"`);
  });

  it('places a hold from the subject access page, refusing it without a reason there too', async () => {
    await dpo.get(`/children/${rich.childId}/subject-access`);
    const refused = await dpo.post('/retention/holds', { type: 'child', id: rich.childId, reason: '', from: 'child' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#reason"');
    expect(mainText(refused.body)).toContain('Subject access request');
    const placed = await dpo.post('/retention/holds', { type: 'child', id: rich.childId, reason: 'Subject access request 44 is open', from: 'child' });
    expect(placed.headers.location).toBe(`/children/${rich.childId}/subject-access`);
    expect(mainText((await dpo.get(placed.headers.location ?? '')).body)).toContain('On legal hold Subject access request 44 is open');
  });

  it('refuses every other role', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await new Agent(app).signIn(role);
      const csrf = csrfFrom((await agent.get('/no-such-page')).body);
      const outcomes = [
        (await agent.get('/retention')).statusCode,
        (await agent.get(`/children/${rich.childId}/subject-access.pdf`)).statusCode,
        (await agent.get('/subject-access')).statusCode,
        (await agent.post('/retention/delete', { type: 'child', id: rich.childId }, { csrf })).statusCode,
      ];
      expect({ role, outcomes }).toEqual({ role, outcomes: [403, 403, 403, 403] });
    }
  });
});
