/** The meeting request pages: the list, one request with its forms, errors kept on the page, 409 when stale. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agenciesOf, meetingsOf } from '../db/repeat-missing-support.ts';
import { endedOn, fieldValue, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Meeting request pages', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  /** Four incidents a fortnight apart in autumn 2026: the 4th raises a request. */
  async function newRequest(authority: '891' | '892' = '891') {
    const child = newChild();
    const la = `LA-${randomUUID().slice(0, 8)}`;
    const refs: string[] = [];
    let childId = '';
    for (const day of ['2026-09-01', '2026-09-15', '2026-09-29', '2026-10-13']) {
      const r = await notify(use(), { authority, child, cells: endedOn(day, { la_child_id: la }) });
      childId = r.childId;
      refs.push(r.reference);
    }
    const [request] = await meetingsOf(use(), childId);
    if (!request) throw new Error('no request raised');
    return { id: request.id, childId, refs, name: `${child.forename} ${child.surname}` };
  }

  it('lists open requests with the child, date and explanation, and is in the navigation and on the board', async () => {
    const r = await newRequest();
    const res = await officer.get('/meetings');
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain(r.name);
    expect(text).toContain('13/10/2026 18:00');
    expect(text).toContain('4 incidents between 1 Sep 2026 and 13 Oct 2026: 1 Sep, 15 Sep, 29 Sep, 13 Oct (rule: more than 3 incidents in 90 days)');
    expect(res.body).toContain(`href="/meetings/${r.id}"`);
    expect(res.body).toContain('href="/meetings"');
    const board = await officer.get('/missing-now');
    expect(mainText(board.body)).toMatch(/Meeting requests \d+ open multi-agency meeting request/);
    expect(board.body).toContain(`href="/meetings/${r.id}"`);
  });

  it('shows the request with its counted incidents linked, and its forms', async () => {
    const r = await newRequest();
    const res = await officer.get(`/meetings/${r.id}`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain('Multi-agency meeting request Requested');
    for (const ref of r.refs) expect(text).toContain(`Incident ${ref}`);
    expect(text).toContain('Schedule the meeting');
    expect(text).toContain('Cancel the meeting request');
    expect(text).not.toContain('Record the meeting as held');
  });

  it('keeps what was typed and links each error to its field', async () => {
    const r = await newRequest();
    await officer.get(`/meetings/${r.id}`);
    const bad = await officer.post(`/meetings/${r.id}/schedule`, { version: '1', scheduledFor: '32/10/2026 10:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Error: ');
    expect(bad.body).toContain('href="#scheduledFor"');
    expect(fieldValue(bad.body, 'scheduledFor')).toBe('32/10/2026 10:00');
    const noReason = await officer.post(`/meetings/${r.id}/cancel`, { version: '1', cancelReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#cancelReason"');
    expect(mainText(noReason.body)).toContain('Enter why the meeting is cancelled');
  });

  it('schedules, records as held, completes; a stale form gets the 409 page', async () => {
    const r = await newRequest();
    const [agency] = await agenciesOf(use());
    await officer.get(`/meetings/${r.id}`);
    expect((await officer.post(`/meetings/${r.id}/schedule`, { version: '1', scheduledFor: '20/10/2026 14:00' })).statusCode).toBe(302);
    const stale = await officer.post(`/meetings/${r.id}/cancel`, { version: '1', cancelReason: 'Duplicate' });
    expect(stale.statusCode).toBe(409);
    expect(mainText(stale.body)).toContain('changed by someone else');

    const page = await officer.get(`/meetings/${r.id}`);
    expect(mainText(page.body)).toContain('Scheduled for 20/10/2026 14:00');
    const held = { version: '2', heldAt: '20/10/2026 15:00', attended: agency?.id ?? '', decisions: 'Safety plan agreed', action1Description: 'Weekly check-in', action1Owner: '', action1Agency: agency?.id ?? '', action1DueOn: '01/11/2026' };
    const partial = await officer.post(`/meetings/${r.id}/held`, held);
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('href="#action1Owner"');
    expect(fieldValue(partial.body, 'action1Description')).toBe('Weekly check-in');
    expect(partial.body).toContain(`value="${agency?.id ?? ''}" checked`);
    expect((await officer.post(`/meetings/${r.id}/held`, { ...held, action1Owner: 'Missing Officer' })).statusCode).toBe(302);

    const after = mainText((await officer.get(`/meetings/${r.id}`)).body);
    expect(after).toContain(`${agency?.name ?? ''}: attended`);
    expect(after).toContain('Safety plan agreed');
    expect(after).toContain('Weekly check-in Missing Officer');
    expect((await officer.post(`/meetings/${r.id}/complete`, { version: '3' })).statusCode).toBe(302);
    expect(mainText((await officer.get(`/meetings/${r.id}`)).body)).toContain('Multi-agency meeting request Completed');
    const list = await officer.get('/meetings');
    expect(mainText(list.body.slice(list.body.indexOf('id="closed-meetings"')))).toContain(r.name);
  });

  it('lets a social worker read but not change; police, managers and other authorities get nothing', async () => {
    const r = await newRequest();
    const worker = await new Agent(app).signIn('social_worker');
    const view = await worker.get(`/meetings/${r.id}`);
    expect(view.statusCode).toBe(200);
    expect(mainText(view.body)).not.toContain('Schedule the meeting');
    expect((await worker.post(`/meetings/${r.id}/schedule`, { version: '1', scheduledFor: '20/10/2026 14:00' })).statusCode).toBe(403);
    for (const role of ['police', 'manager'] as const) {
      const agent = await new Agent(app).signIn(role);
      expect((await agent.get('/meetings')).statusCode).toBe(403);
      expect((await agent.get(`/meetings/${r.id}`)).statusCode).toBe(403);
    }
    const police = await new Agent(app).signIn('police');
    expect((await police.get('/missing-now')).body).not.toContain('href="/meetings');
    const elsewhere = await new Agent(app).signIn('missing_officer', '892');
    expect((await elsewhere.get(`/meetings/${r.id}`)).statusCode).toBe(404);
  });
});
