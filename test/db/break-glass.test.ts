/**
 * Break-glass: without a need to know, a social worker may open a child's exploitation records only by giving a
 * reason; the access lasts an hour, alerts the data protection officer, and waits on the review list.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { alerts, auditEvents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { breakGlass, breakGlassReviewList, reviewBreakGlass } from '../../src/modules/access/break-glass.service.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import { assertNeedToKnow, NeedToKnowRequired, needToKnowBasis } from '../../src/modules/exploitation/need-to-know.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { actorOf } from '../fixtures/records.ts';
import { notify } from '../route/children-support.ts';

const REASON = 'Police called out of hours: the child is at A&E and the allocated worker cannot be reached';

describeEachDatabase('Break-glass access', (use) => {
  let worker: Actor;
  let dpo: Actor;
  let lead: Actor;
  beforeAll(async () => {
    worker = await actorOf(use(), 'social_worker');
    dpo = await actorOf(use(), 'admin');
    lead = await actorOf(use(), 'exploitation_lead');
  });
  const basisAt = (actor: Actor, childId: string, at: Date) => use().read((q) => needToKnowBasis(q, actor, childId, at));

  it('refuses a worker with no need to know, then lets them in for an hour once they give a reason', async () => {
    const { childId } = await notify(use());
    const now = new Date();
    await expect(use().read((q) => assertNeedToKnow(q, worker, childId, now))).rejects.toBeInstanceOf(NeedToKnowRequired);
    const { expiresAt } = await breakGlass(use(), worker, childId, REASON, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(60 * 60_000);
    expect(await basisAt(worker, childId, new Date(now.getTime() + 59 * 60_000))).toBe('break-glass');
    expect(await basisAt(worker, childId, new Date(now.getTime() + 61 * 60_000))).toBeNull();
    // Another child stays closed.
    const other = await notify(use());
    expect(await basisAt(worker, other.childId, now)).toBeNull();
  });

  it('needs a real reason, and is not for roles without break-glass', async () => {
    const { childId } = await notify(use());
    await expect(breakGlass(use(), worker, childId, '  need to see  ', new Date())).rejects.toBeInstanceOf(ValidationFailed);
    await expect(breakGlass(use(), lead, childId, REASON, new Date())).rejects.toBeInstanceOf(Forbidden);
    await expect(breakGlass(use(), dpo, childId, REASON, new Date())).rejects.toBeInstanceOf(Forbidden);
    await expect(breakGlass(use(), worker, '00000000-0000-4000-8000-000000000000', REASON, new Date())).rejects.toBeInstanceOf(NotFound);
  });

  it('alerts the data protection officer without naming the child, audits it, and lists it for one review', async () => {
    const { childId } = await notify(use());
    await breakGlass(use(), worker, childId, REASON, new Date());
    const raised = await use().read((q) => q.select().from(alerts).where(and(eq(alerts.kind, 'break_glass'), eq(alerts.audienceRole, 'admin'))));
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((a) => a.childId === null)).toBe(true);
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.childId, childId), eq(auditEvents.action, 'break-glass.granted'))));
    expect(audit).toHaveLength(1);

    const list = await breakGlassReviewList(use(), dpo, 1);
    const entry = list.entries.find((e) => e.childId === childId);
    expect(entry).toMatchObject({ reason: REASON, reviewedAt: null });
    expect(list.unreviewed).toBeGreaterThan(0);
    await expect(reviewBreakGlass(use(), dpo, entry!.id, { outcome: 'not_justified', note: '' }, new Date())).rejects.toBeInstanceOf(ValidationFailed);
    await reviewBreakGlass(use(), dpo, entry!.id, { outcome: 'justified', note: '' }, new Date());
    await expect(reviewBreakGlass(use(), dpo, entry!.id, { outcome: 'justified', note: '' }, new Date())).rejects.toBeInstanceOf(NotFound);
    await expect(breakGlassReviewList(use(), worker, 1)).rejects.toBeInstanceOf(Forbidden);
    const after = await breakGlassReviewList(use(), dpo, 1);
    expect(after.entries.find((e) => e.childId === childId)?.reviewOutcome).toBe('justified');
  });
});
