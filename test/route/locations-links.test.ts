/**
 * Links, disruption and the hotspots view in the browser: linking from a location's page, a duplicate told
 * plainly, names hidden without a need to know, disruption by police, the ranking and its CSV, and the partial
 * the child's exploitation page shows.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childLinks } from '../../src/modules/exploitation/child-links.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { agencyId, allocate } from '../db/locations-support.ts';
import { endedOn, FIXED_NOW, mainText, newChild, notify } from './children-support.ts';

describeEachDatabase('Links, disruption and hotspots pages', (use) => {
  let app: FastifyInstance;
  let officer: Agent;
  let worker: Agent;
  let police: Agent;
  let lead: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    [officer, worker, police, lead] = await Promise.all([
      new Agent(app).signIn('missing_officer'), new Agent(app).signIn('social_worker'), new Agent(app).signIn('police'), new Agent(app).signIn('exploitation_lead'),
    ]);
  });
  afterAll(() => app.close());

  async function addLocation(name: string): Promise<string> {
    await officer.get('/locations/new');
    const res = await officer.post('/locations/new', { name, address: '', postcode: '', districtId: '', kind: 'park', notes: '' });
    return String(res.headers.location).replace('/locations/', '');
  }

  it('links a child by name and an incident by reference from the page; a second time is refused with a message', async () => {
    const child = newChild();
    const { childId, reference } = await notify(use(), { child, cells: endedOn('2026-10-04') });
    await allocate(use(), childId);
    const id = await addLocation('Hawthorn Playing Fields');
    await worker.get(`/locations/${id}`);
    const linked = await worker.post(`/locations/${id}/links`, { target: 'child', child: `${child.forename} ${child.surname}`, note: 'Seen with older youths' });
    expect(linked.statusCode).toBe(302);
    expect(linked.headers.location).toBe(`/locations/${id}#links`);
    const page = await worker.get(`/locations/${id}`);
    expect(mainText(page.body)).toContain('Child linked.');
    await worker.post(`/locations/${id}/links`, { target: 'incident', reference });
    const text = mainText((await worker.get(`/locations/${id}`)).body);
    expect(text).toContain(`${child.forename} ${child.surname}`);
    expect(text).toContain(`Where found: incident ${reference}, last seen 04/10/2026`);
    expect(text).toContain('Seen with older youths Sam Patel 21/11/2026 12:00');
    const again = await worker.post(`/locations/${id}/links`, { target: 'incident', reference, note: 'again' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('href="#link-incident-reference"');
    expect(mainText(again.body)).toContain('That incident is already linked here');
    expect(again.body).toMatch(/id="link-incident-reference"[^>]*value="[^"]*"/);
  });

  it('refuses an incident of the other authority, and asks which child when a name matches more than one', async () => {
    const city = await notify(use(), { authority: '892' });
    const id = await addLocation('Orchard Lane Garages');
    await lead.get(`/locations/${id}`);
    const res = await lead.post(`/locations/${id}/links`, { target: 'incident', reference: city.reference });
    expect(res.statusCode).toBe(400);
    expect(mainText(res.body)).toContain('No incident in your authority has that police reference');
    const surname = `Brambleton${Date.now() % 100000}`;
    await notify(use(), { child: { forename: 'Kit', surname, date_of_birth: '2010-02-03' } });
    const second = await notify(use(), { child: { forename: 'Kitty', surname, date_of_birth: '2011-03-04' } });
    const choose = await lead.post(`/locations/${id}/links`, { target: 'child', child: `kit ${surname}` });
    expect(choose.statusCode).toBe(400);
    expect(mainText(choose.body)).toContain('More than one child matches: choose which one');
    expect(choose.body).toContain(`value="${second.childId}"`);
    const chosen = await lead.post(`/locations/${id}/links`, { target: 'child', child: `kit ${surname}`, childId: second.childId });
    expect(chosen.statusCode).toBe(302);
    expect(mainText((await lead.get(`/locations/${id}`)).body)).toContain(`Kitty ${surname}`);
  });

  it('shows a linked child’s name only with a need to know; others see how many children they cannot see', async () => {
    const hidden = newChild();
    const { childId } = await notify(use(), { child: hidden });
    const id = await addLocation('Underpass by the Ring Road');
    await lead.get(`/locations/${id}`);
    await lead.post(`/locations/${id}/links`, { target: 'child', childId });
    const asWorker = await worker.get(`/locations/${id}`);
    expect(asWorker.statusCode).toBe(200);
    expect(asWorker.body).not.toContain(hidden.surname);
    expect(asWorker.body).not.toContain(childId);
    expect(mainText(asWorker.body)).toContain('1 other child you do not have access to');
    expect(mainText((await lead.get(`/locations/${id}`)).body)).toContain(`${hidden.forename} ${hidden.surname}`);
  });

  it('records disruption as police, newest first; others may not, and a bad form comes back with its problems', async () => {
    const id = await addLocation('Lime Street Car Park');
    const agency = await agencyId(use(), 'police');
    await police.get(`/locations/${id}`);
    const bad = await police.post(`/locations/${id}/disruptions`, { kind: 'lighting', description: 'New lights', occurredOn: '01/12/2026', agencyId: agency });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#disruption-occurredOn"');
    expect(mainText(bad.body)).toContain('The date must be today or in the past');
    expect(bad.body).toMatch(/<textarea[^>]*id="disruption-description"[^>]*>New lights<\/textarea>/);
    expect((await police.post(`/locations/${id}/disruptions`, { kind: 'lighting', description: 'New lights fitted', occurredOn: '01/10/2026', agencyId: agency })).statusCode).toBe(302);
    expect((await police.post(`/locations/${id}/disruptions`, { kind: 'cctv', description: 'Camera installed', occurredOn: '05/11/2026', agencyId: agency })).statusCode).toBe(302);
    const text = mainText((await worker.get(`/locations/${id}`)).body);
    expect(text).toMatch(/05\/11\/2026 CCTV Camera installed Demo Shire Police Jordan Reid 01\/10\/2026 Lighting New lights fitted/);
    expect(text).not.toContain('Record a disruption');
    await officer.get(`/locations/${id}`);
    expect((await officer.post(`/locations/${id}/disruptions`, { kind: 'cctv', description: 'x', occurredOn: '01/11/2026', agencyId: agency })).statusCode).toBe(403);
  });

  it('links a person to a location and shows each on the other’s page', async () => {
    await officer.get('/persons/new');
    const personId = String((await officer.post('/persons/new', { name: 'Person Known As Crow', aliases: '', dateOfBirth: '', description: '', notes: '' })).headers.location).replace('/persons/', '');
    const id = await addLocation('Crow Lane Flats');
    await officer.get(`/locations/${id}`);
    expect((await officer.post(`/locations/${id}/links`, { target: 'person', personId })).statusCode).toBe(302);
    expect(mainText((await officer.get(`/locations/${id}`)).body)).toContain('Person Known As Crow Alex Morgan');
    expect(mainText((await officer.get(`/persons/${personId}`)).body)).toContain('Crow Lane Flats (Park)');
  });

  it('ranks hotspots for a period and district, downloads the same as CSV, and says what is wrong with a filter', async () => {
    const id = await addLocation('Zigzag Footbridge');
    const recorded = await notify(use(), { cells: endedOn('2026-10-20') });
    await lead.get(`/locations/${id}`);
    await lead.post(`/locations/${id}/links`, { target: 'incident', reference: recorded.reference });
    const page = await lead.get('/hotspots?from=2026-10-01&to=2026-10-31');
    expect(page.statusCode).toBe(200);
    expect(mainText(page.body)).toMatch(/01\/10\/2026 to 31\/10\/2026: \d+ locations?/);
    expect(mainText(page.body)).toContain('Zigzag Footbridge Park Not known 1 1 None recorded');
    expect(page.body).not.toContain(recorded.childId);
    const csv = await lead.get('/hotspots?from=2026-10-01&to=2026-10-31&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="hotspots-2026-10-01-to-2026-10-31.csv"');
    expect(csv.body.split('\r\n')[0]).toBe('Rank,Location,Kind,District,Incidents,Children,Latest disruption,Latest disruption date');
    expect(csv.body).toContain(',Zigzag Footbridge,Park,Not known,1,1,,');
    expect(mainText((await lead.get('/hotspots?from=2026-09-01&to=2026-09-30')).body)).not.toContain('Zigzag Footbridge');
    const bad = await lead.get('/hotspots?from=yesterday&to=2026-10-31');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#from"');
    expect(bad.body).toContain('<title>Error: Hotspots');
    expect(mainText((await lead.get('/hotspots')).body)).toContain('22/11/2025 to 21/11/2026');
  });

  it('renders the partial of a child’s linked locations and persons, escaping names', async () => {
    const { childId, reference } = await notify(use(), { cells: endedOn('2026-09-09') });
    const id = await addLocation('<b>Corner</b> Shop');
    await officer.get(`/locations/${id}`);
    await officer.post(`/locations/${id}/links`, { target: 'incident', reference });
    const actor = await actorOf(use(), 'exploitation_lead');
    const links = await use().transaction((tx) => childLinks(tx, actor, childId));
    const html = await app.view('locations/partials/child-links.njk', { childLinks: links });
    expect(html).toContain('&lt;b&gt;Corner&lt;/b&gt; Shop');
    expect(mainText(html)).toContain('Park Not known Where found 21/11/2026 12:00');
    expect(mainText(html)).toContain('No persons who may pose a risk are linked to this child.');
  });
});
