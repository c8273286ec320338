/**
 * Restricted records: once the data protection officer restricts a child's record to named people, nobody else
 * opens it (child record, incident, exploitation records, break-glass), finds it in a search, or sees the name on
 * the board; the named people still do; lifting the restriction opens it again.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { breakGlass } from '../../src/modules/access/break-glass.service.ts';
import { RecordRestricted } from '../../src/modules/access/restriction.ts';
import { liftRestriction, restrictionPage, restrictRecord } from '../../src/modules/access/restriction.service.ts';
import { viewChildRecord } from '../../src/modules/children/child-record.service.ts';
import { searchChildren } from '../../src/modules/children/child-search.service.ts';
import { Forbidden, ValidationFailed } from '../../src/modules/errors.ts';
import { needToKnowBasis } from '../../src/modules/exploitation/need-to-know.ts';
import { missingNow } from '../../src/modules/missing/dashboard.service.ts';
import { viewIncident } from '../../src/modules/missing/incident.service.ts';
import { FIXED_NOW, newChild } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notify } from '../route/children-support.ts';
import { foundHoursAgo, interviewsOf } from '../route/return-interview-support.ts';
import { returnInterviewWorklist, viewReturnInterview } from '../../src/modules/return-interviews/return-interviews.service.ts';

describeEachDatabase('Restricted records', (use) => {
  let dpo: Actor;
  let officer: Actor;
  let worker: Actor;
  let lead: Actor;
  beforeAll(async () => {
    dpo = await actorOf(use(), 'admin');
    officer = await actorOf(use(), 'missing_officer');
    worker = await actorOf(use(), 'social_worker');
    lead = await actorOf(use(), 'exploitation_lead');
  });

  it('closes the record to everyone but the people named, and opens it again when lifted', async () => {
    const child = newChild();
    const { childId, incidentId } = await notify(use(), { child });
    await restrictRecord(use(), dpo, childId, { reason: 'A member of staff’s child', userIds: [officer.id] }, FIXED_NOW);

    await expect(viewChildRecord(use(), worker, childId, FIXED_NOW)).rejects.toBeInstanceOf(RecordRestricted);
    await expect(viewIncident(use(), worker, incidentId)).rejects.toBeInstanceOf(RecordRestricted);
    expect(await viewChildRecord(use(), officer, childId, FIXED_NOW)).toMatchObject({ kind: 'record' });

    const search = `${child.forename} ${child.surname}`;
    expect((await searchChildren(use(), worker, search, FIXED_NOW))?.children.map((c) => c.id)).toEqual([]);
    expect((await searchChildren(use(), officer, search, FIXED_NOW))?.children.map((c) => c.id)).toEqual([childId]);

    const boardRow = async (actor: Actor) => (await missingNow(use(), actor, FIXED_NOW)).open.find((r) => r.incidentId === incidentId);
    expect(await boardRow(worker)).toMatchObject({ forename: 'Restricted', surname: 'record' });
    expect(await boardRow(officer)).toMatchObject({ forename: child.forename, surname: child.surname });

    // Not even an exploitation lead, nor break-glass.
    expect(await use().read((q) => needToKnowBasis(q, lead, childId))).toBeNull();
    await expect(breakGlass(use(), worker, childId, 'An emergency out of hours and nobody named can be reached', new Date())).rejects.toBeInstanceOf(RecordRestricted);

    await liftRestriction(use(), dpo, childId);
    expect(await viewChildRecord(use(), worker, childId, FIXED_NOW)).toMatchObject({ kind: 'record' });
    expect(await use().read((q) => needToKnowBasis(q, lead, childId))).toBe('exploitation lead');
  });

  it('hides the name on the return interview worklist and closes the interview page to anyone not named', async () => {
    const child = newChild();
    const { childId, incidentId } = await notify(use(), { child, cells: foundHoursAgo(20) });
    const [rhi] = await interviewsOf(use(), incidentId);
    const rhiId = rhi?.id ?? '';
    const rhiWorker = await actorOf(use(), 'rhi_worker');
    await restrictRecord(use(), dpo, childId, { reason: 'A member of staff’s child', userIds: [officer.id] }, FIXED_NOW);
    const row = async (actor: Actor) => (await returnInterviewWorklist(use(), actor, FIXED_NOW)).rows.find((r) => r.id === rhiId);
    expect(await row(rhiWorker)).toMatchObject({ forename: 'Restricted', surname: 'record' });
    expect(await row(officer)).toMatchObject({ forename: child.forename, surname: child.surname });
    await expect(viewReturnInterview(use(), rhiWorker, rhiId, FIXED_NOW)).rejects.toBeInstanceOf(RecordRestricted);
  });

  it('is for the data protection officer only, needs a reason and a named person', async () => {
    const { childId } = await notify(use());
    await expect(restrictRecord(use(), officer, childId, { reason: 'x', userIds: [officer.id] }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(restrictRecord(use(), dpo, childId, { reason: ' ', userIds: [] }, FIXED_NOW)).rejects.toBeInstanceOf(ValidationFailed);
    await expect(restrictRecord(use(), dpo, childId, { reason: 'Staff member’s child', userIds: ['not-a-user'] }, FIXED_NOW)).rejects.toBeInstanceOf(ValidationFailed);
    await restrictRecord(use(), dpo, childId, { reason: 'Staff member’s child', userIds: [officer.id, worker.id] }, FIXED_NOW);
    const page = await restrictionPage(use(), dpo, childId);
    expect(page.restriction?.reason).toBe('Staff member’s child');
    expect([...page.named].sort()).toEqual([officer.id, worker.id].sort());
  });
});
