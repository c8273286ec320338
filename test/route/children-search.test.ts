/** Find a child (GET /children?q=): by partial name, date of birth or any id, within what the user may see. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNotifications } from '../../src/modules/missing/intake.service.ts';
import { parseNotification } from '../../src/modules/missing/notification-parse.ts';
import { auditEvents } from '../../src/db/schema.ts';
import { desc, eq } from 'drizzle-orm';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notificationCells } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Find a child', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  const search = async (agent: Agent, q: string) => agent.get(`/children?q=${encodeURIComponent(q)}`);

  it('finds a child by the start of the first name and last name, in either order and any case', async () => {
    const child = newChild();
    const { childId } = await notify(use(), { child });
    for (const q of [`${child.forename.slice(0, 2)} ${child.surname.slice(0, 9)}`, `${child.surname.slice(0, 9).toUpperCase()} ${child.forename.toLowerCase()}`, child.surname]) {
      const res = await search(officer, q);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="/children/${childId}"`);
    }
    const text = mainText((await search(officer, child.surname)).body);
    expect(text).toContain(`${child.forename} ${child.surname}`);
    expect(text).toContain('Missing now');
  });

  it('finds a child by date of birth written either way', async () => {
    const child = newChild();
    const { childId } = await notify(use(), { child });
    const [y, m, d] = child.date_of_birth.split('-');
    expect((await search(officer, `${d}/${m}/${y}`)).body).toContain(`/children/${childId}`);
    expect((await search(officer, child.date_of_birth)).body).toContain(`/children/${childId}`);
  });

  it('finds a child by police reference, LA child id and police person id', async () => {
    const { childId, reference } = await notify(use(), { cells: { la_child_id: `LA-${Date.now()}`, police_person_id: `PP-${Date.now()}` } });
    expect((await search(officer, reference)).body).toContain(`/children/${childId}`);
    expect((await search(officer, reference.toLowerCase())).body).toContain(`/children/${childId}`);
    const other = await notify(use(), { cells: { la_child_id: 'LA-SEARCH-1', police_person_id: 'PP-SEARCH-1' } });
    expect((await search(officer, 'LA-SEARCH-1')).body).toContain(`/children/${other.childId}`);
    expect((await search(officer, 'PP-SEARCH-1')).body).toContain(`/children/${other.childId}`);
  });

  it('says when nothing matches', async () => {
    const res = await search(officer, 'Zzyzxnobody');
    expect(mainText(res.body)).toContain('No child matches');
  });

  it('lists at most 50 children and says there are more', async () => {
    const actor = await actorOf(use(), 'missing_officer');
    const rows = Array.from({ length: 51 }, (_, i) => {
      const parsed = parseNotification(notificationCells({ surname: `Overflowsurname${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}` }));
      if (!parsed.ok) throw new Error('bad notification');
      return { line: i + 1, input: parsed.value };
    });
    await use().transaction((tx) => applyNotifications(tx, actor, rows, { source: 'form', now: FIXED_NOW }));
    const text = mainText((await search(officer, 'overflowsurname')).body);
    expect(text).toContain('More than 50 children match');
    expect(((await search(officer, 'overflowsurname')).body.match(/href="\/children\/[0-9a-f-]{36}"/g) ?? []).length).toBe(50);
  });

  it('audits the search with the number of results and never the query text', async () => {
    const child = newChild();
    await notify(use(), { child });
    await search(officer, child.surname);
    const [row] = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'child.searched')).orderBy(desc(auditEvents.id)).limit(1));
    expect(row?.details).toMatchObject({ resultCount: 1, kind: 'text' });
    expect(JSON.stringify(row?.details)).not.toContain(child.surname);
  });

  describe('police users', () => {
    it('find only children with an incident their force sent', async () => {
      const police = await new Agent(app).signIn('police');
      const byPolice = newChild();
      const byOfficer = newChild();
      const sent = await notify(use(), { role: 'police', child: byPolice });
      const recorded = await notify(use(), { role: 'missing_officer', child: byOfficer });
      expect((await search(police, byPolice.surname)).body).toContain(`/children/${sent.childId}`);
      expect((await search(police, byOfficer.surname)).body).not.toContain(`/children/${recorded.childId}`);
      expect((await search(police, recorded.reference)).body).not.toContain(`/children/${recorded.childId}`);
    });
  });

  it('is refused to managers and administrators', async () => {
    for (const role of ['manager', 'admin'] as const) {
      const agent = await new Agent(app).signIn(role);
      expect((await search(agent, 'ali')).statusCode).toBe(403);
    }
  });

  it('does not show another authority’s children', async () => {
    const child = newChild();
    const { childId } = await notify(use(), { child });
    const city = await new Agent(app).signIn('missing_officer', '892');
    expect((await search(city, child.surname)).body).not.toContain(childId);
  });
});
