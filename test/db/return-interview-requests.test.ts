/**
 * Return home interviews are requested automatically when an incident ends, whichever way it ends (marked
 * found, a police file, a notification of a child already found), exactly once; the demo's history batch;
 * SSD values derived from what is stored.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { agencies, auditEvents, authorities, returnInterviews } from '../../src/db/schema.ts';
import { systemActor, type Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { markFound, regradeRisk } from '../../src/modules/missing/incident.service.ts';
import { recordReturnInterviewHistory } from '../../src/modules/return-interviews/history.service.ts';
import { RHI_OUTCOMES } from '../../src/modules/return-interviews/outcomes.ts';
import type { RhiForm } from '../../src/modules/return-interviews/record-form.ts';
import { ssdRhiForIncident } from '../../src/modules/return-interviews/return-interview.repository.ts';
import { recordReturnInterview } from '../../src/modules/return-interviews/return-interviews.service.ts';
import { FIXED_NOW, notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notify } from '../route/children-support.ts';
import { endedIncident, foundHoursAgo, interviewsOf } from '../route/return-interview-support.ts';

const BLANK: RhiForm = {
  offeredAt: '', offerMethod: '', offeredBy: '', offeredByIndependent: '', outcome: '', notAttemptedReason: '', completedAt: '',
  factors: [], notes: '', risks: [], whereStayed: '', stayedWith: '', childWords: '', actions: [], providerAgencyId: '', workerUserId: '', sendToMissingOfficer: false,
};

describeEachDatabase('Return interviews are requested when incidents end', (use) => {
  let officer: Actor;
  let charityId: string;

  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
    const [charity] = await use().read((q) => q.select().from(agencies).where(and(eq(agencies.authorityCode, '891'), eq(agencies.kind, 'charity'))));
    charityId = charity?.id ?? '';
  });

  const requestedAudit = (rhiId: string) =>
    use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'return-interview.requested'), eq(auditEvents.subjectId, rhiId))));

  it('requests exactly one, from the found time, when a child is marked found', async () => {
    const { incidentId, childId } = await notify(use());
    expect(await interviewsOf(use(), incidentId)).toHaveLength(0);
    await markFound(use(), officer, incidentId, { version: 1, foundAt: '21/11/2026 09:30', foundLocation: 'A friend’s house', foundPostcode: '', foundBy: 'Police', harm: 'none', harmNotes: '' }, FIXED_NOW);
    await regradeRisk(use(), officer, incidentId, { version: 2, riskGrade: 'high', reason: 'Later information' }, FIXED_NOW);
    const rhis = await interviewsOf(use(), incidentId);
    expect(rhis).toHaveLength(1);
    expect(rhis[0]).toMatchObject({ childId, authorityCode: '891', providerAgencyId: charityId, outcome: null, requestedAt: FIXED_NOW, returnedAt: new Date('2026-11-21T09:30:00Z') });
    expect(await requestedAudit(rhis[0]?.id ?? '')).toMatchObject([{ childId, details: expect.objectContaining({ incidentId }) }]);
  });

  it('requests one for a file row with a found time, and nothing new when the same file comes again', async () => {
    const files = await tempFolder();
    const cells = notificationCells(foundHoursAgo(30));
    const path = await files.write('found.csv', toCsv([cells, notificationCells()]));
    await importNotificationFile(use(), officer, { path, now: FIXED_NOW });
    const incident = await incidentByReference(use(), cells.police_reference);
    const first = await interviewsOf(use(), incident?.id ?? '');
    expect(first).toHaveLength(1);
    const count = async () => (await use().read((q) => q.select({ n: sql<number>`count(*)::int` }).from(returnInterviews)))[0]?.n;
    const auditCount = async () => (await use().read((q) => q.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, 'return-interview.requested'))))[0]?.n;
    const [before, auditBefore] = [await count(), await auditCount()];
    const report = await importNotificationFile(use(), officer, { path, now: FIXED_NOW });
    expect(report.unchanged).toBe(2);
    expect([await count(), await auditCount()]).toEqual([before, auditBefore]);
    expect(await interviewsOf(use(), incident?.id ?? '')).toEqual(first);
    await files.cleanup();
  });

  it('requests one for a child reported to the authority already found', async () => {
    const { incidentId } = await notify(use(), { cells: foundHoursAgo(10) });
    const rhis = await interviewsOf(use(), incidentId);
    expect(rhis).toHaveLength(1);
    expect(rhis[0]?.returnedAt.toISOString()).toBe('2026-11-21T02:00:00.000Z');
  });

  it('assigns the provider the authority chose, else its charity, else its family service', async () => {
    const cityAgencies = await use().read((q) => q.select().from(agencies).where(eq(agencies.authorityCode, '892')));
    const family = cityAgencies.find((a) => a.kind === 'local_authority');
    const charity = cityAgencies.find((a) => a.kind === 'charity');
    const first = await endedIncident(use(), 5, { authority: '892' });
    expect((await interviewsOf(use(), first.incidentId))[0]?.providerAgencyId).toBe(charity?.id);
    await use().transaction((tx) => tx.update(authorities).set({ settings: { rhiProviderAgencyId: family?.id } }).where(eq(authorities.code, '892')));
    const second = await endedIncident(use(), 5, { authority: '892' });
    await use().transaction((tx) => tx.update(authorities).set({ settings: {} }).where(eq(authorities.code, '892')));
    expect((await interviewsOf(use(), second.incidentId))[0]?.providerAgencyId).toBe(family?.id);
  });

  it('gives the SSD offered/accepted values from the stored interview', async () => {
    const missing = await notify(use());
    expect(await use().read((q) => ssdRhiForIncident(q, missing.incidentId))).toEqual({ offered: null, accepted: null });
    const completed = await endedIncident(use(), 50);
    expect(await use().read((q) => ssdRhiForIncident(q, completed.incidentId))).toEqual({ offered: null, accepted: null });
    const offer = { offeredAt: '20/11/2026 09:00', offerMethod: 'phone', offeredBy: 'R. Worker', offeredByIndependent: 'yes' };
    await recordReturnInterview(use(), officer, completed.rhiId, { version: 1, form: { ...BLANK, ...offer, outcome: 'completed', completedAt: '20/11/2026 16:00' } }, FIXED_NOW);
    expect(await use().read((q) => ssdRhiForIncident(q, completed.incidentId))).toEqual({ offered: 'Y', accepted: 'Y' });
    const declined = await endedIncident(use(), 50);
    await recordReturnInterview(use(), officer, declined.rhiId, { version: 1, form: { ...BLANK, ...offer, outcome: 'declined' } }, FIXED_NOW);
    expect(await use().read((q) => ssdRhiForIncident(q, declined.incidentId))).toEqual({ offered: 'Y', accepted: 'N' });
    const notAttempted = await endedIncident(use(), 50);
    await recordReturnInterview(use(), officer, notAttempted.rhiId, { version: 1, form: { ...BLANK, outcome: 'not_attempted', notAttemptedReason: 'Placed out of area' } }, FIXED_NOW);
    expect(await use().read((q) => ssdRhiForIncident(q, notAttempted.incidentId))).toEqual({ offered: 'N', accepted: 'NA' });
  });

  it('records the demo history in one batch for returns over 14 days old, leaving recent ones open', async () => {
    const old = [];
    for (let i = 0; i < 12; i++) old.push(await endedIncident(use(), 24 * 15 + i * 7, { authority: '892' }));
    const recent = await endedIncident(use(), 24 * 13, { authority: '892' });
    const [police] = await use().read((q) => q.select().from(agencies).where(and(eq(agencies.authorityCode, '892'), eq(agencies.kind, 'police'))));
    const written = await use().transaction((tx) => recordReturnInterviewHistory(tx, systemActor('892', police?.id ?? ''), FIXED_NOW));
    expect(written).toBeGreaterThanOrEqual(12);
    for (const o of old) {
      const [rhi] = await interviewsOf(use(), o.incidentId);
      expect(RHI_OUTCOMES.map((c) => c.code)).toContain(rhi?.outcome);
      expect(rhi?.closedAt).not.toBeNull();
      expect(rhi?.completionMet).not.toBeNull();
      if (rhi?.outcome === 'completed') expect([rhi.childWords, rhi.whereStayed, rhi.sentToMissingOfficerAt]).not.toContain(null);
      if (rhi?.outcome === 'not_attempted') expect(rhi.notAttemptedReason).toBeTruthy();
    }
    expect((await interviewsOf(use(), recent.incidentId))[0]?.outcome).toBeNull();
  });
});
