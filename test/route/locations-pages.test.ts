/** Locations and persons who may pose a risk in the browser: adding, checking, editing (stale too), and access by role. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fieldValue, FIXED_NOW, mainText } from './children-support.ts';

const LOCATION = { name: 'Station Road Takeaway', address: '12 Station Road', postcode: 'ng7 2aa', districtId: '', kind: 'takeaway', notes: 'Adults gather outside after closing' };

describeEachDatabase('Location and person pages', (use) => {
  let app: FastifyInstance;
  let officer: Agent;
  let lead: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
    lead = await new Agent(app).signIn('exploitation_lead');
  });
  afterAll(() => app.close());

  async function addLocation(agent: Agent, values: Record<string, string> = LOCATION): Promise<string> {
    await agent.get('/locations/new');
    const res = await agent.post('/locations/new', values);
    expect(res.statusCode).toBe(302);
    return String(res.headers.location).replace('/locations/', '');
  }

  it('adds a location from the form and shows it, with who added it', async () => {
    const form = await officer.get('/locations/new');
    expect(form.statusCode).toBe(200);
    expect(mainText(form.body)).toContain('Add a location');
    const id = await addLocation(officer);
    const page = await officer.get(`/locations/${id}`);
    const text = mainText(page.body);
    expect(text).toContain('Location added.');
    expect(text).toContain('Station Road Takeaway');
    expect(text).toContain('NG7 2AA');
    expect(text).toContain('Takeaway');
    expect(text).toContain('Added by Alex Morgan on 21/11/2026 12:00');
    const list = mainText((await officer.get('/locations?q=station+road')).body);
    expect(list).toContain('Station Road Takeaway');
  });

  it('re-shows the form with each problem linked to its field and what was typed kept', async () => {
    await officer.get('/locations/new');
    const res = await officer.post('/locations/new', { ...LOCATION, name: '', postcode: 'ZZ99 9ZZZ', kind: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Add a location');
    for (const field of ['name', 'postcode', 'kind']) expect(res.body).toContain(`href="#${field}"`);
    expect(mainText(res.body)).toContain('Enter the name of the place, or its address');
    expect(mainText(res.body)).toContain('Enter a real postcode, like NG1 5AB');
    expect(fieldValue(res.body, 'postcode')).toBe('ZZ99 9ZZZ');
    expect(fieldValue(res.body, 'address')).toBe('12 Station Road');
  });

  it('saves a change of details, and tells the second of two people editing at once that it changed, showing both', async () => {
    const id = await addLocation(officer, { ...LOCATION, name: 'Bridge Street Hotel', kind: 'hotel' });
    const mine = await officer.get(`/locations/${id}?change=details`);
    expect(fieldValue(mine.body, 'name')).toBe('Bridge Street Hotel');
    const theirs = await lead.get(`/locations/${id}?change=details`);
    expect(theirs.statusCode).toBe(200);
    const saved = await lead.post(`/locations/${id}`, { ...LOCATION, name: 'Bridge Street Hotel (annexe)', kind: 'hotel', version: '1' });
    expect(saved.statusCode).toBe(302);
    const stale = await officer.post(`/locations/${id}`, { ...LOCATION, name: 'Bridge St Hotel', kind: 'hotel', version: '1' });
    expect(stale.statusCode).toBe(409);
    const text = mainText(stale.body);
    expect(text).toContain('This location was changed by someone else while you were editing');
    expect(text).toContain('Your change was not saved');
    expect(stale.body).toMatch(/id="current-values"[\s\S]*Bridge Street Hotel \(annexe\)[\s\S]*id="unsaved-values"[\s\S]*Bridge St Hotel/);
    expect(mainText((await officer.get(`/locations/${id}`)).body)).toContain('Bridge Street Hotel (annexe)');
  });

  it('keeps a bad edit on the form at the version it was opened at', async () => {
    const id = await addLocation(officer, { ...LOCATION, name: 'Ferry Landing', kind: 'other' });
    await officer.get(`/locations/${id}?change=details`);
    const res = await officer.post(`/locations/${id}`, { ...LOCATION, name: 'Ferry Landing', kind: 'other', postcode: '123', version: '1' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#postcode"');
    expect(res.body).toContain('name="version" value="1"');
  });

  it('adds a person who may pose a risk and changes their details', async () => {
    await officer.get('/persons/new');
    const bad = await officer.post('/persons/new', { name: '', aliases: 'Tank', dateOfBirth: '31/02/1990', description: '', notes: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#name"');
    expect(bad.body).toContain('href="#dateOfBirth"');
    expect(fieldValue(bad.body, 'aliases')).toBe('Tank');
    const res = await officer.post('/persons/new', { name: 'Person Known As Tank', aliases: 'T', dateOfBirth: '03/05/1991', description: 'Tall, drives a blue van', notes: '' });
    expect(res.statusCode).toBe(302);
    const id = String(res.headers.location).replace('/persons/', '');
    const page = mainText((await officer.get(`/persons/${id}`)).body);
    expect(page).toContain('Person who may pose a risk');
    expect(page).toContain('03/05/1991');
    await officer.get(`/persons/${id}?change=details`);
    expect((await officer.post(`/persons/${id}`, { name: 'Person Known As Tank', aliases: 'T, Tanky', dateOfBirth: '', description: '', notes: '', version: '1' })).statusCode).toBe(302);
    expect(mainText((await officer.get('/persons?q=tanky')).body)).toContain('Person Known As Tank');
  });

  it('refuses roles without the permission and sends visitors to sign in', async () => {
    const manager = await new Agent(app).signIn('manager');
    expect((await manager.get('/locations')).statusCode).toBe(403);
    expect((await manager.get('/hotspots')).statusCode).toBe(403);
    const rhi = await new Agent(app).signIn('rhi_worker');
    expect((await rhi.get('/persons')).statusCode).toBe(403);
    const visitor = new Agent(app);
    expect((await visitor.get('/locations')).headers.location).toBe('/sign-in');
    expect((await officer.get('/locations/not-an-id')).statusCode).toBe(404);
  });
});
