/** "Possible same child" decisions: merging two records into one, or keeping them apart. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { children, possibleMatches } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { incidentByReference } from '../fixtures/records.ts';
import { auditOf, endedOn, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Possible same child', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  /** An existing child, then a notification with one letter of the surname different: a possible match. */
  async function nearPair(options: { existingOpen?: boolean } = {}) {
    const child = newChild();
    const stillMissing = { last_seen_at: '2026-11-19T08:00', reported_at: '2026-11-19T09:00', notified_at: '2026-11-19T10:00' };
    const existing = await notify(use(), { child, cells: options.existingOpen ? stillMissing : endedOn('2026-10-05') });
    const newer = await notify(use(), { child: { ...child, surname: `${child.surname}x` }, cells: { police_person_id: `PP-${child.surname}` } });
    const [match] = await use().read((q) => q.select().from(possibleMatches).where(eq(possibleMatches.childId, newer.childId)));
    if (!match) throw new Error('no possible match was raised');
    return { child, existing, newer, matchId: match.id };
  }

  it('merges the newer record into the existing child, moving its incidents', async () => {
    const { child, existing, newer, matchId } = await nearPair();
    expect(mainText((await officer.get('/missing-now')).body)).toContain('Possible same child');
    const res = await officer.post(`/possible-matches/${matchId}`, { decision: 'confirm' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/children/${existing.childId}`);
    expect((await incidentByReference(use(), newer.reference))?.childId).toBe(existing.childId);
    const record = await officer.get(`/children/${existing.childId}`);
    expect(record.body).toContain(newer.reference);
    expect(record.body).toContain(existing.reference);
    expect(mainText(record.body)).toContain('Confirmed as the same child: records merged by Alex Morgan');
    const old = await officer.get(`/children/${newer.childId}`);
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe(`/children/${existing.childId}`);
    const [merged] = await use().read((q) => q.select().from(children).where(eq(children.id, newer.childId)));
    expect(merged?.mergedInto).toBe(existing.childId);
    // Ids only the newer record had move across, so the next notification quoting them finds the child.
    const [survivor] = await use().read((q) => q.select().from(children).where(eq(children.id, existing.childId)));
    expect(survivor?.policePersonId).toBe(`PP-${child.surname}`);
    const search = await officer.get(`/children?q=${encodeURIComponent(child.surname)}`);
    expect(search.body).toContain(`/children/${existing.childId}`);
    expect(search.body).not.toContain(`/children/${newer.childId}`);
    // The newer record's name is kept as a name the child is known by, so searching it finds the child.
    expect((await officer.get(`/children?q=${encodeURIComponent(`${child.surname}x`)}`)).body).toContain(`/children/${existing.childId}`);
    expect(await auditOf(use(), 'possible-match.confirmed', matchId)).toHaveLength(1);
    expect(mainText((await officer.get('/missing-now')).body)).not.toContain(`${child.surname}x`);
  });

  it('refuses to merge two records that both have a child missing now', async () => {
    const { existing, newer, matchId } = await nearPair({ existingOpen: true });
    await officer.get('/missing-now');
    const res = await officer.post(`/possible-matches/${matchId}`, { decision: 'confirm' });
    expect(res.statusCode).toBe(422);
    expect(mainText(res.body)).toContain('Both records have a child missing now');
    expect((await incidentByReference(use(), newer.reference))?.childId).toBe(newer.childId);
    expect((await incidentByReference(use(), existing.reference))?.childId).toBe(existing.childId);
    const [match] = await use().read((q) => q.select().from(possibleMatches).where(eq(possibleMatches.id, matchId)));
    expect(match?.status).toBe('open');
  });

  it('records different children when rejected, leaving both records', async () => {
    const { existing, newer, matchId } = await nearPair();
    await officer.get('/missing-now');
    const res = await officer.post(`/possible-matches/${matchId}`, { decision: 'reject' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/missing-now');
    const [match] = await use().read((q) => q.select().from(possibleMatches).where(eq(possibleMatches.id, matchId)));
    expect(match?.status).toBe('rejected');
    expect((await officer.get(`/children/${newer.childId}`)).statusCode).toBe(200);
    expect((await incidentByReference(use(), newer.reference))?.childId).not.toBe(existing.childId);
    expect(mainText((await officer.get(`/children/${existing.childId}`)).body)).toContain('Confirmed as different children');
    await officer.get('/missing-now');
    expect((await officer.post(`/possible-matches/${matchId}`, { decision: 'confirm' })).statusCode).toBe(409);
  });

  it('is for Children Missing Officers only', async () => {
    const { matchId } = await nearPair();
    const worker = await new Agent(app).signIn('social_worker');
    await worker.get('/missing-now');
    expect((await worker.post(`/possible-matches/${matchId}`, { decision: 'confirm' })).statusCode).toBe(403);
    const city = await new Agent(app).signIn('missing_officer', '892');
    await city.get('/missing-now');
    expect((await city.post(`/possible-matches/${matchId}`, { decision: 'reject' })).statusCode).toBe(404);
  });
});
