/**
 * Pen pictures: what the panel reads about a child on one page, and who may read it (need to know: the
 * allocated worker, exploitation leads, members of a panel the child is on, police for their force).
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import { Forbidden, NotFound } from '../../src/modules/errors.ts';
import { generateAgenda } from '../../src/modules/exploitation/agenda.service.ts';
import { planMeeting, viewPanelMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { addToMonitoring } from '../../src/modules/exploitation/panels.service.ts';
import { meetingPenPictures, viewPenPicture } from '../../src/modules/exploitation/pen-picture.service.ts';
import { addPlanAction, changePlanActionStatus } from '../../src/modules/exploitation/plan.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  aChild, agencyId, allocate, childMissingOn, completedAssessment, exploitationMeeting, FIXED_NOW, noonOn, otherForcePolice, panelIds, raiseConcern,
} from './panels-support.ts';

describeEachDatabase('pen pictures', (use) => {
  let childId = '';

  /** A child on the MASE list with a history of every kind, allocated to the social worker. */
  beforeAll(async () => {
    const db = use();
    const lead = await actorOf(db, 'exploitation_lead');
    childId = await childMissingOn(db, ['2025-06-01', '2025-12-01', '2026-06-15', '2026-10-01', '2026-11-10']);
    await recordCareStatus(db, await actorOf(db, 'missing_officer'), childId, { status: 'own_care', startsOn: '01/11/2026', placement: 'Oak House', outOfArea: 'no', responsibleAuthority: '' }, FIXED_NOW);
    await allocate(db, childId);
    await raiseConcern(db, childId, { identifiedOn: '2026-11-12', types: ['sexual'], source: 'mash' });
    await completedAssessment(db, childId, {
      completedAt: noonOn('2026-11-14'), reviewOn: '2027-02-14', cinFactors: ['10A', '11A'], judgements: { sexual: 'high', criminal: 'medium' },
      indicators: { 'missing.repeat': 'present', 'missing.late-returns': 'present', 'missing.found-out-of-area': 'not_known', 'relationships.older-associates': 'present', 'money.unexplained-gifts': 'present' },
    });
    await exploitationMeeting(db, childId, { kind: 'strategy', heldOn: '2026-11-16', attended: [await agencyId(db, 'police'), await agencyId(db, 'health')] });
    const plan = (strand: string, agency: string, dueOn: string, description: string) => addPlanAction(db, lead, childId, { strand, description, owner: 'Named worker', agencyId: agency, dueOn }, FIXED_NOW);
    await plan('prepare', await agencyId(db, 'health'), '10/11/2026', 'Sexual health drop-in');
    await plan('protect', await agencyId(db, 'local_authority'), '20/12/2026', 'Safety plan with the carers');
    const done = await plan('pursue', await agencyId(db, 'police'), '01/11/2026', 'Warning notice to the adult');
    await changePlanActionStatus(db, lead, childId, done.id, { status: 'done', version: 1 }, FIXED_NOW);
    await addToMonitoring(db, lead, (await panelIds(db)).mase, { childId, reason: 'High risk of sexual exploitation' }, FIXED_NOW);
  });

  it('shows the key facts, missing counts in the last 90 days and 12 months, and the latest events', async () => {
    const pp = await viewPenPicture(use(), await actorOf(use(), 'exploitation_lead'), childId, FIXED_NOW);
    expect(pp.child).toMatchObject({ careStatus: 'Looked after by this authority', placement: 'Oak House' });
    expect(pp.child.allocatedWorker).toMatch(/^Sam Patel/);
    expect(pp.missing.last90Days).toEqual({ count: 2, dates: ['1 Oct 2026', '10 Nov 2026'] });
    expect(pp.missing.last12Months.count).toBe(4);
    expect(pp.chronology.slice(0, 5).map((e) => [e.on, e.text.split(':')[0]])).toEqual([
      ['2026-11-21', 'Added to the Multi Agency Sexual Exploitation (MASE) panel monitoring list'],
      ['2026-11-16', 'Strategy meeting held'],
      ['2026-11-14', 'Child exploitation risk assessment completed'],
      ['2026-11-12', 'Concern raised from a MASH enquiry'],
      ['2026-11-10', expect.stringMatching(/^Missing \(police reference/)],
    ]);
    expect(pp.chronology).toHaveLength(8);
  });

  it('shows the latest assessment\'s judgements with reasons, its dates and CIN factors, and the indicators by domain', async () => {
    const pp = await viewPenPicture(use(), await actorOf(use(), 'exploitation_lead'), childId, FIXED_NOW);
    expect(pp.assessment).toMatchObject({ completedOn: '2026-11-14', reviewOn: '2027-02-14', cinFactors: ['10A', '11A'] });
    expect(pp.assessment?.judgements.map((j) => [j.type, j.levelLabel, j.reasons])).toEqual([
      ['Sexual exploitation', 'High', 'Reasons for sexual: high'], ['Criminal exploitation', 'Medium', 'Reasons for criminal: medium'],
    ]);
    const rows = pp.assessment?.spidergram.rows ?? [];
    expect(rows.slice(0, 3).map((r) => [r.label, r.present, r.notKnown, r.total])).toEqual([
      ['Missing and whereabouts', 2, 1, 3], ['Relationships and associates', 1, 0, 4], ['Money, gifts and phones', 1, 0, 3],
    ]);
    expect(pp.assessment?.spidergram.svg).toContain(`aria-labelledby="spidergram-${childId}-title spidergram-${childId}-desc"`);
  });

  it('lists the current One Plan actions by strand, overdue ones tagged, and the agencies involved', async () => {
    const pp = await viewPenPicture(use(), await actorOf(use(), 'exploitation_lead'), childId, FIXED_NOW);
    expect(pp.plan.map((s) => [s.title, s.actions.map((a) => [a.description, a.overdueDays])])).toEqual([
      ['Prepare', [['Sexual health drop-in', 11]]], ['Prevent', []], ['Protect', [['Safety plan with the carers', 0]]], ['Pursue', []],
    ]);
    expect(pp.agencies).toEqual(['Demo County Children’s Services', 'Demo County Health Partnership', 'Demo Shire Police']);
  });

  it('is shown to the allocated worker, panel members and the police force that knows the child, and audited', async () => {
    for (const role of ['social_worker', 'police'] as const) {
      expect((await viewPenPicture(use(), await actorOf(use(), role), childId, FIXED_NOW)).child.id).toBe(childId);
    }
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'pen-picture.viewed'), eq(auditEvents.childId, childId))));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('is refused without a need to know: an unallocated social worker, a non-member, police of another force', async () => {
    const other = (await aChild(use())).childId;
    await expect(viewPenPicture(use(), await actorOf(use(), 'social_worker'), other, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    // The Missing Officer sits on Frequently Missing, not on MASE where the main child is.
    await expect(viewPenPicture(use(), await actorOf(use(), 'missing_officer'), childId, FIXED_NOW)).rejects.toThrow(/need-to-know basis/);
    await expect(viewPenPicture(use(), await otherForcePolice(use()), childId, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(viewPenPicture(use(), await actorOf(use(), 'manager'), childId, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(viewPenPicture(use(), await actorOf(use(), 'exploitation_lead'), '00000000-0000-4000-8000-000000000000', FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
    const city = await actorOf(use(), 'exploitation_lead', '892');
    await expect(viewPenPicture(use(), city, childId, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });

  it('prints every agenda child the viewer may see, in agenda order, and says how many were left out', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const unknown = (await aChild(use(), { role: 'missing_officer' })).childId;
    await completedAssessment(use(), unknown, { completedAt: noonOn('2026-11-18'), judgements: { sexual: 'high' } });
    const meeting = await planMeeting(use(), lead, (await panelIds(use())).mase, { meetsOn: '25/11/2026' });
    await generateAgenda(use(), lead, meeting.id, FIXED_NOW);
    const asLead = await meetingPenPictures(use(), lead, meeting.id, FIXED_NOW);
    expect(asLead.pictures.map((p) => p.child.id)).toEqual(expect.arrayContaining([childId, unknown]));
    expect(asLead.leftOut).toBe(0);
    const agenda = (await viewPanelMeeting(use(), lead, meeting.id)).agenda.map((a) => a.childId);
    expect(asLead.pictures.map((p) => p.child.id)).toEqual(agenda);
    const asPolice = await meetingPenPictures(use(), await actorOf(use(), 'police'), meeting.id, FIXED_NOW);
    expect(asPolice.pictures.map((p) => p.child.id)).toContain(childId);
    expect(asPolice.pictures.map((p) => p.child.id)).not.toContain(unknown);
    expect(asPolice.leftOut).toBeGreaterThanOrEqual(1);
    expect(asPolice.pictures.length + asPolice.leftOut).toBe(asLead.pictures.length);
    await expect(meetingPenPictures(use(), await actorOf(use(), 'missing_officer'), meeting.id, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
  });
});
