/** The One Plan: actions by strand with overdue tags, versioned status changes, reviews at panel meetings, access. */
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents, languageAdvice } from '../../src/db/schema.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import { generateAgenda } from '../../src/modules/exploitation/agenda.service.ts';
import { planMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { addPlanAction, changePlanActionStatus, PlanActionChanged, recordPlanReview, viewPlan } from '../../src/modules/exploitation/plan.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, agencyId, allocate, FIXED_NOW, panelIds } from './panels-support.ts';

describeEachDatabase('One Plans', (use) => {
  it('adds actions under their strand, tags the overdue ones, and records language advice without blocking the save', async () => {
    const worker = await actorOf(use(), 'social_worker');
    const { childId } = await aChild(use());
    await allocate(use(), childId);
    const health = await agencyId(use(), 'health');
    const added = await addPlanAction(use(), worker, childId, { strand: 'protect', description: 'Talk about why she is putting herself at risk', owner: 'School nurse', agencyId: health, dueOn: '14/11/2026' }, FIXED_NOW);
    expect(added.advice.flatMap((a) => a.advice.map((x) => x.phrase.code))).toEqual(['putting-themselves-at-risk']);
    await addPlanAction(use(), worker, childId, { strand: 'prevent', description: 'Youth club place', owner: 'Youth worker', agencyId: health, dueOn: '30/11/2026' }, FIXED_NOW);
    const plan = await viewPlan(use(), worker, childId, FIXED_NOW);
    expect(plan.strands.map((s) => [s.title, s.actions.map((a) => [a.description, a.statusLabel, a.overdueDays])])).toEqual([
      ['Prepare', []], ['Prevent', [['Youth club place', 'Not started', 0]]],
      ['Protect', [['Talk about why she is putting herself at risk', 'Not started', 7]]], ['Pursue', []],
    ]);
    const advice = await use().read((q) => q.select().from(languageAdvice).where(eq(languageAdvice.recordId, added.id)));
    expect(advice.map((a) => [a.recordKind, a.field, a.phraseCode])).toEqual([['plan_action', 'description', 'putting-themselves-at-risk']]);
  });

  it('checks the form: a strand, what, who, an agency of the authority and a real due date', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const { childId } = await aChild(use());
    const refused = addPlanAction(use(), lead, childId, { strand: 'pretend', description: '', owner: '', agencyId: await agencyId(use(), 'police', '892'), dueOn: 'soon' }, FIXED_NOW);
    await expect(refused).rejects.toBeInstanceOf(ValidationFailed);
    expect(await refused.catch((e: ValidationFailed) => e.problems.map((p) => p.field))).toEqual(['strand', 'description', 'owner', 'agencyId', 'dueOn']);
  });

  it('changes a status at the version the form was opened at, and refuses a stale one, showing both', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const { childId } = await aChild(use());
    const { id } = await addPlanAction(use(), lead, childId, { strand: 'pursue', description: 'Child abduction warning notice', owner: 'DS on the CaRE team', agencyId: await agencyId(use(), 'police'), dueOn: '01/12/2026' }, FIXED_NOW);
    expect(await changePlanActionStatus(use(), lead, childId, id, { status: 'in_progress', version: 1 }, FIXED_NOW)).toMatchObject({ statusLabel: 'In progress' });
    const stale = changePlanActionStatus(use(), lead, childId, id, { status: 'cancelled', version: 1 }, FIXED_NOW);
    await expect(stale).rejects.toBeInstanceOf(PlanActionChanged);
    await expect(stale).rejects.toThrow('it is now "In progress". Your change to "Cancelled" was not saved.');
    await expect(changePlanActionStatus(use(), lead, childId, id, { status: 'finished', version: 2 }, FIXED_NOW)).rejects.toBeInstanceOf(ValidationFailed);
    await changePlanActionStatus(use(), lead, childId, id, { status: 'done', version: 2 }, FIXED_NOW);
    const plan = await viewPlan(use(), lead, childId, FIXED_NOW);
    expect(plan.strands[3]?.actions[0]).toMatchObject({ status: 'done', version: 3, overdueDays: 0 });
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'plan-action.status-changed'), eq(auditEvents.subjectId, id))));
    expect(audit.map((a) => a.details?.to)).toEqual(['in_progress', 'done']);
    await expect(changePlanActionStatus(use(), lead, childId, '00000000-0000-4000-8000-000000000000', { status: 'done', version: 1 }, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });

  it('records a review, linked only to a panel meeting the child was on the agenda of', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    await addToMonitoring(use(), lead, panels.ccep, { childId, reason: 'County lines concern' }, FIXED_NOW);
    const onAgenda = await planMeeting(use(), lead, panels.ccep, { meetsOn: '21/11/2026' });
    await generateAgenda(use(), lead, onAgenda.id, FIXED_NOW);
    const notOnAgenda = await planMeeting(use(), lead, panels.fmh, { meetsOn: '21/11/2026' });
    expect((await viewPlan(use(), lead, childId, FIXED_NOW)).meetings.map((m) => m.id)).toEqual([onAgenda.id]);
    await expect(recordPlanReview(use(), lead, childId, { reviewedOn: '21/11/2026', note: 'Reviewed', panelMeetingId: notOnAgenda.id }, FIXED_NOW)).rejects.toThrow('Select a panel meeting the child was on the agenda of, or none');
    await expect(recordPlanReview(use(), lead, childId, { reviewedOn: '22/11/2026', note: 'Reviewed', panelMeetingId: '' }, FIXED_NOW)).rejects.toThrow('The date of the review must be today or in the past');
    await recordPlanReview(use(), lead, childId, { reviewedOn: '21/11/2026', note: 'Plan still right; pursue actions moving', panelMeetingId: onAgenda.id }, FIXED_NOW);
    const [review] = (await viewPlan(use(), lead, childId, FIXED_NOW)).reviews;
    expect(review).toMatchObject({ reviewedOn: '2026-11-21', meetingId: onAgenda.id, panelName: 'Child Criminal Exploitation Panel (CCEP)', reviewedBy: 'Drew Ashby' });
  });

  it('is need-to-know: editing needs plan:edit first, then the child, then a need to know', async () => {
    const { childId } = await aChild(use());
    const form = { strand: 'prepare', description: 'x', owner: 'y', agencyId: await agencyId(use(), 'health'), dueOn: '01/12/2026' };
    // The police know the child (their incident) and may read the plan, but not change it.
    expect((await viewPlan(use(), await actorOf(use(), 'police'), childId, FIXED_NOW)).child.id).toBe(childId);
    await expect(addPlanAction(use(), await actorOf(use(), 'police'), childId, form, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(addPlanAction(use(), await actorOf(use(), 'police'), 'not-an-id', form, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(addPlanAction(use(), await actorOf(use(), 'social_worker'), childId, form, FIXED_NOW)).rejects.toThrow(/need-to-know basis/);
    await expect(viewPlan(use(), await actorOf(use(), 'social_worker'), childId, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(viewPlan(use(), await actorOf(use(), 'rhi_worker'), childId, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(viewPlan(use(), await actorOf(use(), 'exploitation_lead'), '00000000-0000-4000-8000-000000000000', FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });
});
