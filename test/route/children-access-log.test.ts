/** "Who has seen this child" (GET /children/:id/access-log): the data protection officer's list of audit events. */
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { writeAudit } from '../../src/modules/audit/audit.repository.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Who has seen this child', (use) => {
  let app: FastifyInstance;
  let officer: Agent;
  let dpo: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
    dpo = await new Agent(app).signIn('admin');
  });
  afterAll(() => app.close());

  it('lists who opened the record, in which role and agency, newest first, without the child\'s details', async () => {
    const child = newChild();
    const { childId } = await notify(use(), { child });
    expect((await officer.get(`/children/${childId}/care-status`)).statusCode).toBe(200);

    const res = await dpo.get(`/children/${childId}/access-log`);

    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain('Who has seen this child');
    expect(text).toContain(`Child ${childId}`);
    expect(text).toMatch(/Alex Morgan Children Missing Officer \S.* child\.viewed/);
    expect(text.indexOf('child.viewed')).toBeLessThan(text.lastIndexOf('Alex Morgan'));
    expect(text).not.toContain(child.surname);
    const viewed = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'child.access-log.viewed'), eq(auditEvents.childId, childId))));
    expect(viewed).toHaveLength(1);
  });

  it('pages the events fifty at a time', async () => {
    const { childId } = await notify(use());
    const actor = await actorOf(use(), 'social_worker');
    const before = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.childId, childId)));
    await use().transaction((tx) => writeAudit(tx, actor, Array.from({ length: 60 }, () => ({ action: 'child.viewed', childId }))));
    const total = before.length + 60;

    const first = await dpo.get(`/children/${childId}/access-log`);
    expect(mainText(first.body)).toContain(`${total} events, page 1 of 2`);
    expect(first.body.match(/<tr class="govuk-table__row">\s*<td/g)).toHaveLength(50);
    expect(first.body).toContain(`/children/${childId}/access-log?page=2`);

    // Looking at the first page is itself an event on the second look.
    const second = await dpo.get(`/children/${childId}/access-log?page=2`);
    expect(second.body.match(/<tr class="govuk-table__row">\s*<td/g)).toHaveLength(total + 1 - 50);
    expect(mainText(second.body)).not.toContain('child.access-log.viewed');
    const again = mainText((await dpo.get(`/children/${childId}/access-log`)).body);
    expect(again.slice(again.indexOf('What'))).toMatch(/^ ?What \S+ \d+:\d+ Robin Hale Administrator [^.]*? child\.access-log\.viewed/);
  });

  it('is only for the data protection officer, and only for children of their own authority', async () => {
    const { childId } = await notify(use());
    expect((await officer.get(`/children/${childId}/access-log`)).statusCode).toBe(403);
    const otherDpo = await new Agent(app).signIn('admin', '892');
    expect((await otherDpo.get(`/children/${childId}/access-log`)).statusCode).toBe(404);
    expect((await dpo.get('/children/not-a-child/access-log')).statusCode).toBe(404);
  });
});
