/**
 * Linking locations and persons to children, incidents, return interviews, concerns and persons: each kind, a
 * duplicate refused with a message, the other authority's records refused, names shown only on a need to know,
 * disruption, and the child's own list of linked locations and persons.
 */
import { beforeAll, expect, it } from 'vitest';
import { locationLinks } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { Forbidden, ValidationFailed } from '../../src/modules/errors.ts';
import { childLinks } from '../../src/modules/exploitation/child-links.service.ts';
import { recordDisruption } from '../../src/modules/exploitation/disruptions.service.ts';
import { linkTo, type LinkInput } from '../../src/modules/exploitation/links.service.ts';
import { viewLocation } from '../../src/modules/exploitation/locations.service.ts';
import { viewPerson } from '../../src/modules/exploitation/persons.service.ts';
import { actorOf, countRows } from '../fixtures/records.ts';
import { notify } from '../route/children-support.ts';
import { endedIncident } from '../route/return-interview-support.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addConcern, addLocation, addPerson, agencyId, allocate, auditsAbout, EMPTY_LINK, FIXED_NOW } from './locations-support.ts';

describeEachDatabase('Locations and persons: links, need to know, disruption', (use) => {
  let lead: Actor;
  let worker: Actor;
  let police: Actor;
  let officer: Actor;

  beforeAll(async () => {
    [lead, worker, police, officer] = [await actorOf(use(), 'exploitation_lead'), await actorOf(use(), 'social_worker'), await actorOf(use(), 'police'), await actorOf(use(), 'missing_officer')];
  });

  const link = (actor: Actor, kind: 'location' | 'person', id: string, form: Partial<LinkInput>) =>
    linkTo(use(), actor, { kind, id }, { ...EMPTY_LINK, ...form }, FIXED_NOW);
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).problems;
  };

  it('links a location to a child, an incident, an interview, a concern and a person, each shown with who linked it', async () => {
    const { childId, incidentId, reference, rhiId } = await endedIncident(use(), 30);
    const concernId = await addConcern(use(), childId, '2026-11-01');
    const personId = await addPerson(use(), officer, 'Person Known As Ash');
    const locationId = await addLocation(use(), officer, { name: 'Bus Station Underpass', kind: 'transport_hub' });
    expect(await link(worker, 'location', locationId, { target: 'child', childId, note: 'Seen here twice' })).toEqual({ kind: 'linked', target: 'child' });
    expect(await link(worker, 'location', locationId, { target: 'incident', reference: reference.toLowerCase() })).toEqual({ kind: 'linked', target: 'incident' });
    await link(lead, 'location', locationId, { target: 'rhi', returnInterviewId: rhiId });
    await link(lead, 'location', locationId, { target: 'concern', concernId });
    await link(police, 'location', locationId, { target: 'person', personId });
    const page = await viewLocation(use(), lead, locationId);
    expect(page.links.hiddenChildren).toBe(0);
    expect(page.links.children).toHaveLength(1);
    const [child] = page.links.children;
    expect(child?.links.map((l) => [l.target, l.createdByName]).sort()).toEqual([['child', 'Sam Patel'], ['concern', 'Drew Ashby'], ['incident', 'Sam Patel'], ['rhi', 'Drew Ashby']]);
    expect(child?.links.find((l) => l.target === 'incident')?.incident?.reference).toBe(reference);
    expect(child?.links.find((l) => l.target === 'child')?.note).toBe('Seen here twice');
    expect(page.links.persons.map((p) => [p.person?.name, p.createdByName])).toEqual([['Person Known As Ash', 'Jordan Reid']]);
    // Chosen interviews and concerns are no longer offered.
    expect(page.links.choices.interviews.map((i) => i.id)).not.toContain(rhiId);
    expect(page.links.choices.concerns).toEqual([]);
    const audits = (await auditsAbout(use(), locationId)).filter((a) => a.action === 'location.linked');
    expect(audits.map((a) => a.childId)).toEqual([childId, childId, childId, childId, null]);
    expect(incidentId).toBeTruthy();
  });

  it('links a person to a child, an incident (found with), an interview (stayed with) and a concern; the person page lists their locations', async () => {
    const { childId, reference, rhiId } = await endedIncident(use(), 40);
    const concernId = await addConcern(use(), childId, '2026-10-15');
    const personId = await addPerson(use(), officer, 'Person Known As Birch');
    await link(officer, 'person', personId, { target: 'child', child: (await viewChildName(childId)) });
    await link(officer, 'person', personId, { target: 'incident', reference });
    await link(lead, 'person', personId, { target: 'rhi', returnInterviewId: rhiId });
    await link(lead, 'person', personId, { target: 'concern', concernId });
    expect(await refusal(link(lead, 'person', personId, { target: 'person', personId }))).toEqual([{ field: 'target', message: 'Choose what to link' }]);
    const locationId = await addLocation(use(), officer, { name: 'Lakeside Flats', kind: 'housing_estate' });
    await link(officer, 'location', locationId, { target: 'person', personId });
    const page = await viewPerson(use(), lead, personId);
    expect(page.links.children[0]?.links.map((l) => l.target).sort()).toEqual(['child', 'concern', 'incident', 'rhi']);
    expect(page.locations.map((l) => l.name)).toEqual(['Lakeside Flats']);
  });

  async function viewChildName(childId: string): Promise<string> {
    const rows = await use().read((q) => q.query.children.findFirst({ where: (c, { eq }) => eq(c.id, childId) }));
    return `${rows?.forename ?? ''} ${rows?.surname ?? ''}`;
  }

  it('refuses the same link twice with a message, leaving one row', async () => {
    const { childId, reference } = await notify(use());
    const locationId = await addLocation(use(), officer, { name: 'Recreation Ground' });
    await link(officer, 'location', locationId, { target: 'child', childId });
    await link(officer, 'location', locationId, { target: 'incident', reference });
    const before = await countRows(use(), locationLinks);
    expect(await refusal(link(worker, 'location', locationId, { target: 'child', childId }))).toEqual([{ field: 'childId', message: 'That child is already linked here' }]);
    expect(await refusal(link(worker, 'location', locationId, { target: 'incident', reference }))).toEqual([{ field: 'reference', message: 'That incident is already linked here' }]);
    expect(await countRows(use(), locationLinks)).toBe(before);
  });

  it('never links a child or an incident of the other authority', async () => {
    const city = await notify(use(), { authority: '892' });
    const locationId = await addLocation(use(), officer, { name: 'Market Square' });
    expect(await refusal(link(lead, 'location', locationId, { target: 'child', childId: city.childId }))).toEqual([{ field: 'childId', message: 'Choose one of the children listed' }]);
    const [byReference] = await refusal(link(lead, 'location', locationId, { target: 'incident', reference: city.reference }));
    expect(byReference?.message).toBe('No incident in your authority has that police reference');
    const cityName = (await use().read((q) => q.query.children.findFirst({ where: (c, { eq }) => eq(c.id, city.childId) })))?.surname ?? '';
    expect((await refusal(link(lead, 'location', locationId, { target: 'child', child: cityName })))[0]?.field).toBe('child');
    expect((await viewLocation(use(), lead, locationId)).links.children).toEqual([]);
  });

  it('asks which child when a name matches more than one, and links the one chosen', async () => {
    const surname = `Hollowmere${Date.now() % 100000}`;
    const first = await notify(use(), { child: { forename: 'Rowan', surname, date_of_birth: '2011-04-02' } });
    await notify(use(), { child: { forename: 'Rowena', surname, date_of_birth: '2012-06-09' } });
    const locationId = await addLocation(use(), officer, { name: 'Skate Park' });
    const outcome = await link(officer, 'location', locationId, { target: 'child', child: `row ${surname}` });
    expect(outcome.kind).toBe('choose-child');
    expect(outcome.kind === 'choose-child' ? outcome.candidates.map((c) => c.forename) : []).toEqual(['Rowan', 'Rowena']);
    await link(officer, 'location', locationId, { target: 'child', child: `row ${surname}`, childId: first.childId });
    expect((await viewLocation(use(), lead, locationId)).links.children.map((c) => c.forename)).toEqual(['Rowan']);
  });

  it('names linked children only to those with a need to know; others see how many there are', async () => {
    const known = await notify(use());
    const unknown = await notify(use());
    await allocate(use(), known.childId);
    const locationId = await addLocation(use(), officer, { name: 'Churchyard Benches' });
    await link(lead, 'location', locationId, { target: 'incident', reference: known.reference });
    await link(lead, 'location', locationId, { target: 'child', childId: unknown.childId });
    await addConcern(use(), unknown.childId, '2026-11-02').then((concernId) => link(lead, 'location', locationId, { target: 'concern', concernId }));
    const asWorker = await viewLocation(use(), worker, locationId);
    expect(asWorker.links.children.map((c) => c.id)).toEqual([known.childId]);
    expect(asWorker.links.hiddenChildren).toBe(1);
    expect(JSON.stringify(asWorker)).not.toContain(unknown.childId);
    expect(asWorker.links.choices.concerns).toEqual([]);
    const asLead = await viewLocation(use(), lead, locationId);
    expect(asLead.links.children.map((c) => c.id).sort()).toEqual([known.childId, unknown.childId].sort());
    expect(asLead.links.hiddenChildren).toBe(0);
    // The view of each named child is in that child's access log.
    const viewed = (await auditsAbout(use(), locationId)).filter((a) => a.action === 'location.viewed' && a.childId === unknown.childId);
    expect(viewed.map((a) => a.userId)).toEqual([lead.id]);
    // A concern of a child the worker may not know about cannot be linked by id either.
    const concernId = await addConcern(use(), unknown.childId, '2026-11-03');
    expect((await refusal(link(worker, 'location', locationId, { target: 'concern', concernId })))[0]?.field).toBe('concernId');
  });

  it('records disruption, newest first, for police and leads only, never with a date in the future', async () => {
    const locationId = await addLocation(use(), officer, { name: 'Kebab House, High Street', kind: 'takeaway' });
    const police891 = await agencyId(use(), 'police');
    await recordDisruption(use(), police, { kind: 'location', id: locationId }, { kind: 'cctv', description: 'Camera fitted at the rear', occurredOn: '02/09/2026', agencyId: police891 }, FIXED_NOW);
    await recordDisruption(use(), lead, { kind: 'location', id: locationId }, { kind: 'licensing', description: 'Licence review: closes at 23:00', occurredOn: '2026-10-20', agencyId: police891 }, FIXED_NOW);
    const future = recordDisruption(use(), lead, { kind: 'location', id: locationId }, { kind: 'order', description: 'x', occurredOn: '22/11/2026', agencyId: police891 }, FIXED_NOW);
    expect(await refusal(future)).toEqual([{ field: 'occurredOn', message: 'The date must be today or in the past' }]);
    const cityAgency = await agencyId(use(), 'police', '892');
    expect((await refusal(recordDisruption(use(), lead, { kind: 'location', id: locationId }, { kind: 'order', description: 'x', occurredOn: '2026-11-01', agencyId: cityAgency }, FIXED_NOW)))[0]?.field).toBe('agencyId');
    await expect(recordDisruption(use(), officer, { kind: 'location', id: locationId }, { kind: 'cctv', description: 'x', occurredOn: '2026-11-01', agencyId: police891 }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    const page = await viewLocation(use(), worker, locationId);
    expect(page.disruptions.map((d) => [d.kind, d.occurredOn, d.agencyName, d.recordedByName])).toEqual([
      ['licensing', '2026-10-20', 'Demo Shire Police', 'Drew Ashby'], ['cctv', '2026-09-02', 'Demo Shire Police', 'Jordan Reid'],
    ]);
    const personId = await addPerson(use(), officer, 'Person Known As Quill');
    await recordDisruption(use(), police, { kind: 'person', id: personId }, { kind: 'warning_notice', description: 'Child abduction warning notice served', occurredOn: '2026-11-20', agencyId: police891 }, FIXED_NOW);
    expect((await viewPerson(use(), lead, personId)).disruptions.map((d) => d.kind)).toEqual(['warning_notice']);
  });

  it('lists for a child the locations and persons linked to them directly or through their records', async () => {
    const { childId, reference, rhiId } = await endedIncident(use(), 50);
    const park = await addLocation(use(), officer, { name: 'Willow Park' });
    const flat = await addLocation(use(), officer, { name: 'Flat above the arcade', kind: 'address_of_concern' });
    const personId = await addPerson(use(), officer, 'Person Known As Reed');
    await link(officer, 'location', park, { target: 'incident', reference });
    await link(officer, 'location', park, { target: 'child', childId });
    // Interviews are chosen from those of the children already linked.
    await link(lead, 'location', flat, { target: 'child', childId });
    await link(lead, 'location', flat, { target: 'rhi', returnInterviewId: rhiId });
    await link(lead, 'person', personId, { target: 'incident', reference });
    await link(lead, 'person', personId, { target: 'rhi', returnInterviewId: rhiId });
    const links = await use().transaction((tx) => childLinks(tx, lead, childId));
    expect(links.locations.map((l) => [l.name, l.via])).toEqual(expect.arrayContaining([['Willow Park', ['Linked to the child', 'Where found']], ['Flat above the arcade', ['Linked to the child', 'Where stayed']]]));
    expect(links.persons.map((p) => [p.name, p.via])).toEqual([['Person Known As Reed', ['Found with', 'Stayed with']]]);
    await expect(use().transaction((tx) => childLinks(tx, worker, childId))).rejects.toBeInstanceOf(Forbidden);
  });
});
