/**
 * A child with something in (nearly) every part of the record, for retention and subject access tests. Incidents go
 * through the intake service (so the return interview, alerts and audit rows are the real ones); the rest is
 * written straight into its tables, as each area's services store it (the migrations are the contract). All names
 * are invented.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { queryRows } from '../../src/db/database.ts';
import {
  alerts, children, emailOutbox, incidentChanges, incidents, locationLinks, meetingDecisions, meetingRequestIncidents, meetingRequests, panelMonitoring, personLinks,
  philomenaPhotos, philomenaProfiles, possibleMatches, returnInterviewFactors, returnInterviewRisks, returnInterviews, riskAssessmentIndicators, riskAssessments, tasks,
} from '../../src/db/schema.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import { ensurePanels } from '../../src/modules/exploitation/panels-setup.ts';
import { publicTables } from '../../src/modules/backup/tables.ts';
import { tinyPng } from '../fixtures/philomena-images.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW, newChild, notify } from '../route/children-support.ts';
import { foundHoursAgo, interviewsOf } from '../route/return-interview-support.ts';
import { addConcern, addLocation, addPerson } from './locations-support.ts';

export { FIXED_NOW };

/** A table a later migration might add: notes on incidents. The graph must follow it without being told. */
export const THROWAWAY_TABLE = 'retention_test_incident_notes';

export async function addThrowawayTable(db: Database): Promise<void> {
  await db.execScript(`CREATE TABLE IF NOT EXISTS ${THROWAWAY_TABLE} (id uuid PRIMARY KEY, incident_id uuid NOT NULL REFERENCES incidents(id), note text NOT NULL)`);
}

export interface RichChild {
  childId: string;
  incidentId: string;
  openIncidentId: string;
  rhiId: string;
  duplicateId: string;
  alertId: string;
  escalationId: string;
  photoId: number;
  locationId: string;
  personId: string;
  noteId: string;
}

/** A duplicate record of the same child, merged into them, with an incident of its own. */
async function mergedDuplicate(db: Database, childId: string, dateOfBirth: string): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(children).values({ id, authorityCode: '891', forename: 'Aly', surname: 'Duplicate', forenameNorm: 'aly', surnameNorm: 'duplicate', dateOfBirth, mergedInto: childId });
    await tx.insert(incidents).values({
      id: randomUUID(), authorityCode: '891', childId: id, policeReference: `DUP-${id.slice(0, 8)}`, reportedAt: new Date('2025-01-02T10:00:00Z'), notifiedAt: new Date('2025-01-02T11:00:00Z'),
      lastSeenAt: new Date('2025-01-02T08:00:00Z'), foundAt: new Date('2025-01-03T08:00:00Z'), riskGrade: 'low', initialRiskGrade: 'low', reportedMissingFrom: 'home', classification: 'home',
    });
  });
  return id;
}

/** An alert about the child, its escalation to a manager (naming no child) and the escalation's e-mail. */
async function alertAndEscalation(db: Database, childId: string, incidentId: string): Promise<{ alertId: string; escalationId: string }> {
  const alertId = randomUUID();
  const escalationId = randomUUID();
  const common = { authorityCode: '891', rule: 'A test rule', facts: ['A fact'], link: `/incidents/${incidentId}`, raisedAt: FIXED_NOW, audienceRole: 'missing_officer', audienceLabel: 'Missing officers' };
  await db.transaction(async (tx) => {
    await tx.insert(alerts).values({ ...common, id: alertId, kind: 'rhi_overdue', dedupeKey: `test:${alertId}`, childId, subjectType: 'incident', subjectId: incidentId, escalatedAt: FIXED_NOW });
    await tx.insert(alerts).values({ ...common, id: escalationId, kind: 'escalation', dedupeKey: `test:${escalationId}`, childId: null, subjectType: 'alert', subjectId: alertId, audienceRole: 'manager', escalatesAlertId: alertId });
    await tx.insert(emailOutbox).values({ id: randomUUID(), alertId: escalationId, toAddress: 'manager@county.example', subject: 'An alert', body: 'Open Homeward', linkPath: '/alerts', messageId: `<${escalationId}@test>`, nextAttemptAt: FIXED_NOW, createdAt: FIXED_NOW });
  });
  return { alertId, escalationId };
}

/** Everything of the child's: see the file's comment. `possibleMatchWith` is another child the police record may be. */
export async function richChild(db: Database, options: { possibleMatchWith?: string } = {}): Promise<RichChild> {
  const child = newChild();
  const ended = await notify(db, { child, cells: foundHoursAgo(30) });
  const open = await notify(db, { child, cells: { risk_grade: 'high' } });
  const [rhi] = await interviewsOf(db, ended.incidentId);
  if (!rhi || open.childId !== ended.childId) throw new Error('the rich child fixture did not link as expected');
  const childId = ended.childId;
  const worker = await actorOf(db, 'social_worker');
  const officer = await actorOf(db, 'missing_officer');
  await recordCareStatus(db, officer, childId, { status: 'own_care', startsOn: '01/11/2026', placement: 'Oak House', outOfArea: 'no', responsibleAuthority: '' }, FIXED_NOW);
  const locationId = await addLocation(db, worker, { name: 'Flat above the shop', address: '1 Example Row', kind: 'address_of_concern' });
  const personId = await addPerson(db, worker, 'Person Known As Quill');
  const concernId = await addConcern(db, childId, '2026-11-01');
  const meetingId = randomUUID();
  const assessmentId = randomUUID();
  const noteId = randomUUID();
  const photoId = await db.transaction(async (tx) => {
    await tx.update(returnInterviews).set({ stayedWith: 'A friend called Sam Example', whereStayed: 'At a friend’s flat' }).where(eq(returnInterviews.id, rhi.id));
    await tx.insert(incidentChanges).values({ incidentId: open.incidentId, changedByUser: officer.id, source: 'regrade', field: 'risk_grade', oldValue: 'medium', newValue: 'high', reason: 'Seen with older men' });
    await tx.insert(returnInterviewFactors).values({ returnInterviewId: rhi.id, code: 'peers' });
    await tx.insert(returnInterviewRisks).values({ returnInterviewId: rhi.id, code: 'criminal_exploitation' });
    await tx.insert(meetingRequests).values({ id: meetingId, authorityCode: '891', childId, requestedFor: FIXED_NOW, explanation: 'Missing four times', rule: '3 in 90 days' });
    await tx.insert(meetingRequestIncidents).values({ meetingRequestId: meetingId, incidentId: ended.incidentId });
    await tx.insert(meetingDecisions).values({ id: randomUUID(), meetingRequestId: meetingId, decision: 'Refer to the panel' });
    await tx.insert(tasks).values({ id: randomUUID(), authorityCode: '891', kind: 'notify_responsible_authority', childId, incidentId: open.incidentId, description: 'Tell the placing authority' });
    await tx.insert(philomenaProfiles).values({ childId, authorityCode: '891', hair: 'Brown', associates: 'Jay, an older friend' });
    const [photo] = await tx.insert(philomenaPhotos).values({ childId, authorityCode: '891', contentType: 'image/png', bytes: tinyPng(), takenOn: '2026-10-01', uploadedAt: FIXED_NOW }).returning({ id: philomenaPhotos.id });
    await tx.insert(riskAssessments).values({ id: assessmentId, authorityCode: '891', childId, concernId, definitionVersion: 'test-1', startedAt: FIXED_NOW, startedBy: worker.id });
    await tx.insert(riskAssessmentIndicators).values({ assessmentId, indicator: 'missing', answer: 'present' });
    await tx.insert(locationLinks).values({ id: randomUUID(), locationId, childId, createdBy: worker.id });
    await tx.insert(personLinks).values({ id: randomUUID(), personId, incidentId: ended.incidentId, note: 'Found with him at the station', createdBy: worker.id });
    const panels = await ensurePanels(tx, '891');
    await tx.insert(panelMonitoring).values({ id: randomUUID(), panelId: panels.fmh, childId, addedOn: '2026-11-01', addedReason: 'Missing often', addedBy: worker.id });
    if (options.possibleMatchWith) {
      await tx.insert(possibleMatches).values({ id: randomUUID(), authorityCode: '891', childId: options.possibleMatchWith, candidateChildId: childId, reason: 'Same surname, date of birth a day apart' });
    }
    await tx.execute(sql`INSERT INTO ${sql.identifier(THROWAWAY_TABLE)} (id, incident_id, note) VALUES (${noteId}, ${ended.incidentId}, 'A note kept in a table added later')`);
    return photo?.id ?? 0;
  });
  const { alertId, escalationId } = await alertAndEscalation(db, childId, ended.incidentId);
  const duplicateId = await mergedDuplicate(db, childId, child.date_of_birth);
  return { childId, incidentId: ended.incidentId, openIncidentId: open.incidentId, rhiId: rhi.id, duplicateId, alertId, escalationId, photoId, locationId, personId, noteId };
}

/** Row counts of every table in the database, by name. */
export async function everyTableCount(db: Database): Promise<Record<string, number>> {
  return db.read(async (q) => {
    const counts: Record<string, number> = {};
    for (const t of await publicTables(q)) {
      const [row] = await queryRows<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM ${sql.identifier(t.name)}`);
      counts[t.name] = row?.n ?? 0;
    }
    return counts;
  });
}

/** A child written as a row with a given date of birth (the intake only takes children of today's ages). */
export async function childBornOn(db: Database, dateOfBirth: string, options: { lookedAfter?: boolean; authorityCode?: string } = {}): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(children).values({ id, authorityCode: options.authorityCode ?? '891', forename: 'Robin', surname: `Oldrecord${id.slice(0, 6)}`, forenameNorm: 'robin', surnameNorm: `oldrecord${id.slice(0, 6)}`, dateOfBirth });
    if (options.lookedAfter) {
      await tx.execute(sql`INSERT INTO care_periods (id, authority_code, child_id, status, starts_at, placement) VALUES (${randomUUID()}, ${options.authorityCode ?? '891'}, ${id}, 'own_care', '2008-01-01T00:00:00Z', 'A children''s home')`);
    }
  });
  return id;
}
