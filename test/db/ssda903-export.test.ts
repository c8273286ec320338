/**
 * The statutory exports through their services, on PGlite and PostgreSQL: the 903 for one authority's
 * looked-after children, refused when a rule fails unless forced, audited; Annex A and ssd_missing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { auditEvents, carePeriods, children, incidents, returnInterviews } from '../../src/db/schema.ts';
import { Forbidden } from '../../src/modules/errors.ts';
import { exportAnnexA, exportSsdMissing } from '../../src/modules/exports/inspection-exports.service.ts';
import { exportSsda903 } from '../../src/modules/exports/ssda903/ssda903.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';

const NOW = new Date('2024-10-01T09:00:00Z');

interface ChildSpec {
  la: string;
  authority?: '891' | '892';
  dob: string;
  care?: { status: 'own_care' | 'ola_care'; from: string };
  incidents: { from: string; to: string | null; classification: string; grade?: string; rhi?: 'completed' }[];
}

async function addChild(db: Database, spec: ChildSpec): Promise<string> {
  const childId = randomUUID();
  const authorityCode = spec.authority ?? '891';
  await db.transaction(async (tx) => {
    await tx.insert(children).values({ id: childId, authorityCode, forename: 'Test', surname: `Child ${spec.la}`, forenameNorm: 'test', surnameNorm: `child ${spec.la.toLowerCase()}`, dateOfBirth: spec.dob, sex: 'female', laChildId: spec.la });
    if (spec.care) {
      await tx.insert(carePeriods).values({ id: randomUUID(), authorityCode, childId, status: spec.care.status, startsAt: new Date(spec.care.from), responsibleAuthority: spec.care.status === 'ola_care' ? 'Elsewhere Council' : null });
    }
    for (const [i, inc] of spec.incidents.entries()) {
      const id = randomUUID();
      const lastSeenAt = new Date(inc.from);
      const grade = inc.grade ?? 'medium';
      await tx.insert(incidents).values({
        id, authorityCode, childId, policeReference: `${spec.la}-${i}`, reportedAt: lastSeenAt, notifiedAt: lastSeenAt, lastSeenAt,
        foundAt: inc.to ? new Date(inc.to) : null, riskGrade: grade, initialRiskGrade: grade,
        reportedMissingFrom: inc.classification === 'home' ? 'home' : inc.classification === 'own_care' ? 'care' : 'ola care', classification: inc.classification,
      });
      if (inc.rhi && inc.to) {
        const returnedAt = new Date(inc.to);
        const done = new Date(returnedAt.getTime() + 86_400_000);
        await tx.insert(returnInterviews).values({ id: randomUUID(), authorityCode, incidentId: id, childId, requestedAt: returnedAt, returnedAt, offeredAt: returnedAt, outcome: 'completed', completedAt: done, closedAt: done });
      }
    }
  });
  return childId;
}

describeEachDatabase('Statutory exports', (use) => {
  beforeAll(async () => {
    const db = use();
    // 2023-24: a looked-after child of this authority, one placed here by another, one at home, one of the city.
    await addChild(db, { la: 'EXA1', dob: '2009-05-05', care: { status: 'own_care', from: '2022-01-01T00:00:00Z' }, incidents: [
      { from: '2023-06-01T10:00:00Z', to: '2023-06-03T10:00:00Z', classification: 'own_care', rhi: 'completed' },
      { from: '2023-09-01T10:00:00Z', to: '2023-09-01T15:00:00Z', classification: 'own_care', grade: 'no apparent risk' },
      { from: '2024-03-31T22:30:00Z', to: '2024-04-02T10:00:00Z', classification: 'own_care' },
    ] });
    await addChild(db, { la: 'EXB1', dob: '2008-02-02', care: { status: 'ola_care', from: '2022-01-01T00:00:00Z' }, incidents: [{ from: '2023-07-01T10:00:00Z', to: '2023-07-02T10:00:00Z', classification: 'ola_care' }] });
    await addChild(db, { la: 'EXC1', dob: '2010-03-03', incidents: [{ from: '2023-08-01T10:00:00Z', to: '2023-08-01T20:00:00Z', classification: 'home' }] });
    await addChild(db, { la: 'EXD1', authority: '892', dob: '2009-01-01', care: { status: 'own_care', from: '2022-01-01T00:00:00Z' }, incidents: [{ from: '2023-08-01T10:00:00Z', to: '2023-08-02T10:00:00Z', classification: 'own_care' }] });
    // 2019-20: two reports of the same child that overlap (rule 574).
    await addChild(db, { la: 'EXE1', dob: '2006-04-04', care: { status: 'own_care', from: '2019-01-01T00:00:00Z' }, incidents: [
      { from: '2019-06-01T10:00:00Z', to: '2019-06-10T10:00:00Z', classification: 'own_care' },
      { from: '2019-06-05T10:00:00Z', to: '2019-06-07T10:00:00Z', classification: 'own_care' },
    ] });
  });

  const audits = (action: string) => use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, action), like(auditEvents.correlationId, 'test-%'))));

  it('writes the Missing table of this authority’s looked-after children, with the Header and Episodes rows, and audits it', async () => {
    const officer = await actorOf(use(), 'missing_officer');
    const result = await exportSsda903(use(), officer, { year: 2024, force: false, previousMissing: null }, NOW);
    expect(result.failures).toEqual([]);
    const file = (name: string) => result.files.find((f) => f.name === name)?.content.split('\r\n');
    expect(file('missing.csv')).toEqual([
      'CHILD,DOB,MISSING,MIS_START,MIS_END',
      'EXA1,05/05/2009,M,01/06/2023,03/06/2023',
      'EXA1,05/05/2009,A,01/09/2023,01/09/2023',
      'EXA1,05/05/2009,M,31/03/2024,',
      '',
    ]);
    expect(file('header.csv')?.slice(0, 3)).toEqual(['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB', 'EXA1,2,05/05/2009,,,,', 'EXE1,2,04/04/2006,,,,']);
    expect(file('episodes.csv')?.[1]).toBe('EXA1,01/01/2022,S,,,,,,,,,,');
    expect(result.files.map((f) => f.name)).toEqual(['missing.csv', 'header.csv', 'episodes.csv', 'validation-report.csv']);
    expect(await audits('export.ssda903.produced')).toEqual([expect.objectContaining({ authorityCode: '891', details: expect.objectContaining({ year: 2024, missingRows: 3, failures: 0, forced: false }) })]);
  });

  it('refuses a return that fails a rule, listing the failure and writing nothing; --force writes it with the report', async () => {
    const officer = await actorOf(use(), 'missing_officer');
    const refused = await exportSsda903(use(), officer, { year: 2020, force: false, previousMissing: null }, NOW);
    expect(refused.files).toEqual([]);
    expect(refused.failures).toEqual([expect.objectContaining({ rule: '574', table: 'Missing', row: 2, child: 'EXE1' })]);
    expect(refused.failures[0]?.message).toBe('The episode starts on 01/06/2019, before another episode of this child (05/06/2019 to 07/06/2019, line 3) ended: episodes must not overlap.');
    expect(await audits('export.ssda903.refused')).toHaveLength(1);

    const forced = await exportSsda903(use(), officer, { year: 2020, force: true, previousMissing: null }, NOW);
    expect(forced.forced).toBe(true);
    expect(forced.files.find((f) => f.name === 'validation-report.csv')?.content).toContain('574,Missing,2,EXE1,');
    expect(forced.files.find((f) => f.name === 'missing.csv')?.rows).toBe(2);
  });

  it('gives Annex A List 8’s missing columns for the twelve months', async () => {
    const result = await exportAnnexA(use(), await actorOf(use(), 'missing_officer'), { asAt: '2024-03-31' }, NOW);
    expect(result.file.content.split('\r\n').slice(1)).toEqual(['EXA1,2,1,c) Unknown,c) Unknown', 'EXE1,0,0,,', '']);
  });

  it('gives ssd_missing for this authority’s children from home and care, not other authorities’', async () => {
    const result = await exportSsdMissing(use(), await actorOf(use(), 'missing_officer'), { years: 6 }, NOW);
    const rows = result.file.content.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(1));
    expect(rows).toEqual([
      ['EXE1', '2019-06-01 11:00:00', 'M', '2019-06-10 11:00:00', '', ''],
      ['EXE1', '2019-06-05 11:00:00', 'M', '2019-06-07 11:00:00', '', ''],
      ['EXA1', '2023-06-01 11:00:00', 'M', '2023-06-03 11:00:00', 'Y', 'Y'],
      ['EXC1', '2023-08-01 11:00:00', 'M', '2023-08-01 21:00:00', '', ''],
      ['EXA1', '2023-09-01 11:00:00', 'A', '2023-09-01 16:00:00', '', ''],
      ['EXA1', '2024-03-31 23:30:00', 'M', '2024-04-02 11:00:00', '', ''],
    ]);
  });

  it('is refused to the police, social workers and managers', async () => {
    for (const role of ['police', 'social_worker', 'manager'] as const) {
      const actor = await actorOf(use(), role);
      await expect(exportSsda903(use(), actor, { year: 2024, force: false, previousMissing: null }, NOW)).rejects.toBeInstanceOf(Forbidden);
      await expect(exportAnnexA(use(), actor, { asAt: '2024-03-31' }, NOW)).rejects.toBeInstanceOf(Forbidden);
      await expect(exportSsdMissing(use(), actor, { years: 6 }, NOW)).rejects.toBeInstanceOf(Forbidden);
    }
  });
});
