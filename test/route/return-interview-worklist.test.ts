/** The return interview worklist: open interviews, the next due first, with their clocks; who may see it. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { mainText } from './children-support.ts';
import { endedIncident, FIXED_NOW } from './return-interview-support.ts';

/** The worklist row of the child with this surname, as HTML. */
function rowOf(html: string, surname: string): string {
  const row = html.split('<tr class="govuk-table__row">').find((r) => r.includes(surname));
  if (!row) throw new Error(`no worklist row for ${surname}`);
  return row;
}

describeEachDatabase('Return interview worklist', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
  });
  afterAll(() => app.close());

  it('shows each open interview with its time left or overdue, red when overdue and orange when due soon', async () => {
    const dueSoon = await endedIncident(use(), 67);
    const overdue = await endedIncident(use(), 99);
    const later = await endedIncident(use(), 2);
    const officer = await new Agent(app).signIn('missing_officer');
    const res = await officer.get('/return-interviews');
    expect(res.statusCode).toBe(200);
    const surname = async (childId: string) => {
      const page = await officer.get(`/children/${childId}`);
      return /<h1[^>]*>[^<]*?(\S+)<\/h1>/.exec(page.body)?.[1] ?? '';
    };
    const [soonName, overdueName, laterName] = [await surname(dueSoon.childId), await surname(overdue.childId), await surname(later.childId)];
    const soonRow = rowOf(res.body, soonName);
    expect(mainText(soonRow)).toContain('due in 5 hours');
    expect(soonRow).toContain('govuk-tag--orange');
    expect(mainText(soonRow)).toContain('Safe Home Returns (charity)');
    expect(mainText(soonRow)).toContain('Not assigned');
    const overdueRow = rowOf(res.body, overdueName);
    expect(mainText(overdueRow)).toContain('overdue by 1 day 3 hours');
    expect(overdueRow).toContain('govuk-tag--red');
    expect(mainText(rowOf(res.body, laterName))).toContain('due in 2 days 22 hours');
    // The next one due comes first.
    expect(res.body.indexOf(overdueName)).toBeLessThan(res.body.indexOf(soonName));
    expect(res.body.indexOf(soonName)).toBeLessThan(res.body.indexOf(laterName));

    const onlyOverdue = await officer.get('/return-interviews?show=overdue');
    expect(onlyOverdue.body).toContain(overdueName);
    expect(onlyOverdue.body).not.toContain(soonName);
    const onlySoon = await officer.get('/return-interviews?show=due-soon');
    expect(onlySoon.body).toContain(soonName);
    expect(onlySoon.body).not.toContain(laterName);
  });

  it('is the return interview worker’s home page; they cannot search children', async () => {
    await endedIncident(use(), 10);
    const worker = await new Agent(app).signIn('rhi_worker');
    const home = await worker.get('/');
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/return-interviews');
    const list = await worker.get('/return-interviews');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Return interview worker');
    expect((await worker.get('/children')).statusCode).toBe(403);
    expect((await worker.get('/missing-now')).statusCode).toBe(403);
  });

  it('lets a social worker see it, and refuses the police, managers and administrators', async () => {
    expect((await (await new Agent(app).signIn('social_worker')).get('/return-interviews')).statusCode).toBe(200);
    for (const role of ['police', 'manager', 'admin'] as const) {
      const res = await (await new Agent(app).signIn(role)).get('/return-interviews');
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain('Return home interviews</h1>');
    }
  });

  it('shows only the interviews of the user’s own authority', async () => {
    const city = await endedIncident(use(), 10, { authority: '892' });
    const cityOfficer = await new Agent(app).signIn('missing_officer', '892');
    const cityList = await cityOfficer.get('/return-interviews');
    expect(cityList.body).toContain(`/return-interviews/${city.rhiId}`);
    const countyList = await (await new Agent(app).signIn('missing_officer')).get('/return-interviews');
    expect(countyList.body).not.toContain(`/return-interviews/${city.rhiId}`);
  });
});
