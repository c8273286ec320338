/** The panel pages: the list, one panel with its monitoring list, finding and adding a child, taking one off, planning a meeting. */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { panelMonitoring } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, childName, FIXED_NOW, panelIds } from '../db/panels-support.ts';
import { fieldValue, mainText } from './children-support.ts';

describeEachDatabase('Panel pages', (use) => {
  let app: FastifyInstance;
  let lead: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    lead = await new Agent(app).signIn('exploitation_lead');
  });
  afterAll(() => app.close());

  it('lists the three panels with their counts and the viewer\'s seat, linking only those they may open', async () => {
    const police = await new Agent(app).signIn('police');
    const panels = await panelIds(use());
    const res = await police.get('/panels');
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toMatch(/Multi Agency Sexual Exploitation \(MASE\) panel \d+ None planned Member/);
    expect(text).toMatch(/Frequently Missing & Hotspots panel \d+ None planned Not a member/);
    expect(res.body).toContain(`href="/panels/${panels.mase}"`);
    expect(res.body).not.toContain(`href="/panels/${panels.fmh}"`);
    expect(res.body).toContain('href="/panels"');
  });

  it('finds a child by name and adds them with a reason; a missing reason or a second add is explained on the page', async () => {
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    const name = await childName(use(), childId);
    const found = await lead.get(`/panels/${panels.mase}?q=${encodeURIComponent(name)}`);
    expect(mainText(found.body)).toContain(`Children matching “${name}”`);
    const noReason = await lead.post(`/panels/${panels.mase}/monitoring`, { childId, reason: '', q: name });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('<title>Error: ');
    expect(noReason.body).toContain('href="#reason"');
    expect(mainText(noReason.body)).toContain('Enter why the child is added to the monitoring list');
    expect(mainText(noReason.body)).toContain(name);
    const added = await lead.post(`/panels/${panels.mase}/monitoring`, { childId, reason: 'Seen with older men at the bus station', q: name });
    expect(added.statusCode).toBe(302);
    const page = await lead.get(added.headers.location as string);
    expect(mainText(page.body)).toContain(`${name} was added to the monitoring list.`);
    expect(mainText(page.body)).toContain(`${name} born`);
    expect(page.body).toContain(`href="/children/${childId}/pen-picture"`);
    const again = await lead.post(`/panels/${panels.mase}/monitoring`, { childId, reason: 'Again', q: name });
    expect(again.statusCode).toBe(409);
    expect(mainText(again.body)).toContain(`${name} is already on the monitoring list (added on 21 Nov 2026)`);
  });

  it('takes a child off the list with a date and reason, keeping what was typed when there is a problem', async () => {
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    const name = await childName(use(), childId);
    await lead.get(`/panels/${panels.ccep}`);
    await lead.post(`/panels/${panels.ccep}/monitoring`, { childId, reason: 'County lines concern' });
    const [entry] = await use().read((q) => q.select().from(panelMonitoring).where(eq(panelMonitoring.childId, childId)));
    const entryId = entry?.id ?? '';
    expect((await lead.get(`/panels/${panels.ccep}`)).body).toContain(`action="/panels/${panels.ccep}/monitoring/${entryId}/remove"`);
    const bad = await lead.post(`/panels/${panels.ccep}/monitoring/${entryId}/remove`, { [`removedOn-${entryId}`]: '32/11/2026', [`removedReason-${entryId}`]: 'Moved away' });
    expect(bad.statusCode).toBe(400);
    expect(mainText(bad.body)).toContain('The date the child left the list must be a real date');
    expect(bad.body).toContain(`href="#removedOn-${entryId}"`);
    expect(fieldValue(bad.body, `removedReason-${entryId}`)).toBe('Moved away');
    const ok = await lead.post(`/panels/${panels.ccep}/monitoring/${entryId}/remove`, { [`removedOn-${entryId}`]: '21/11/2026', [`removedReason-${entryId}`]: 'Moved to another authority' });
    expect(ok.statusCode).toBe(302);
    const after = mainText((await lead.get(`/panels/${panels.ccep}`)).body);
    expect(after).toContain(`${name} was taken off the monitoring list.`);
    expect(after).toMatch(new RegExp(`Previously monitored .*${name} 21/11/2026 21/11/2026 Moved to another authority`));
  });

  it('plans a meeting on a real date and opens its page', async () => {
    const panels = await panelIds(use());
    await lead.get(`/panels/${panels.fmh}`);
    const bad = await lead.post(`/panels/${panels.fmh}/meetings`, { meetsOn: 'next Tuesday' });
    expect(bad.statusCode).toBe(400);
    expect(mainText(bad.body)).toContain('Enter the date of the meeting like 12/11/2026');
    expect(fieldValue(bad.body, 'meetsOn')).toBe('next Tuesday');
    const ok = await lead.post(`/panels/${panels.fmh}/meetings`, { meetsOn: '10/12/2026' });
    expect(ok.statusCode).toBe(302);
    const meeting = await lead.get(ok.headers.location as string);
    expect(mainText(meeting.body)).toContain('Meeting on 10 Dec 2026 Planned');
    expect(mainText(meeting.body)).toContain('The agenda has not been generated yet.');
  });

  it('refuses a panel\'s children to a non-member with a plain message, and its forms to those who do not manage panels', async () => {
    const panels = await panelIds(use());
    const worker = await new Agent(app).signIn('social_worker');
    const res = await worker.get(`/panels/${panels.mase}`);
    expect(res.statusCode).toBe(403);
    expect(mainText(res.body)).toContain('Only members of this panel and exploitation leads may see the children it oversees');
    const police = await new Agent(app).signIn('police');
    await police.get(`/panels/${panels.mase}`);
    const { childId } = await aChild(use());
    expect((await police.post(`/panels/${panels.mase}/monitoring`, { childId, reason: 'A reason' })).statusCode).toBe(403);
    expect(mainText((await police.get(`/panels/${panels.mase}`)).body)).not.toContain('Add a child to the monitoring list');
  });
});
