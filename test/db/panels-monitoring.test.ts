/** Monitoring lists: children added and taken off with dates and reasons, audited; who may see a panel's children. */
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditEvents, children } from '../../src/db/schema.ts';
import { Forbidden, NotFound, ValidationFailed } from '../../src/modules/errors.ts';
import { AlreadyOnList, addToMonitoring, listPanels, removeFromMonitoring, viewPanel } from '../../src/modules/exploitation/panels.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { aChild, FIXED_NOW, panelIds } from './panels-support.ts';

describeEachDatabase('panel monitoring lists', (use) => {
  it('adds a child with the reason and today as the date, audited, and refuses to add them twice', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    const added = await addToMonitoring(use(), lead, panels.ccep, { childId, reason: 'Found with cash and two phones in another town' }, FIXED_NOW);
    const page = await viewPanel(use(), lead, panels.ccep);
    expect(page.current.find((e) => e.childId === childId)).toMatchObject({ addedOn: '2026-11-21', addedReason: 'Found with cash and two phones in another town' });
    const audit = await use().read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, 'panel-monitoring.added'), eq(auditEvents.subjectId, added.entryId))));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.childId).toBe(childId);
    const again = addToMonitoring(use(), lead, panels.ccep, { childId, reason: 'Again' }, FIXED_NOW);
    await expect(again).rejects.toBeInstanceOf(AlreadyOnList);
    await expect(again).rejects.toThrow(`${added.name} is already on the monitoring list (added on 21 Nov 2026)`);
  });

  it('needs a reason and a child of the authority', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    await expect(addToMonitoring(use(), lead, panels.mase, { childId, reason: '  ' }, FIXED_NOW)).rejects.toThrow('Enter why the child is added to the monitoring list');
    const city = await aChild(use(), { authority: '892', role: 'missing_officer' });
    await expect(addToMonitoring(use(), lead, panels.mase, { childId: city.childId, reason: 'A reason' }, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
  });

  it('takes a child off the list with a date and reason, into "previously monitored"; the date cannot be before they joined', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    const { entryId } = await addToMonitoring(use(), lead, panels.fmh, { childId, reason: 'Missing five times since September' }, FIXED_NOW);
    const early = removeFromMonitoring(use(), lead, panels.fmh, entryId, { removedOn: '20/11/2026', reason: 'Settled' }, FIXED_NOW);
    await expect(early).rejects.toBeInstanceOf(ValidationFailed);
    await expect(early).rejects.toThrow('The date must be on or after 21 Nov 2026, when the child was added');
    await expect(removeFromMonitoring(use(), lead, panels.fmh, entryId, { removedOn: '21/11/2026', reason: '' }, FIXED_NOW)).rejects.toThrow('Enter why the child is no longer monitored');
    await removeFromMonitoring(use(), lead, panels.fmh, entryId, { removedOn: '21/11/2026', reason: 'No missing episodes for eight weeks' }, FIXED_NOW);
    const page = await viewPanel(use(), lead, panels.fmh);
    expect(page.current.some((e) => e.childId === childId)).toBe(false);
    expect(page.previous.find((e) => e.childId === childId)).toMatchObject({ addedOn: '2026-11-21', removedOn: '2026-11-21', removedReason: 'No missing episodes for eight weeks' });
    // Back on the list later is a new entry; the old one stays in the history.
    await addToMonitoring(use(), lead, panels.fmh, { childId, reason: 'Missing again twice this week' }, FIXED_NOW);
    const after = await viewPanel(use(), lead, panels.fmh);
    expect(after.current.filter((e) => e.childId === childId)).toHaveLength(1);
    expect(after.previous.filter((e) => e.childId === childId)).toHaveLength(1);
  });

  it('shows a panel\'s children to its members and leads only; panel counts to everyone holding panel:view', async () => {
    const panels = await panelIds(use());
    const police = await actorOf(use(), 'police');
    const officer = await actorOf(use(), 'missing_officer');
    const worker = await actorOf(use(), 'social_worker');
    // The police sit on MASE and CCEP; the Missing Officer on Frequently Missing; the social worker on none.
    expect((await viewPanel(use(), police, panels.mase)).panel.kind).toBe('mase');
    await expect(viewPanel(use(), police, panels.fmh)).rejects.toThrow('Only members of this panel and exploitation leads may see the children it oversees');
    await expect(viewPanel(use(), officer, panels.mase)).rejects.toBeInstanceOf(Forbidden);
    await expect(viewPanel(use(), worker, panels.fmh)).rejects.toBeInstanceOf(Forbidden);
    const list = await listPanels(use(), worker, FIXED_NOW);
    expect(list.map((p) => [p.kind, p.member, p.mayOpen])).toEqual([['ccep', false, false], ['fmh', false, false], ['mase', false, false]]);
    await expect(listPanels(use(), await actorOf(use(), 'manager'), FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    // Only those who manage panels change a list, whatever panel they sit on.
    const { childId } = await aChild(use());
    await expect(addToMonitoring(use(), police, panels.mase, { childId, reason: 'A reason' }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
  });

  it('finds children of the authority to add by name, for those who manage the panel', async () => {
    const lead = await actorOf(use(), 'exploitation_lead');
    const panels = await panelIds(use());
    const { childId } = await aChild(use());
    expect((await viewPanel(use(), lead, panels.mase)).search).toBeNull();
    const [row] = await use().read((q) => q.select().from(children).where(eq(children.id, childId)));
    const found = await viewPanel(use(), lead, panels.mase, { q: `${row?.forename ?? ''} ${row?.surname ?? ''}` });
    expect(found.search?.children.map((c) => c.id)).toEqual([childId]);
    const police = await actorOf(use(), 'police');
    expect((await viewPanel(use(), police, panels.mase, { q: row?.surname ?? '' })).search).toBeNull();
  });
});
