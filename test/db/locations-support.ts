/** Test data for locations and persons who may pose a risk: records made through the services, concerns and allocations as rows. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { agencies, auditEvents, childAllocations, districts, exploitationConcerns } from '../../src/db/schema.ts';
import type { Actor, Role } from '../../src/modules/access/actor.ts';
import type { LocationInput } from '../../src/modules/exploitation/location-forms.ts';
import { createLocation } from '../../src/modules/exploitation/locations.service.ts';
import { createPerson } from '../../src/modules/exploitation/persons.service.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';

export { FIXED_NOW };

export async function districtId(db: Database, name: string, authorityCode = '891'): Promise<number> {
  const [row] = await db.read((q) => q.select({ id: districts.id }).from(districts).where(and(eq(districts.authorityCode, authorityCode), eq(districts.name, name))));
  if (!row) throw new Error(`no district ${name}`);
  return row.id;
}

export async function agencyId(db: Database, kind: 'police' | 'local_authority', authorityCode = '891'): Promise<string> {
  const [row] = await db.read((q) => q.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.authorityCode, authorityCode), eq(agencies.kind, kind))));
  if (!row) throw new Error(`no ${kind} agency`);
  return row.id;
}

export async function addLocation(db: Database, actor: Actor, values: Partial<LocationInput> = {}): Promise<string> {
  return createLocation(db, actor, { name: 'Riverside Park', address: '', postcode: '', districtId: '', kind: 'park', notes: '', ...values }, FIXED_NOW);
}

export async function addPerson(db: Database, actor: Actor, name = 'Person Known As Vex'): Promise<string> {
  return createPerson(db, actor, { name, aliases: '', dateOfBirth: '', description: '', notes: '' }, FIXED_NOW);
}

/** An exploitation concern about the child, as a row (its own service belongs to another part of the record). */
export async function addConcern(db: Database, childId: string, identifiedOn: string, authorityCode = '891'): Promise<string> {
  const raiser = await actorOf(db, 'social_worker', authorityCode === '892' ? '892' : '891');
  const id = randomUUID();
  await db.transaction((tx) => tx.insert(exploitationConcerns).values({
    id, authorityCode, childId, source: 'casework', identifiedOn, types: ['criminal', 'county_lines'],
    whatWasSeen: 'Seen being driven to the area by an adult late at night', seenBy: 'Youth worker', raisedBy: raiser.id, raisedByAgencyId: raiser.agencyId,
  }));
  return id;
}

/** Makes the demo user with `role` the child's allocated worker: a need to know. */
export async function allocate(db: Database, childId: string, role: Role = 'social_worker'): Promise<void> {
  const worker = await actorOf(db, role);
  await db.transaction((tx) => tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId, userId: worker.id, allocatedAt: FIXED_NOW, allocatedBy: worker.id }));
}

export function auditsAbout(db: Database, subjectId: string) {
  return db.read((q) => q.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)));
}

export const EMPTY_LINK = { target: '', child: '', childId: '', reference: '', returnInterviewId: '', concernId: '', personId: '', note: '' };
