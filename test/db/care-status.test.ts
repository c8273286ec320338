/** recordCareStatus: UK dates, no back-dating before the current period, previous period closed, audited. */
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents, carePeriods } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { notify } from '../route/children-support.ts';

const blank = { placement: '', outOfArea: 'no', responsibleAuthority: '' };

describeEachDatabase('Care status service', (use) => {
  let officer: Actor;
  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
  });

  const periodsOf = (childId: string) => use().read((q) => q.select().from(carePeriods).where(eq(carePeriods.childId, childId)).orderBy(asc(carePeriods.startsAt)));

  it('starts a period at midnight UK time on the date given, closing the one before', async () => {
    const { childId } = await notify(use());
    await recordCareStatus(use(), officer, childId, { ...blank, status: 'home', startsOn: '01/03/2026' }, FIXED_NOW);
    await recordCareStatus(use(), officer, childId, { ...blank, status: 'own_care', startsOn: '2026-07-15', placement: 'Birch Lodge' }, FIXED_NOW);
    const periods = await periodsOf(childId);
    expect(periods.map((p) => [p.status, p.startsAt.toISOString(), p.endsAt?.toISOString() ?? null])).toEqual([
      ['home', '2026-03-01T00:00:00.000Z', '2026-07-14T23:00:00.000Z'],
      ['own_care', '2026-07-14T23:00:00.000Z', null],
    ]);
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.childId, childId), eq(auditEvents.action, 'care-status.recorded'))));
    expect(audit.map((a) => a.details?.status)).toEqual(['home', 'own_care']);
  });

  it('refuses a start on or before the current period started, and the same status again', async () => {
    const { childId } = await notify(use());
    await recordCareStatus(use(), officer, childId, { ...blank, status: 'home', startsOn: '01/06/2026' }, FIXED_NOW);
    await expect(recordCareStatus(use(), officer, childId, { ...blank, status: 'own_care', startsOn: '01/06/2026' }, FIXED_NOW)).rejects.toThrow('The date must be after 01/06/2026');
    await expect(recordCareStatus(use(), officer, childId, { ...blank, status: 'home', startsOn: '01/08/2026' }, FIXED_NOW)).rejects.toThrow('already recorded as "At home"');
    expect(await periodsOf(childId)).toHaveLength(1);
  });

  it('gives every problem with the form at once', async () => {
    const { childId } = await notify(use());
    const error = await recordCareStatus(use(), officer, childId, { ...blank, status: 'ola_care', startsOn: 'next week' }, FIXED_NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).problems.map((p) => p.field)).toEqual(['startsOn', 'responsibleAuthority']);
  });

  it('keeps placement details only for a looked-after child', async () => {
    const { childId } = await notify(use());
    await recordCareStatus(use(), officer, childId, { status: 'home', startsOn: '01/06/2026', placement: 'Typed by mistake', outOfArea: 'yes', responsibleAuthority: 'Someone' }, FIXED_NOW);
    expect(await periodsOf(childId)).toMatchObject([{ status: 'home', placement: null, outOfArea: false, responsibleAuthority: null }]);
  });

  it('is refused to the police and to another authority', async () => {
    const { childId } = await notify(use());
    await expect(recordCareStatus(use(), await actorOf(use(), 'police'), childId, { ...blank, status: 'home', startsOn: '01/06/2026' }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(recordCareStatus(use(), await actorOf(use(), 'missing_officer', '892'), childId, { ...blank, status: 'home', startsOn: '01/06/2026' }, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });
});
