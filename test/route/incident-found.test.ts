/** The incident page, re-grading risk and recording that a child has been found. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentChanges } from '../../src/db/schema.ts';
import { eq } from 'drizzle-orm';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { incidentByReference } from '../fixtures/records.ts';
import { auditOf, fieldValue, FIXED_NOW, mainText, notify } from './children-support.ts';

const FOUND = { foundAt: '21/11/2026 09:30', foundLocation: 'Near the bus station, Carlton Road', foundPostcode: 'ng2 6aa', foundBy: 'Police', harm: 'none', harmNotes: '' };

describeEachDatabase('Incident page, risk and found', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('shows every field and how the classification was decided, and audits the view', async () => {
    const { incidentId, childId, reference } = await notify(use(), { cells: { circumstances: 'Did not come back from school' } });
    const res = await officer.get(`/incidents/${incidentId}`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    for (const expected of [`Incident ${reference}`, 'Last seen 20/11/2026 08:00', 'Reported to the police 20/11/2026 10:00', 'Did not come back from school', 'Gedling', 'NG1 5AB', 'Missing from home', 'From the police report']) {
      expect(text).toContain(expected);
    }
    const audit = await auditOf(use(), 'incident.viewed', incidentId);
    expect(audit[0]?.childId).toBe(childId);
  });

  it('re-grades the risk, keeping the history and the grading at first notification', async () => {
    const { incidentId, reference } = await notify(use(), { cells: { risk_grade: 'medium' } });
    await officer.get(`/incidents/${incidentId}`);
    const res = await officer.post(`/incidents/${incidentId}/risk`, { version: '1', riskGrade: 'high', reason: 'Seen with an adult who may pose a risk' });
    expect(res.statusCode).toBe(302);
    const incident = await incidentByReference(use(), reference);
    expect(incident).toMatchObject({ riskGrade: 'high', initialRiskGrade: 'medium', version: 2 });
    const changes = await use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, incidentId)));
    expect(changes).toMatchObject([{ source: 'regrade', field: 'riskGrade', oldValue: 'medium', newValue: 'high', reason: 'Seen with an adult who may pose a risk' }]);
    const page = mainText((await officer.get(`/incidents/${incidentId}`)).body);
    expect(page).toContain('Graded medium when first reported');
    expect(page).toContain('Risk re-grade Risk grade Medium High Seen with an adult who may pose a risk');
    expect(await auditOf(use(), 'incident.regraded', incidentId)).toHaveLength(1);
  });

  it('records found details and shows them in the chronology', async () => {
    const { incidentId, childId, reference } = await notify(use());
    expect((await officer.get(`/incidents/${incidentId}/found`)).statusCode).toBe(200);
    const res = await officer.post(`/incidents/${incidentId}/found`, { version: '1', ...FOUND, harm: 'suspected', harmNotes: 'Marks on both wrists' });
    expect(res.statusCode).toBe(302);
    expect(await incidentByReference(use(), reference)).toMatchObject({ foundLocation: 'Near the bus station, Carlton Road', foundPostcode: 'NG2 6AA', foundBy: 'Police', harm: 'suspected', harmNotes: 'Marks on both wrists' });
    expect((await incidentByReference(use(), reference))?.foundAt?.toISOString()).toBe('2026-11-21T09:30:00.000Z');
    const record = mainText((await officer.get(`/children/${childId}`)).body);
    expect(record).toContain(`Found (incident ${reference}) by Alex Morgan`);
    expect(record).toContain('Harm suspected: Marks on both wrists');
    expect(record).not.toContain('Missing now');
    expect(await auditOf(use(), 'incident.found', incidentId)).toHaveLength(1);
  });

  describe('found details that are not right', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['found before last seen', { foundAt: '19/11/2026 09:00' }, 'foundAt', 'The time found must be after the child was last seen (20/11/2026 08:00)'],
      ['found in the future', { foundAt: '22/11/2026 09:00' }, 'foundAt', 'The time found must not be in the future'],
      ['a found time without a time of day', { foundAt: '21/11/2026' }, 'foundAt', 'Enter a time as well as a date'],
      ['no place', { foundLocation: '  ' }, 'foundLocation', 'Enter where the child was found'],
      ['a postcode that is not one', { foundPostcode: 'NOT A CODE' }, 'foundPostcode', 'Enter a real UK postcode'],
      ['nobody said who found the child', { foundBy: '' }, 'foundBy', 'Select who found the child'],
      ['harm not answered', { harm: '' }, 'harm', 'Select whether the child came to harm'],
      ['harm confirmed without notes', { harm: 'confirmed', harmNotes: '' }, 'harmNotes', 'Describe the harm that was confirmed'],
    ];
    for (const [name, change, field, message] of cases) {
      it(`are refused: ${name}`, async () => {
        const { incidentId, reference } = await notify(use());
        await officer.get(`/incidents/${incidentId}/found`);
        const res = await officer.post(`/incidents/${incidentId}/found`, { version: '1', ...FOUND, ...change });
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('<title>Error: ');
        expect(res.body).toContain(`href="#${field}"`);
        expect(mainText(res.body)).toContain(message);
        // What was typed comes back as typed, the wrong value included.
        const sent = { ...FOUND, ...change };
        for (const input of ['foundAt', 'foundLocation', 'foundPostcode'] as const) expect(fieldValue(res.body, input)).toBe(sent[input]);
        expect(res.body).toMatch(sent.foundBy ? new RegExp(`value="${sent.foundBy}" checked`) : /name="foundBy"/);
        expect((await incidentByReference(use(), reference))?.foundAt).toBeNull();
      });
    }
  });

  it('says so when the child is already recorded as found', async () => {
    const { incidentId } = await notify(use());
    await officer.get(`/incidents/${incidentId}/found`);
    await officer.post(`/incidents/${incidentId}/found`, { version: '1', ...FOUND });
    const again = await officer.get(`/incidents/${incidentId}/found`);
    expect(again.statusCode).toBe(409);
    expect(mainText(again.body)).toContain('was recorded as found at 21/11/2026 09:30');
    const post = await officer.post(`/incidents/${incidentId}/found`, { version: '2', ...FOUND, foundAt: '21/11/2026 10:00' });
    expect(post.statusCode).toBe(409);
    expect(mainText(post.body)).toContain('The child is already recorded as found');
  });

  describe('who may do what', () => {
    it('lets the police re-grade and mark found, not correct', async () => {
      const { incidentId } = await notify(use(), { role: 'police' });
      const police = await new Agent(app).signIn('police');
      await police.get(`/incidents/${incidentId}`);
      expect((await police.post(`/incidents/${incidentId}/risk`, { version: '1', riskGrade: 'low', reason: '' })).statusCode).toBe(302);
      expect((await police.get(`/incidents/${incidentId}/correct`)).statusCode).toBe(403);
      expect((await police.get(`/incidents/${incidentId}/found`)).statusCode).toBe(200);
    });

    it('lets a social worker mark found but not re-grade', async () => {
      const { incidentId } = await notify(use());
      const worker = await new Agent(app).signIn('social_worker');
      const page = await worker.get(`/incidents/${incidentId}`);
      expect(page.body).not.toContain('Re-grade the risk');
      expect((await worker.post(`/incidents/${incidentId}/risk`, { version: '1', riskGrade: 'low', reason: '' })).statusCode).toBe(403);
      expect((await worker.get(`/incidents/${incidentId}/found`)).statusCode).toBe(200);
    });

    it('refuses managers and administrators, and hides the incident from another authority', async () => {
      const { incidentId } = await notify(use());
      for (const role of ['manager', 'admin'] as const) {
        expect((await (await new Agent(app).signIn(role)).get(`/incidents/${incidentId}`)).statusCode).toBe(403);
      }
      expect((await (await new Agent(app).signIn('missing_officer', '892')).get(`/incidents/${incidentId}`)).statusCode).toBe(404);
    });
  });
});
