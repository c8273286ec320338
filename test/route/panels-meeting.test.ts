/** A panel meeting through the pages: the generated agenda, adding a child from it, minutes, decisions, actions, the tracker, pen pictures. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LANGUAGE_PHRASES } from '../../src/modules/language/phrases.ts';
import { planMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, agencyId, childName, completedAssessment, FIXED_NOW, noonOn, panelIds } from '../db/panels-support.ts';
import { fieldValue, mainText } from './children-support.ts';

describeEachDatabase('Panel meeting pages', (use) => {
  let app: FastifyInstance;
  let lead: Agent;
  const m = { meetingId: '', panelId: '', monitored: '', criteria: '', monitoredName: '', criteriaName: '' };

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    lead = await new Agent(app).signIn('exploitation_lead');
    const actor = await actorOf(use(), 'exploitation_lead');
    m.panelId = (await panelIds(use())).mase;
    m.monitored = (await aChild(use())).childId;
    // Notified by the Missing Officer: the police force does not know this child.
    m.criteria = (await aChild(use(), { role: 'missing_officer' })).childId;
    [m.monitoredName, m.criteriaName] = [await childName(use(), m.monitored), await childName(use(), m.criteria)];
    await addToMonitoring(use(), actor, m.panelId, { childId: m.monitored, reason: 'Seen with older men at the bus station' }, FIXED_NOW);
    await completedAssessment(use(), m.criteria, { completedAt: noonOn('2026-11-03'), judgements: { sexual: 'high' } });
    m.meetingId = (await planMeeting(use(), actor, m.panelId, { meetsOn: '25/11/2026' })).id;
    await lead.get(`/panel-meetings/${m.meetingId}`);
    await lead.post(`/panel-meetings/${m.meetingId}/agenda`, {});
  });
  afterAll(() => app.close());

  it('shows the generated agenda: monitored children first, then those newly meeting the criteria, each explained', async () => {
    const text = mainText((await lead.get(`/panel-meetings/${m.meetingId}`)).body);
    expect(text).toMatch(/Agenda generated: \d+ on the monitoring list, \d+ newly meeting the panel's criteria\./);
    expect(text).toMatch(new RegExp(`${m.monitoredName} , born \\d\\d/\\d\\d/\\d{4} On the monitoring list`));
    expect(text).toContain('On the monitoring list since 21 Nov 2026: Seen with older men at the bus station');
    expect(text).toContain('Latest risk assessment (completed 3 Nov 2026) judged the risk of sexual exploitation high');
    expect(text.indexOf(m.monitoredName)).toBeLessThan(text.indexOf(m.criteriaName));
    expect(lead.lastHtml).toContain(`href="/children/${m.criteria}/plan?meeting=${m.meetingId}#review"`);
    expect(lead.lastHtml).toContain(`href="/panel-meetings/${m.meetingId}/pen-pictures"`);
  });

  it('adds a child newly meeting the criteria to the monitoring list from the agenda', async () => {
    await lead.get(`/panel-meetings/${m.meetingId}`);
    expect(fieldValue(lead.lastHtml, `reason-${m.criteria}`)).toBe('Latest risk assessment (completed 3 Nov 2026) judged the risk of sexual exploitation high');
    const res = await lead.post(`/panels/${m.panelId}/monitoring`, { childId: m.criteria, reason: 'Agreed at panel: high risk of sexual exploitation', returnTo: m.meetingId });
    expect(res.headers.location).toBe(`/panel-meetings/${m.meetingId}`);
    const text = mainText((await lead.get(`/panel-meetings/${m.meetingId}`)).body);
    expect(text).toContain(`${m.criteriaName} was added to the monitoring list.`);
    expect(text).toContain('Now on the monitoring list.');
  });

  it('saves minutes with the language guide\'s advice, refuses "held" before the meeting date, and keeps a stale form', async () => {
    await lead.get(`/panel-meetings/${m.meetingId}`);
    const version = /name="version" value="(\d+)"/.exec(lead.lastHtml)?.[1] ?? '';
    const early = await lead.post(`/panel-meetings/${m.meetingId}/minutes`, { version, minutes: 'Quorate.', held: 'yes' });
    expect(early.statusCode).toBe(400);
    expect(mainText(early.body)).toContain('The meeting is planned for 25 Nov 2026: record it as held on or after that day');
    const saved = await lead.post(`/panel-meetings/${m.meetingId}/minutes`, { version, minutes: 'Quorate.', [`discussion-${m.monitored}`]: 'Worried she is putting herself at risk at the station' });
    expect(saved.statusCode).toBe(302);
    const page = mainText((await lead.get(`/panel-meetings/${m.meetingId}`)).body);
    expect(page).toContain('The minutes are saved.');
    const phrase = LANGUAGE_PHRASES.find((p) => p.code === 'putting-themselves-at-risk');
    expect(page).toContain(`“putting herself at risk”: ${phrase?.why ?? 'no such phrase'} Instead, try: “${phrase?.alternatives[0] ?? ''}”`);
    expect(fieldValue(lead.lastHtml, `discussion-${m.monitored}`)).toBe('Worried she is putting herself at risk at the station');
    const stale = await lead.post(`/panel-meetings/${m.meetingId}/minutes`, { version, minutes: 'My other minutes' });
    expect(stale.statusCode).toBe(409);
    expect(mainText(stale.body)).toContain('The minutes as saved now: Quorate.');
    expect(fieldValue(stale.body, 'minutes')).toBe('My other minutes');
  });

  it('records decisions and actions; an action due before today shows overdue in the tracker until marked done', async () => {
    await lead.get(`/panel-meetings/${m.meetingId}`);
    const bad = await lead.post(`/panel-meetings/${m.meetingId}/actions`, { actionDescription: 'Visit', actionOwner: '', actionAgency: '', actionDueOn: '', actionChild: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#actionOwner"');
    expect(fieldValue(bad.body, 'actionDescription')).toBe('Visit');
    await lead.post(`/panel-meetings/${m.meetingId}/decisions`, { decision: 'Refer to the CSE team', decisionChild: m.monitored });
    await lead.get(`/panel-meetings/${m.meetingId}`);
    await lead.post(`/panel-meetings/${m.meetingId}/actions`, {
      actionDescription: 'Visit the address of concern', actionOwner: 'PC Dale', actionAgency: await agencyId(use(), 'police'), actionDueOn: '14/11/2026', actionChild: m.monitored,
    });
    const page = mainText((await lead.get(`/panel-meetings/${m.meetingId}`)).body);
    expect(page).toContain(`${m.monitoredName}: Refer to the CSE team`);
    expect(page).toContain(`${m.monitoredName}: Visit the address of concern PC Dale, Demo Shire Police 14/11/2026`);
    const tracker = await lead.get(`/panel-actions?panel=${m.panelId}&overdue=yes`);
    expect(mainText(tracker.body)).toContain(`${m.monitoredName} : Visit the address of concern PC Dale, Demo Shire Police 14/11/2026 Overdue by 7 days`);
    const actionId = /action="\/panel-actions\/([0-9a-f-]{36})\/done"/.exec(tracker.body.slice(tracker.body.indexOf('Visit the address of concern')))?.[1] ?? '';
    expect((await lead.post(`/panel-actions/${actionId}/done`, {})).headers.location).toBe('/panel-actions');
    expect(mainText((await lead.get(`/panel-actions?panel=${m.panelId}`)).body)).not.toContain('Visit the address of concern');
  });

  it('prints the pen pictures the viewer may see, one per page, saying how many were left out', async () => {
    const res = await lead.get(`/panel-meetings/${m.meetingId}/pen-pictures`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`id="pen-picture-${m.monitored}"`);
    expect(res.body).toContain(`id="pen-picture-${m.criteria}"`);
    expect(res.body).toContain('@page { size: A4;');
    expect(res.body).not.toContain('id="left-out"');
    // The police sit on MASE: they see the children on the list (both now), not a child they have no need to know about.
    const police = await new Agent(app).signIn('police');
    const unknown = (await aChild(use(), { role: 'missing_officer' })).childId;
    await completedAssessment(use(), unknown, { completedAt: noonOn('2026-11-04'), judgements: { sexual: 'high' } });
    await lead.get(`/panel-meetings/${m.meetingId}`);
    await lead.post(`/panel-meetings/${m.meetingId}/agenda`, {});
    const asPolice = await police.get(`/panel-meetings/${m.meetingId}/pen-pictures`);
    expect(asPolice.body).toContain(`id="pen-picture-${m.criteria}"`);
    expect(asPolice.body).not.toContain(`id="pen-picture-${unknown}"`);
    expect(mainText(asPolice.body)).toMatch(/\d+ (child|children) on the agenda (is|are) left out: exploitation records are shared on a need-to-know basis\./);
    const officer = await new Agent(app).signIn('missing_officer');
    expect((await officer.get(`/panel-meetings/${m.meetingId}/pen-pictures`)).statusCode).toBe(403);
  });
});
