/** The child record (GET /children/:id): identity bar, flags that explain themselves, chronology, audit, scope. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { and, eq } from 'drizzle-orm';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { endedOn, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Child record', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  /** A child missing now, with three earlier episodes in the last 90 days. */
  async function frequentlyMissingChild() {
    const child = newChild();
    for (const day of ['2026-09-01', '2026-10-01', '2026-11-01']) await notify(use(), { child, cells: endedOn(day) });
    return { child, open: await notify(use(), { child, cells: { risk_grade: 'high' } }) };
  }

  it('shows who the child is, their flags with the facts behind them, incidents and chronology', async () => {
    const { child, open } = await frequentlyMissingChild();
    const res = await officer.get(`/children/${open.childId}`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain(`${child.forename} ${child.surname}`);
    expect(text).toMatch(/Age \d+ · born \d\d\/\d\d\/\d{4} · Female · Gedling/);
    expect(res.body).toMatch(/govuk-tag--red">Missing now/);
    expect(text).toContain(`Last seen 20/11/2026 08:00 (incident ${open.reference}); not yet recorded as found.`);
    expect(text).toContain('Frequently missing');
    expect(text).toContain('4 incidents between 1 September 2026 and 20 November 2026.');
    expect(text).toContain('4 or more times in the last 90 days');
    expect(text).toContain(`Reported missing (incident ${open.reference})`);
    expect(text).toContain('Found (incident');
    expect((res.body.match(/href="\/incidents\/[0-9a-f-]{36}">T/g) ?? []).length).toBe(4);
  });

  it('does not flag frequent missing below the threshold', async () => {
    const child = newChild();
    for (const day of ['2026-10-01', '2026-11-01']) await notify(use(), { child, cells: endedOn(day) });
    const { childId } = await notify(use(), { child });
    expect(mainText((await officer.get(`/children/${childId}`)).body)).not.toContain('Frequently missing');
  });

  it('records every view in the audit trail', async () => {
    const { childId } = await notify(use());
    await officer.get(`/children/${childId}`);
    await officer.get(`/children/${childId}`);
    const rows = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'child.viewed'), eq(auditEvents.childId, childId))));
    expect(rows).toHaveLength(2);
  });

  it('is not found for a user of another authority, and for an id that is not a child', async () => {
    const { childId } = await notify(use());
    const city = await new Agent(app).signIn('missing_officer', '892');
    expect((await city.get(`/children/${childId}`)).statusCode).toBe(404);
    expect((await officer.get('/children/not-a-child')).statusCode).toBe(404);
    expect((await officer.get('/children/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('is refused to managers and administrators', async () => {
    const { childId } = await notify(use());
    for (const role of ['manager', 'admin'] as const) {
      const agent = await new Agent(app).signIn(role);
      expect((await agent.get(`/children/${childId}`)).statusCode).toBe(403);
    }
  });

  it('opens for a social worker, without the police-only restrictions', async () => {
    const { childId, reference } = await notify(use());
    const worker = await new Agent(app).signIn('social_worker');
    const res = await worker.get(`/children/${childId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(reference);
  });

  describe('police users', () => {
    it('see only the incidents their force sent, and no child their force never reported', async () => {
      const child = newChild();
      const sent = await notify(use(), { role: 'police', child });
      const recordedByHand = await notify(use(), { role: 'missing_officer', child, cells: endedOn('2026-10-01') });
      const police = await new Agent(app).signIn('police');
      const page = await police.get(`/children/${sent.childId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(sent.reference);
      expect(page.body).not.toContain(recordedByHand.reference);
      const other = await notify(use(), { role: 'missing_officer' });
      expect((await police.get(`/children/${other.childId}`)).statusCode).toBe(404);
      expect((await police.get(`/incidents/${recordedByHand.incidentId}`)).statusCode).toBe(404);
    });
  });
});
