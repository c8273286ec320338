/**
 * Test data for panels, pen pictures and One Plans. Concerns, risk assessments and exploitation meetings are
 * another area's records: they are written here straight into their tables (the migration is the contract),
 * as that area's services would store them. Children and incidents go through the intake service.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import {
  agencies, childAllocations, children, exploitationConcerns, exploitationMeetingAttendance, exploitationMeetings, riskAssessmentIndicators,
  riskAssessmentJudgements, riskAssessments,
} from '../../src/db/schema.ts';
import type { Actor, Role } from '../../src/modules/access/actor.ts';
import { actorForUser, addUser } from '../../src/modules/users/users.service.ts';
import { ensurePanels, type PanelKind } from '../../src/modules/exploitation/panels-setup.ts';
import { actorOf } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, newChild, notify, type Recorded } from '../route/children-support.ts';

export { FIXED_NOW };

export async function panelIds(db: Database, authorityCode = '891'): Promise<Record<PanelKind, string>> {
  return db.transaction((tx) => ensurePanels(tx, authorityCode));
}

export async function agencyId(db: Database, kind: string, authorityCode = '891'): Promise<string> {
  const rows = await db.read((q) => q.select().from(agencies).where(eq(agencies.authorityCode, authorityCode)));
  const found = rows.find((a) => a.kind === kind);
  if (!found) throw new Error(`no ${kind} agency in ${authorityCode}`);
  return found.id;
}

/** A new child with one ended incident (sent by the police force when `role` is police), on `day`. */
export async function aChild(db: Database, options: { day?: string; role?: Role; authority?: '891' | '892' } = {}): Promise<Recorded> {
  return notify(db, { role: options.role ?? 'police', authority: options.authority ?? '891', cells: endedOn(options.day ?? '2026-06-01') });
}

/** A new child missing on each of `days` (one child, several incidents, linked by the LA child id). */
export async function childMissingOn(db: Database, days: string[]): Promise<string> {
  const child = newChild();
  const la = `LA-${randomUUID().slice(0, 8)}`;
  let childId = '';
  for (const day of days) childId = (await notify(db, { role: 'police', child, cells: endedOn(day, { la_child_id: la }) })).childId;
  return childId;
}

async function authorityOf(db: Database, childId: string): Promise<string> {
  const [row] = await db.read((q) => q.select({ code: children.authorityCode }).from(children).where(eq(children.id, childId)));
  if (!row) throw new Error(`no child ${childId}`);
  return row.code;
}

export async function raiseConcern(db: Database, childId: string, o: { identifiedOn: string; types: string[]; source?: string; raisedByRole?: Role }): Promise<string> {
  const authorityCode = await authorityOf(db, childId);
  const actor = await actorOf(db, o.raisedByRole ?? 'social_worker', authorityCode === '892' ? '892' : '891');
  const id = randomUUID();
  await db.transaction((tx) => tx.insert(exploitationConcerns).values({
    id, authorityCode, childId, source: o.source ?? 'casework', identifiedOn: o.identifiedOn, types: o.types,
    whatWasSeen: 'Seen getting into a car with older men near the bus station', seenBy: 'Youth worker', raisedBy: actor.id, raisedByAgencyId: actor.agencyId,
  }));
  return id;
}

export interface AssessmentSeed {
  completedAt: Date;
  judgements: Record<string, 'none' | 'low' | 'medium' | 'high'>;
  indicators?: Record<string, 'present' | 'not_known' | 'not_present'>;
  reviewOn?: string;
  cinFactors?: string[];
}

/** A completed combined assessment (definition ceera-2024.1) with judgements and indicator answers. */
export async function completedAssessment(db: Database, childId: string, seed: AssessmentSeed): Promise<string> {
  const authorityCode = await authorityOf(db, childId);
  const worker = await actorOf(db, 'social_worker', authorityCode === '892' ? '892' : '891');
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(riskAssessments).values({
      id, authorityCode, childId, definitionVersion: 'ceera-2024.1', status: 'completed', narrative: 'Narrative of the concerns.',
      reviewOn: seed.reviewOn ?? null, cinFactors: seed.cinFactors ?? [], startedAt: new Date(seed.completedAt.getTime() - 86_400_000), startedBy: worker.id,
      completedAt: seed.completedAt, completedBy: worker.id,
    });
    await tx.insert(riskAssessmentJudgements).values(Object.entries(seed.judgements).map(([type, level]) => ({ assessmentId: id, type, level, reasons: `Reasons for ${type}: ${level}` })));
    const answers = Object.entries(seed.indicators ?? {});
    if (answers.length) await tx.insert(riskAssessmentIndicators).values(answers.map(([indicator, answer]) => ({ assessmentId: id, indicator, answer })));
  });
  return id;
}

export async function exploitationMeeting(db: Database, childId: string, o: { kind: string; heldOn: string; attended: string[] }): Promise<void> {
  const worker = await actorOf(db, 'social_worker');
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(exploitationMeetings).values({ id, authorityCode: '891', childId, kind: o.kind, types: ['sexual'], heldOn: o.heldOn, createdBy: worker.id });
    await tx.insert(exploitationMeetingAttendance).values(o.attended.map((agencyId) => ({ meetingId: id, agencyId, attended: true })));
  });
}

/** Allocates the child to the demo user with this role (their current allocated worker). */
export async function allocate(db: Database, childId: string, role: Role = 'social_worker'): Promise<void> {
  const worker = await actorOf(db, role);
  await db.transaction((tx) => tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId, userId: worker.id, allocatedAt: FIXED_NOW, allocatedBy: worker.id }));
}

/** An instant on a London date at noon (no clock change is near noon). */
export const noonOn = (day: string) => new Date(`${day}T12:00:00Z`);

/** A police user of a second force working in the county: it knows only the children its own force reported. */
export async function otherForcePolice(db: Database): Promise<Actor> {
  const name = `Neighbouring Constabulary ${randomUUID().slice(0, 6)}`;
  await db.transaction((tx) => tx.insert(agencies).values({ id: randomUUID(), authorityCode: '891', name, kind: 'police' }));
  const id = await addUser(db, null, { email: `officer.${randomUUID().slice(0, 8)}@neighbour.example`, displayName: 'Kit Ashdown', role: 'police', authorityCode: '891', agencyName: name, password: 'not-used-in-tests' }, { passwordHash: 'not-a-real-hash' });
  const actor = await actorForUser(db, id, 'test-other-force');
  if (!actor) throw new Error('no actor for the other force');
  return actor;
}

/** The child's name as pages show it. */
export async function childName(db: Database, childId: string): Promise<string> {
  const [row] = await db.read((q) => q.select({ forename: children.forename, surname: children.surname }).from(children).where(eq(children.id, childId)));
  return row ? `${row.forename} ${row.surname}` : '';
}
