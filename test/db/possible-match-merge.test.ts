/** Merging a possible same child: everything moves in one transaction, or nothing does. */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents, carePeriods, incidents, possibleMatches, tasks } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import { DomainRuleBroken } from '../../src/modules/errors.ts';
import { decidePossibleMatch } from '../../src/modules/missing/possible-match.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { endedOn, newChild, notify } from '../route/children-support.ts';

const care = { placement: '', outOfArea: 'no', responsibleAuthority: '' };

describeEachDatabase('Possible same child: merge', (use) => {
  let officer: Actor;
  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
  });

  async function pair(newerCells: Record<string, string> = {}) {
    const child = newChild();
    const existing = await notify(use(), { child, cells: endedOn('2026-09-10') });
    const newer = await notify(use(), { child: { ...child, forename: `${child.forename}a` }, cells: newerCells });
    const [match] = await use().read((q) => q.select().from(possibleMatches).where(eq(possibleMatches.childId, newer.childId)));
    if (!match) throw new Error('no possible match');
    return { existing, newer, matchId: match.id };
  }

  it('refuses records whose care periods overlap, moving nothing', async () => {
    const { existing, newer, matchId } = await pair({ missing_from: 'ola care', responsible_authority: 'Eastvale' });
    await recordCareStatus(use(), officer, newer.childId, { ...care, status: 'ola_care', startsOn: '01/11/2026', responsibleAuthority: 'Eastvale' }, FIXED_NOW);
    await recordCareStatus(use(), officer, existing.childId, { ...care, status: 'home', startsOn: '01/01/2026' }, FIXED_NOW);
    // The existing record's period runs on, so the newer one's would overlap it: refused, nothing moved.
    await expect(decidePossibleMatch(use(), officer, matchId, 'confirm', FIXED_NOW)).rejects.toBeInstanceOf(DomainRuleBroken);
    expect(await use().read((q) => q.select().from(carePeriods).where(eq(carePeriods.childId, newer.childId)))).toHaveLength(1);
    expect((await use().read((q) => q.select().from(tasks).where(eq(tasks.childId, newer.childId))))).toHaveLength(1);
    const [match] = await use().read((q) => q.select().from(possibleMatches).where(eq(possibleMatches.id, matchId)));
    expect(match?.status).toBe('open');
  });

  it('moves incidents, tasks and care periods to the existing child, and audits both children', async () => {
    const { existing, newer, matchId } = await pair({ missing_from: 'ola care', responsible_authority: 'Eastvale' });
    await recordCareStatus(use(), officer, newer.childId, { ...care, status: 'ola_care', startsOn: '01/11/2026', responsibleAuthority: 'Eastvale' }, FIXED_NOW);
    const result = await decidePossibleMatch(use(), officer, matchId, 'confirm', FIXED_NOW);
    expect(result).toEqual({ decision: 'confirm', childId: existing.childId });
    const moved = await use().read((q) => q.select().from(incidents).where(eq(incidents.childId, existing.childId)));
    expect(moved.map((i) => i.id).sort()).toEqual([existing.incidentId, newer.incidentId].sort());
    expect(await use().read((q) => q.select().from(carePeriods).where(eq(carePeriods.childId, existing.childId)))).toMatchObject([{ status: 'ola_care', responsibleAuthority: 'Eastvale' }]);
    expect(await use().read((q) => q.select().from(tasks).where(eq(tasks.childId, existing.childId)))).toHaveLength(1);
    const audit = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'child.merged')));
    expect(audit.filter((a) => a.details?.mergedChildId === newer.childId).map((a) => a.childId).sort()).toEqual([existing.childId, newer.childId].sort());
  });
});
