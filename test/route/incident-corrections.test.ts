/** Corrections with a reason, classification overrides, and edits that clash with someone else's. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidentChanges } from '../../src/db/schema.ts';
import { eq } from 'drizzle-orm';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { incidentByReference } from '../fixtures/records.ts';
import { auditOf, endedOn, fieldValue, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Incident corrections', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  const changesOf = (incidentId: string) => use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, incidentId)));

  it('corrects a field with a reason, kept in the history', async () => {
    const { incidentId, reference } = await notify(use());
    const choose = await officer.get(`/incidents/${incidentId}/correct`);
    expect(mainText(choose.body)).toContain('Which detail is wrong?');
    const form = await officer.get(`/incidents/${incidentId}/correct?field=lastSeenAt`);
    expect(fieldValue(form.body, 'value')).toBe('20/11/2026 08:00');
    const res = await officer.post(`/incidents/${incidentId}/correct`, { version: '1', field: 'lastSeenAt', value: '20/11/2026 07:15', reason: 'Control room confirmed the earlier time' });
    expect(res.statusCode).toBe(302);
    expect((await incidentByReference(use(), reference))?.lastSeenAt.toISOString()).toBe('2026-11-20T07:15:00.000Z');
    expect(await changesOf(incidentId)).toMatchObject([{ source: 'correction', field: 'lastSeenAt', reason: 'Control room confirmed the earlier time' }]);
    expect(mainText((await officer.get(`/incidents/${incidentId}`)).body)).toContain('Last seen 20/11/2026 08:00 20/11/2026 07:15 Control room confirmed the earlier time');
    expect(await auditOf(use(), 'incident.corrected', incidentId)).toHaveLength(1);
  });

  it('needs a reason, and keeps what was typed', async () => {
    const { incidentId } = await notify(use());
    await officer.get(`/incidents/${incidentId}/correct?field=circumstances`);
    const res = await officer.post(`/incidents/${incidentId}/correct`, { version: '1', field: 'circumstances', value: 'Left after an argument at home', reason: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#reason"');
    expect(mainText(res.body)).toContain('Enter the reason for the correction');
    expect(fieldValue(res.body, 'value')).toBe('Left after an argument at home');
    expect(await changesOf(incidentId)).toEqual([]);
  });

  it('applies the intake rules to the corrected value', async () => {
    const { incidentId } = await notify(use());
    await officer.get(`/incidents/${incidentId}/correct?field=reportedAt`);
    const res = await officer.post(`/incidents/${incidentId}/correct`, { version: '1', field: 'reportedAt', value: '20/11/2026 07:00', reason: 'Typo' });
    expect(res.statusCode).toBe(400);
    expect(mainText(res.body)).toContain('Reported to the police (20/11/2026 07:00) must not be before last seen (20/11/2026 08:00)');
  });

  it('refuses to reopen an incident while the child has another open one', async () => {
    const child = newChild();
    const earlier = await notify(use(), { child, cells: endedOn('2026-10-01') });
    await notify(use(), { child });
    await officer.get(`/incidents/${earlier.incidentId}/correct?field=foundAt`);
    const res = await officer.post(`/incidents/${earlier.incidentId}/correct`, { version: '1', field: 'foundAt', value: '', reason: 'Recorded as found by mistake' });
    expect(res.statusCode).toBe(409);
    expect(mainText(res.body)).toContain('The child already has an open missing incident');
    expect((await incidentByReference(use(), earlier.reference))?.foundAt).not.toBeNull();
  });

  it('overrides the classification with a reason, and raises the task to tell the responsible authority', async () => {
    const { incidentId, childId, reference } = await notify(use());
    const form = await officer.get(`/incidents/${incidentId}/classification`);
    expect(form.statusCode).toBe(200);
    const missingReason = await officer.post(`/incidents/${incidentId}/classification`, { version: '1', classification: 'ola_care', responsibleAuthority: '', reason: '' });
    expect(missingReason.statusCode).toBe(400);
    expect(mainText(missingReason.body)).toContain('Enter the reason for changing the classification');
    expect(mainText(missingReason.body)).toContain('Enter the authority responsible for the child');
    const res = await officer.post(`/incidents/${incidentId}/classification`, { version: '1', classification: 'ola_care', responsibleAuthority: 'Northshire', reason: 'Placed here by Northshire since August' });
    expect(res.statusCode).toBe(302);
    expect(await incidentByReference(use(), reference)).toMatchObject({ classification: 'ola_care', responsibleAuthority: 'Northshire', classificationOverrideReason: 'Placed here by Northshire since August', reportedMissingFrom: 'home' });
    expect(mainText((await officer.get(`/incidents/${incidentId}`)).body)).toContain('Changed by hand by Alex Morgan');
    expect(await auditOf(use(), 'incident.classified', incidentId)).toHaveLength(1);
    expect(mainText((await officer.get('/missing-now')).body)).toContain(`Tell Northshire that their looked-after child was reported missing (${reference})`);
    expect(mainText((await officer.get(`/children/${childId}`)).body)).toContain('Classification changed');
  });

  it('never overwrites a change made by someone else since the form was opened', async () => {
    const { incidentId, reference } = await notify(use());
    const colleague = await new Agent(app).signIn('missing_officer');
    await officer.get(`/incidents/${incidentId}/found`);
    await colleague.get(`/incidents/${incidentId}`);
    expect((await colleague.post(`/incidents/${incidentId}/risk`, { version: '1', riskGrade: 'high', reason: '' })).statusCode).toBe(302);
    const stale = await officer.post(`/incidents/${incidentId}/found`, { version: '1', foundAt: '21/11/2026 09:00', foundLocation: 'Home', foundPostcode: '', foundBy: 'Returned without help', harm: 'none', harmNotes: '' });
    expect(stale.statusCode).toBe(409);
    const text = mainText(stale.body);
    expect(text).toContain('This incident was changed by someone else while you were editing');
    expect(text).toContain('Risk grade High');
    expect((await incidentByReference(use(), reference))?.foundAt).toBeNull();
    expect((await incidentByReference(use(), reference))?.version).toBe(2);
  });
});
