/** A child's pen picture page: one printable page with the spidergram and its table; need to know. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, allocate, childName, completedAssessment, FIXED_NOW, noonOn, panelIds } from '../db/panels-support.ts';
import { mainText } from './children-support.ts';

describeEachDatabase('Pen picture page', (use) => {
  let app: FastifyInstance;
  let childId = '';
  let name = '';

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    childId = (await aChild(use(), { day: '2026-10-01' })).childId;
    name = await childName(use(), childId);
    await allocate(use(), childId);
    await completedAssessment(use(), childId, {
      completedAt: noonOn('2026-11-14'), judgements: { sexual: 'high', criminal: 'low' },
      indicators: { 'missing.repeat': 'present', 'online.images': 'present', 'online.contact-unknown': 'not_known' },
    });
    await addToMonitoring(use(), await actorOf(use(), 'exploitation_lead'), (await panelIds(use())).mase, { childId, reason: 'Images shared online' }, FIXED_NOW);
  });
  afterAll(() => app.close());

  it('shows the pen picture with an accessible spidergram and the same figures in a table, styled for A4 under the page\'s nonce', async () => {
    const worker = await new Agent(app).signIn('social_worker');
    const res = await worker.get(`/children/${childId}/pen-picture`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain(name);
    expect(text).toMatch(/Last 90 days 1: 1 Oct 2026 Last 12 months 1: 1 Oct 2026/);
    expect(text).toContain('Sexual exploitation High Reasons for sexual: high');
    expect(res.body).toMatch(new RegExp(`<svg [^>]*role="img" aria-labelledby="spidergram-${childId}-title spidergram-${childId}-desc"`));
    expect(text).toContain('Indicators present in each domain: the chart\'s figures');
    expect(text).toMatch(/Online 1 1 3/);
    expect(text).toMatch(/Missing and whereabouts 1 0 3/);
    const nonce = /<style nonce="([^"]+)">/.exec(res.body)?.[1] ?? 'none';
    expect(String(res.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
    expect(res.body).toContain('@page { size: A4;');
  });

  it('is refused with a plain message to a social worker not allocated to the child, and to police of no force that knows them', async () => {
    const unallocated = (await aChild(use(), { role: 'missing_officer' })).childId;
    const worker = await new Agent(app).signIn('social_worker');
    const res = await worker.get(`/children/${unallocated}/pen-picture`);
    expect(res.statusCode).toBe(403);
    expect(mainText(res.body)).toContain('Exploitation records are shared on a need-to-know basis');
    const police = await new Agent(app).signIn('police');
    expect((await police.get(`/children/${unallocated}/pen-picture`)).statusCode).toBe(403);
    expect((await police.get(`/children/${childId}/pen-picture`)).statusCode).toBe(200);
    const manager = await new Agent(app).signIn('manager');
    expect((await manager.get(`/children/${childId}/pen-picture`)).statusCode).toBe(403);
  });
});
