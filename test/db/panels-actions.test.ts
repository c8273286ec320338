/**
 * A panel meeting's decisions and actions, and the tracker across meetings: overdue by N days against a fixed
 * "now" (21 Nov 2026), filters, marking done; children named only where the viewer has a need to know.
 */
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import { generateAgenda } from '../../src/modules/exploitation/agenda.service.ts';
import { actionTracker, markPanelActionDone } from '../../src/modules/exploitation/panel-actions.service.ts';
import { recordDecision, recordPanelAction } from '../../src/modules/exploitation/panel-meeting-records.service.ts';
import { planMeeting, viewPanelMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, agencyId, completedAssessment, FIXED_NOW, noonOn, panelIds } from './panels-support.ts';

/** A MASE meeting on 10 Nov 2026: `monitored` on the list (the police sit on MASE), `unknown` newly meeting the criteria. */
async function maseMeeting(db: Database) {
  const lead = await actorOf(db, 'exploitation_lead');
  const panels = await panelIds(db);
  const monitored = (await aChild(db)).childId;
  // Notified by the Missing Officer: the police force knows nothing of this child.
  const unknown = (await aChild(db, { role: 'missing_officer' })).childId;
  await addToMonitoring(db, lead, panels.mase, { childId: monitored, reason: 'Seen with older men' }, new Date('2026-11-01T12:00:00Z'));
  await completedAssessment(db, unknown, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high' } });
  const meeting = await planMeeting(db, lead, panels.mase, { meetsOn: '10/11/2026' });
  await generateAgenda(db, lead, meeting.id, new Date('2026-11-05T12:00:00Z'));
  return { lead, panels, monitored, unknown, meetingId: meeting.id };
}

const blankAction = { description: '', owner: '', agencyId: '', dueOn: '', childId: '' };

describeEachDatabase('panel decisions, actions and the action tracker', (use) => {
  it('tags actions overdue by whole days in London and filters by panel, agency and overdue', async () => {
    const m = await maseMeeting(use());
    const police = await agencyId(use(), 'police');
    const health = await agencyId(use(), 'health');
    const record = (o: Partial<typeof blankAction>) => recordPanelAction(use(), m.lead, m.meetingId, { ...blankAction, owner: 'Named officer', ...o }, FIXED_NOW);
    const late = await record({ description: 'Visit the address of concern', agencyId: police, dueOn: '14/11/2026', childId: m.monitored });
    const soon = await record({ description: 'Sexual health appointment', agencyId: health, dueOn: '30/11/2026', childId: m.unknown });
    const yesterday = await record({ description: 'Share the hotspot map', agencyId: police, dueOn: '20/11/2026' });
    const all = await actionTracker(use(), m.lead, { panelId: m.panels.mase, agencyId: '', overdueOnly: false }, FIXED_NOW);
    const byId = new Map(all.actions.map((a) => [a.id, a]));
    expect(byId.get(late.id)?.overdueDays).toBe(7);
    expect(byId.get(yesterday.id)?.overdueDays).toBe(1);
    expect(byId.get(soon.id)?.overdueDays).toBe(0);
    const overdue = await actionTracker(use(), m.lead, { panelId: m.panels.mase, agencyId: '', overdueOnly: true }, FIXED_NOW);
    expect(overdue.actions.map((a) => a.id)).toEqual(expect.arrayContaining([late.id, yesterday.id]));
    expect(overdue.actions.some((a) => a.id === soon.id)).toBe(false);
    const healthOnly = await actionTracker(use(), m.lead, { panelId: '', agencyId: health, overdueOnly: false }, FIXED_NOW);
    expect(healthOnly.actions.every((a) => a.agencyName === 'Demo County Health Partnership')).toBe(true);
    expect(healthOnly.actions.some((a) => a.id === soon.id)).toBe(true);
    expect((await actionTracker(use(), m.lead, { panelId: m.panels.ccep, agencyId: '', overdueOnly: false }, FIXED_NOW)).actions.some((a) => a.id === late.id)).toBe(false);
  });

  it('names a child only to those with a need to know, and shows nothing of panels the viewer does not sit on', async () => {
    const m = await maseMeeting(use());
    const police = await agencyId(use(), 'police');
    const a = await recordPanelAction(use(), m.lead, m.meetingId, { ...blankAction, description: 'Disrupt the car seen', owner: 'DC on call', agencyId: police, dueOn: '01/12/2026', childId: m.unknown }, FIXED_NOW);
    const b = await recordPanelAction(use(), m.lead, m.meetingId, { ...blankAction, description: 'Return home interview', owner: 'RHI worker', agencyId: police, dueOn: '01/12/2026', childId: m.monitored }, FIXED_NOW);
    const asLead = new Map((await actionTracker(use(), m.lead, { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW)).actions.map((x) => [x.id, x]));
    expect(asLead.get(a.id)?.child).toMatchObject({ hidden: false, id: m.unknown });
    const asPolice = new Map((await actionTracker(use(), await actorOf(use(), 'police'), { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW)).actions.map((x) => [x.id, x]));
    expect(asPolice.get(a.id)?.child).toEqual({ hidden: true });
    expect(asPolice.get(b.id)?.child).toMatchObject({ hidden: false, id: m.monitored });
    // The Missing Officer sits on Frequently Missing only; the social worker on no panel.
    expect((await actionTracker(use(), await actorOf(use(), 'missing_officer'), { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW)).actions.some((x) => x.id === a.id)).toBe(false);
    const worker = await actionTracker(use(), await actorOf(use(), 'social_worker'), { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW);
    expect([worker.panels, worker.actions]).toEqual([[], []]);
    await expect(actionTracker(use(), await actorOf(use(), 'manager'), { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
  });

  it('marks an action done once, for those who manage panels', async () => {
    const m = await maseMeeting(use());
    const a = await recordPanelAction(use(), m.lead, m.meetingId, { ...blankAction, description: 'Strategy discussion', owner: 'Team manager', agencyId: await agencyId(use(), 'local_authority'), dueOn: '01/11/2026' }, FIXED_NOW);
    await expect(markPanelActionDone(use(), await actorOf(use(), 'police'), a.id, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    expect(await markPanelActionDone(use(), m.lead, a.id, FIXED_NOW)).toEqual({ meetingId: m.meetingId });
    await markPanelActionDone(use(), m.lead, a.id, FIXED_NOW);
    const tracker = await actionTracker(use(), m.lead, { panelId: '', agencyId: '', overdueOnly: false }, FIXED_NOW);
    expect(tracker.actions.some((x) => x.id === a.id)).toBe(false);
    const page = await viewPanelMeeting(use(), m.lead, m.meetingId);
    expect(page.actions.find((x) => x.id === a.id)).toMatchObject({ status: 'done', doneAt: FIXED_NOW });
    await expect(markPanelActionDone(use(), m.lead, '00000000-0000-4000-8000-000000000000', FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });

  it('checks an action and a decision: owner, agency, a real due date, a child on the agenda', async () => {
    const m = await maseMeeting(use());
    const other = (await aChild(use())).childId;
    const refused = recordPanelAction(use(), m.lead, m.meetingId, { ...blankAction, description: 'Something', dueOn: '31/02/2026', childId: other }, FIXED_NOW);
    await expect(refused).rejects.toBeInstanceOf(ValidationFailed);
    const problems = await refused.catch((e: ValidationFailed) => e.problems.map((p) => p.field));
    expect(problems).toEqual(['actionOwner', 'actionAgency', 'actionDueOn', 'actionChild']);
    await expect(recordDecision(use(), m.lead, m.meetingId, { decision: ' ', childId: '' }, FIXED_NOW)).rejects.toThrow('Enter the decision');
  });

  it('hides decisions about children the viewer has no need to know about, and counts them', async () => {
    const m = await maseMeeting(use());
    await recordDecision(use(), m.lead, m.meetingId, { decision: 'Refer to the CSE team', childId: m.unknown }, FIXED_NOW);
    await recordDecision(use(), m.lead, m.meetingId, { decision: 'Keep on the list for three months', childId: m.monitored }, FIXED_NOW);
    await recordDecision(use(), m.lead, m.meetingId, { decision: 'Next meeting in December', childId: '' }, FIXED_NOW);
    const asPolice = await viewPanelMeeting(use(), await actorOf(use(), 'police'), m.meetingId);
    expect(asPolice.decisions.map((d) => d.decision)).toEqual(['Keep on the list for three months', 'Next meeting in December']);
    expect(asPolice.hidden.decisions).toBe(1);
    expect(asPolice.hidden.agenda).toBeGreaterThanOrEqual(1);
    expect(asPolice.agenda.map((a) => a.childId)).toContain(m.monitored);
    expect(asPolice.agenda.map((a) => a.childId)).not.toContain(m.unknown);
    expect((await viewPanelMeeting(use(), m.lead, m.meetingId)).decisions).toHaveLength(3);
  });
});
