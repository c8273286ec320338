/** Recording a change of care status (GET/POST /children/:id/care-status). */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { auditOf, endedOn, fieldValue, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/db/schema.ts';

describeEachDatabase('Care status', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('records that a child is looked after from a date, shown on the record with its flag', async () => {
    const { childId } = await notify(use());
    const form = await officer.get(`/children/${childId}/care-status`);
    expect(form.statusCode).toBe(200);
    expect(mainText(form.body)).toContain('Past incidents keep the classification they had when they started');
    const res = await officer.post(`/children/${childId}/care-status`, { status: 'own_care', startsOn: '01/11/2026', placement: 'Oak House', outOfArea: 'yes', responsibleAuthority: '' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/children/${childId}`);
    const text = mainText((await officer.get(`/children/${childId}`)).body);
    expect(text).toContain('Care status: Looked after by this authority since 01/11/2026 · Oak House · placed out of area');
    expect(text).toContain('Looked after by this authority since 1 November 2026: Oak House, placed out of area.');
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'care-status.recorded'), eq(auditEvents.childId, childId))));
    expect(audit).toHaveLength(1);
  });

  it('offers to review incidents since the new date, which keep their classification', async () => {
    const child = newChild();
    const earlier = await notify(use(), { child, cells: endedOn('2026-10-10') });
    await officer.get(`/children/${earlier.childId}/care-status`);
    await officer.post(`/children/${earlier.childId}/care-status`, { status: 'ola_care', startsOn: '2026-10-01', placement: '', outOfArea: 'no', responsibleAuthority: 'Northshire' });
    const page = await officer.get(`/children/${earlier.childId}`);
    expect(page.body).toContain(`/incidents/${earlier.incidentId}/classification`);
    expect(mainText(page.body)).toContain("Other authority's child");
    expect(mainText(page.body)).toContain('Responsible authority: Northshire, placed here since 1 October 2026.');
    expect(mainText((await officer.get(`/incidents/${earlier.incidentId}`)).body)).toContain('Missing from home');
  });

  it('re-shows the form with each problem, the values kept', async () => {
    const { childId } = await notify(use());
    await officer.get(`/children/${childId}/care-status`);
    const res = await officer.post(`/children/${childId}/care-status`, { status: 'ola_care', startsOn: '31/02/2026', placement: 'Elm View', outOfArea: 'no', responsibleAuthority: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    expect(res.body).toContain('href="#responsibleAuthority"');
    expect(mainText(res.body)).toContain('Enter the authority responsible for the child');
    expect(mainText(res.body)).toContain('The date must be a real date');
    expect(fieldValue(res.body, 'startsOn')).toBe('31/02/2026');
    expect(fieldValue(res.body, 'placement')).toBe('Elm View');
    const future = await officer.post(`/children/${childId}/care-status`, { status: 'home', startsOn: '01/01/2027', placement: '', outOfArea: 'no', responsibleAuthority: '' });
    expect(mainText(future.body)).toContain('The date must be today or in the past');
  });

  it('refuses a start before the current care status started', async () => {
    const { childId } = await notify(use());
    await officer.get(`/children/${childId}/care-status`);
    expect((await officer.post(`/children/${childId}/care-status`, { status: 'own_care', startsOn: '10/11/2026', placement: '', outOfArea: 'no', responsibleAuthority: '' })).statusCode).toBe(302);
    await officer.get(`/children/${childId}/care-status`);
    const res = await officer.post(`/children/${childId}/care-status`, { status: 'home', startsOn: '01/11/2026', placement: '', outOfArea: 'no', responsibleAuthority: '' });
    expect(res.statusCode).toBe(400);
    expect(mainText(res.body)).toContain('The date must be after 10/11/2026, when the current care status started');
  });

  it('is open to social workers, refused to the police, and audited as a view', async () => {
    const { childId } = await notify(use(), { role: 'police' });
    const worker = await new Agent(app).signIn('social_worker');
    expect((await worker.get(`/children/${childId}/care-status`)).statusCode).toBe(200);
    expect((await auditOf(use(), 'child.viewed', childId)).length).toBeGreaterThan(0);
    const police = await new Agent(app).signIn('police');
    expect((await police.get(`/children/${childId}/care-status`)).statusCode).toBe(403);
    expect(mainText((await police.get(`/children/${childId}`)).body)).not.toContain('Record a change of care status');
  });
});
