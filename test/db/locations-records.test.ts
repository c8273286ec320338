/** Locations and persons who may pose a risk through their services: creating, checking, editing with a version, and auditing. */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { districts } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import {
  listLocations, locationFilter, RecordChanged, updateLocation, viewLocation,
} from '../../src/modules/exploitation/locations.service.ts';
import { listPersons, updatePerson, viewPerson } from '../../src/modules/exploitation/persons.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addLocation, addPerson, auditsAbout, districtId, FIXED_NOW } from './locations-support.ts';

async function problemsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationFailed);
  return Object.fromEntries((error as ValidationFailed).problems.map((p) => [p.field, p.message]));
}

describeEachDatabase('Locations and persons: records', (use) => {
  let lead: Actor;
  let officer: Actor;
  let manager: Actor;
  let cityLead: Actor;

  beforeAll(async () => {
    [lead, officer, manager, cityLead] = [await actorOf(use(), 'exploitation_lead'), await actorOf(use(), 'missing_officer'), await actorOf(use(), 'manager'), await actorOf(use(), 'exploitation_lead', '892')];
  });

  it('creates a location with its postcode tidied and district, audited, and finds it by name, postcode, kind and district', async () => {
    const gedling = await districtId(use(), 'Gedling');
    const id = await addLocation(use(), officer, { name: 'Quarry Lane Takeaway', postcode: 'ng4 1aa', districtId: String(gedling), kind: 'takeaway' });
    const page = await viewLocation(use(), lead, id);
    expect(page.location).toMatchObject({ name: 'Quarry Lane Takeaway', postcode: 'NG4 1AA', districtName: 'Gedling', kind: 'takeaway', version: 1, createdByName: 'Alex Morgan' });
    expect((await auditsAbout(use(), id)).map((a) => a.action).sort()).toEqual(['location.created', 'location.viewed']);
    const names = async (q: Record<string, string>) => (await listLocations(use(), lead, locationFilter(q))).locations.map((l) => l.name);
    expect(await names({ q: 'quarry lane' })).toEqual(['Quarry Lane Takeaway']);
    expect(await names({ q: 'NG41AA' })).toEqual(['Quarry Lane Takeaway']);
    expect(await names({ q: 'quarry', kind: 'park' })).toEqual([]);
    expect(await names({ q: 'quarry', district: String(await districtId(use(), 'Ashfield')) })).toEqual([]);
    expect(await names({ q: 'quarry', district: String(gedling) })).toEqual(['Quarry Lane Takeaway']);
  });

  it('refuses a location without a name, with a postcode that is not one, or a district of another authority', async () => {
    const [cityDistrict] = await use().read((q) => q.select({ id: districts.id }).from(districts).where(eq(districts.authorityCode, '892')));
    const problems = await problemsOf(addLocation(use(), officer, { name: '  ', postcode: 'NOT A CODE', districtId: String(cityDistrict?.id), kind: 'castle' }));
    expect(problems).toEqual({
      name: 'Enter the name of the place, or its address', postcode: 'Enter a real postcode, like NG1 5AB',
      districtId: 'Select a district from the list, or “Not known”', kind: 'Select the kind of place',
    });
  });

  it('saves an edit at the version it was opened at, and refuses a stale one without overwriting', async () => {
    const id = await addLocation(use(), officer, { name: 'Old Mill Car Park', kind: 'other' });
    const form = { name: 'Old Mill Car Park (north)', address: 'Mill Road', postcode: 'NG5 2BB', districtId: '', kind: 'other', notes: 'Cars stop late at night' };
    await updateLocation(use(), lead, id, { version: 1, form });
    const stale = updateLocation(use(), officer, id, { version: 1, form: { ...form, name: 'Old Mill' } });
    await expect(stale).rejects.toBeInstanceOf(RecordChanged);
    expect((await viewLocation(use(), lead, id)).location).toMatchObject({ name: 'Old Mill Car Park (north)', address: 'Mill Road', version: 2 });
    expect((await auditsAbout(use(), id)).filter((a) => a.action === 'location.updated')).toHaveLength(1);
  });

  it('keeps each authority to its own locations and persons, and managers out', async () => {
    const id = await addLocation(use(), officer, { name: 'Canal Towpath' });
    await expect(viewLocation(use(), cityLead, id)).rejects.toBeInstanceOf(NotFound);
    await expect(viewLocation(use(), lead, 'not-a-uuid')).rejects.toBeInstanceOf(NotFound);
    await expect(viewLocation(use(), manager, id)).rejects.toBeInstanceOf(Forbidden);
    const personId = await addPerson(use(), officer, 'Person Known As Slate');
    await expect(viewPerson(use(), cityLead, personId)).rejects.toBeInstanceOf(NotFound);
    await expect(listPersons(use(), manager, '')).rejects.toBeInstanceOf(Forbidden);
    expect((await listLocations(use(), cityLead, locationFilter({ q: 'canal towpath' }))).locations).toEqual([]);
  });

  it('records a person who may pose a risk, checks the date of birth, finds them by another name and edits them with a version', async () => {
    const problems = await problemsOf(addPerson(use(), officer, ''));
    expect(problems).toEqual({ name: 'Enter the name the person is known by' });
    const future = await problemsOf(updatePerson(use(), lead, await addPerson(use(), officer, 'Person Known As Flint'), { version: 1, form: { name: 'Flint', aliases: '', dateOfBirth: '01/01/2030', description: '', notes: '' } }, FIXED_NOW));
    expect(future).toEqual({ dateOfBirth: 'The date of birth must be in the past' });
    const id = await addPerson(use(), officer, 'Person Known As Marlow');
    await updatePerson(use(), lead, id, { version: 1, form: { name: 'Person Known As Marlow', aliases: 'M-Dog, Marl', dateOfBirth: '14/02/1994', description: 'Drives a grey hatchback', notes: '' } }, FIXED_NOW);
    await expect(updatePerson(use(), officer, id, { version: 1, form: { name: 'Marlow', aliases: '', dateOfBirth: '', description: '', notes: '' } }, FIXED_NOW)).rejects.toBeInstanceOf(RecordChanged);
    expect((await viewPerson(use(), lead, id)).person).toMatchObject({ aliases: 'M-Dog, Marl', dateOfBirth: '1994-02-14', version: 2 });
    expect((await listPersons(use(), officer, 'marl')).persons.map((p) => p.name)).toEqual(['Person Known As Marlow']);
    expect((await auditsAbout(use(), id)).map((a) => a.action).sort()).toEqual(['person.created', 'person.updated', 'person.viewed']);
  });
});
