/** Optimistic concurrency and the one-open-incident rule, as the incident services meet the database. */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { incidentChanges, incidents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { DomainRuleBroken } from '../../src/modules/errors.ts';
import { saveIncidentEdit } from '../../src/modules/missing/incident.repository.ts';
import { IncidentChanged, markFound, regradeRisk } from '../../src/modules/missing/incident.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference } from '../fixtures/records.ts';
import { endedOn, newChild, notify } from '../route/children-support.ts';

describeEachDatabase('Incident edits and versions', (use) => {
  let officer: Actor;
  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
  });

  it('moves the version on with every change and refuses an edit made from an older version', async () => {
    const { incidentId, reference } = await notify(use());
    await regradeRisk(use(), officer, incidentId, { version: 1, riskGrade: 'high', reason: '' }, FIXED_NOW);
    await regradeRisk(use(), officer, incidentId, { version: 2, riskGrade: 'low', reason: 'Found to be with family' }, FIXED_NOW);
    await expect(regradeRisk(use(), officer, incidentId, { version: 2, riskGrade: 'medium', reason: '' }, FIXED_NOW)).rejects.toBeInstanceOf(IncidentChanged);
    expect(await incidentByReference(use(), reference)).toMatchObject({ version: 3, riskGrade: 'low', initialRiskGrade: 'medium' });
    const history = await use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, incidentId)));
    expect(history.map((h) => `${h.oldValue}→${h.newValue}`)).toEqual(['medium→high', 'high→low']);
  });

  it('lets only one of two simultaneous edits from the same version through', async () => {
    const { incidentId, reference } = await notify(use());
    const found = { foundAt: '21/11/2026 09:00', foundLocation: 'Home', foundPostcode: '', foundBy: 'Returned without help', harm: 'none', harmNotes: '' };
    const results = await Promise.allSettled([
      markFound(use(), officer, incidentId, { ...found, version: 1 }, FIXED_NOW),
      regradeRisk(use(), officer, incidentId, { version: 1, riskGrade: 'high', reason: '' }, FIXED_NOW),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await incidentByReference(use(), reference))?.version).toBe(2);
  });

  it('turns the database’s one-open-incident index into a clear message, never a crash', async () => {
    const child = newChild();
    const earlier = await notify(use(), { child, cells: endedOn('2026-10-01') });
    await notify(use(), { child });
    // Straight to the save, past the service's own check, as a race with another request would be.
    const attempt = use().transaction((tx) => saveIncidentEdit(tx, { id: earlier.incidentId, expectedVersion: 1, patch: { foundAt: null }, changes: [] }));
    await expect(attempt).rejects.toBeInstanceOf(DomainRuleBroken);
    await expect(attempt).rejects.toThrow('already has an open missing incident');
    const [row] = await use().read((q) => q.select().from(incidents).where(eq(incidents.id, earlier.incidentId)));
    expect(row?.foundAt).not.toBeNull();
  });
});
