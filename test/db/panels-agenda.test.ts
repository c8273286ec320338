/**
 * Generated agendas: every child on the monitoring list, then children newly meeting the panel's criteria with
 * an explanation naming the rule and the facts; a child taken off the list stays off until something new happens.
 */
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { generateAgenda } from '../../src/modules/exploitation/agenda.service.ts';
import { recordMinutes, planMeeting, viewPanelMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring, removeFromMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import type { PanelKind } from '../../src/modules/exploitation/panels-setup.ts';
import { DomainRuleBroken } from '../../src/modules/errors.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, childMissingOn, completedAssessment, FIXED_NOW, noonOn, panelIds, raiseConcern } from './panels-support.ts';

async function agendaOf(db: Database, lead: Actor, kind: PanelKind, meetsOn = '25/11/2026') {
  const panels = await panelIds(db);
  const meeting = await planMeeting(db, lead, panels[kind], { meetsOn });
  await generateAgenda(db, lead, meeting.id, FIXED_NOW);
  const page = await viewPanelMeeting(db, lead, meeting.id);
  return { meetingId: meeting.id, items: page.agenda, item: (childId: string) => page.agenda.find((a) => a.childId === childId) };
}

describeEachDatabase('panel agendas', (use) => {
  it('puts a child whose latest assessment judges sexual exploitation high on the MASE agenda, saying why', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const { childId } = await aChild(use());
    await completedAssessment(use(), childId, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high', criminal: 'low' } });
    const mase = await agendaOf(use(), lead, 'mase');
    expect(mase.item(childId)).toMatchObject({ reason: 'criteria', explanation: 'Latest risk assessment (completed 3 Nov 2026) judged the risk of sexual exploitation high' });
    // Criminal exploitation is judged low: not a child for CCEP.
    expect((await agendaOf(use(), lead, 'ccep')).item(childId)).toBeUndefined();
  });

  it('puts a child with a concern of criminal exploitation in the last 30 days on the CCEP agenda, not an older one', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const recent = (await aChild(use())).childId;
    const older = (await aChild(use())).childId;
    await raiseConcern(use(), recent, { identifiedOn: '2026-11-10', types: ['county_lines'] });
    await raiseConcern(use(), older, { identifiedOn: '2026-10-20', types: ['criminal'] });
    const ccep = await agendaOf(use(), lead, 'ccep');
    expect(ccep.item(recent)?.explanation).toBe('Concern of criminal exploitation: county lines identified on 10 Nov 2026 (rule: a concern of criminal exploitation (county lines included) in the last 30 days)');
    expect(ccep.item(older)).toBeUndefined();
  });

  it('leaves out an assessment replaced by a later one, or completed more than 90 days before the meeting', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const replaced = (await aChild(use())).childId;
    await completedAssessment(use(), replaced, { completedAt: noonOn('2026-10-01'), judgements: { sexual: 'high' } });
    await completedAssessment(use(), replaced, { completedAt: noonOn('2026-11-01'), judgements: { sexual: 'medium' } });
    const old = (await aChild(use())).childId;
    await completedAssessment(use(), old, { completedAt: noonOn('2026-08-01'), judgements: { sexual: 'high' } });
    const mase = await agendaOf(use(), lead, 'mase');
    expect(mase.item(replaced)).toBeUndefined();
    expect(mase.item(old)).toBeUndefined();
  });

  it('puts a child missing more than 3 times in the 90 days to the meeting on the Frequently Missing agenda', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const frequent = await childMissingOn(use(), ['2026-09-10', '2026-09-30', '2026-10-20', '2026-11-05', '2026-11-15']);
    const three = await childMissingOn(use(), ['2026-09-10', '2026-10-20', '2026-11-15']);
    const fmh = await agendaOf(use(), lead, 'fmh');
    expect(fmh.item(frequent)).toMatchObject({ reason: 'criteria', explanation: 'Missing 5 times in the 90 days to 25 Nov 2026 (rule: more than 3 incidents in 90 days)' });
    expect(fmh.item(three)).toBeUndefined();
  });

  it('lists monitored children first with their reason, and leaves out a child taken off the list', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const monitored = (await aChild(use())).childId;
    const removed = (await aChild(use())).childId;
    await completedAssessment(use(), removed, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high' } });
    await raiseConcern(use(), removed, { identifiedOn: '2026-11-10', types: ['sexual'] });
    await addToMonitoring(use(), lead, panels.mase, { childId: monitored, reason: 'Seen with older men at the bus station' }, FIXED_NOW);
    const entry = await addToMonitoring(use(), lead, panels.mase, { childId: removed, reason: 'Concern from a MASH enquiry' }, FIXED_NOW);
    await removeFromMonitoring(use(), lead, panels.mase, entry.entryId, { removedOn: '21/11/2026', reason: 'Risk reduced: safety plan working' }, FIXED_NOW);
    const mase = await agendaOf(use(), lead, 'mase');
    expect(mase.item(monitored)).toMatchObject({ reason: 'monitored', explanation: 'On the monitoring list since 21 Nov 2026: Seen with older men at the bus station' });
    expect(mase.items.findIndex((i) => i.reason === 'criteria')).toBeGreaterThan(mase.items.findIndex((i) => i.childId === monitored));
    expect(mase.item(removed)).toBeUndefined();
    // Something new after the removal brings them back for the panel to consider.
    await raiseConcern(use(), removed, { identifiedOn: '2026-11-23', types: ['sexual'] });
    expect((await agendaOf(use(), lead, 'mase')).item(removed)?.explanation).toMatch(/^Concern of sexual exploitation identified on 23 Nov 2026/);
  });

  it('keeps a discussion when the agenda is generated again, and refuses to generate it once the meeting is held', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const { childId } = await aChild(use());
    await completedAssessment(use(), childId, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high' } });
    const mase = await agendaOf(use(), lead, 'mase', '20/11/2026');
    const version = (await viewPanelMeeting(use(), lead, mase.meetingId)).meeting.version;
    await recordMinutes(use(), lead, mase.meetingId, { version, minutes: 'Quorate.', discussions: { [childId]: 'Agreed a safety plan.' }, held: false }, FIXED_NOW);
    await generateAgenda(use(), lead, mase.meetingId, FIXED_NOW);
    expect((await viewPanelMeeting(use(), lead, mase.meetingId)).agenda.find((a) => a.childId === childId)?.discussion).toBe('Agreed a safety plan.');
    const held = (await viewPanelMeeting(use(), lead, mase.meetingId)).meeting.version;
    await recordMinutes(use(), lead, mase.meetingId, { version: held, minutes: 'Quorate.', discussions: {}, held: true }, FIXED_NOW);
    await expect(generateAgenda(use(), lead, mase.meetingId, FIXED_NOW)).rejects.toBeInstanceOf(DomainRuleBroken);
  });

  it('never lists a child of another authority', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const city = await aChild(use(), { authority: '892', role: 'missing_officer' });
    await completedAssessment(use(), city.childId, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high' } });
    expect((await agendaOf(use(), lead, 'mase')).item(city.childId)).toBeUndefined();
  });
});
