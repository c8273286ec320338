/**
 * The hotspots ranking on a fixed set of locations, incidents, interviews, concerns and direct links: the default
 * period (the last 12 months), another period and a district each change the ranking; ties share a rank and are
 * listed by name; the CSV holds the same rows and no child's name.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { Forbidden } from '../../src/modules/errors.ts';
import { recordDisruption } from '../../src/modules/exploitation/disruptions.service.ts';
import { defaultPeriod, hotspots, hotspotsCsv } from '../../src/modules/exploitation/hotspots.service.ts';
import { linkTo, type LinkInput } from '../../src/modules/exploitation/links.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { endedOn, newChild, notify } from '../route/children-support.ts';
import { interviewsOf } from '../route/return-interview-support.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addConcern, addLocation, agencyId, districtId, EMPTY_LINK, FIXED_NOW } from './locations-support.ts';

describeEachDatabase('Hotspots', (use) => {
  let lead: Actor;
  let gedling: number;

  const link = (locationId: string, form: Partial<LinkInput>) => linkTo(use(), lead, { kind: 'location', id: locationId }, { ...EMPTY_LINK, ...form }, FIXED_NOW);
  /** An ended incident of the child (last seen that day), linked to the location as where the child was found. */
  async function foundAt(locationId: string, child: ReturnType<typeof newChild>, day: string): Promise<{ childId: string; incidentId: string }> {
    const recorded = await notify(use(), { child, cells: endedOn(day) });
    await link(locationId, { target: 'incident', reference: recorded.reference });
    return recorded;
  }
  const ranking = async (input: { from?: string; to?: string; district?: string } = {}) =>
    (await hotspots(use(), lead, input, FIXED_NOW)).rows.map((r) => [r.rank, r.name, r.incidents, r.children]);

  beforeAll(async () => {
    lead = await actorOf(use(), 'exploitation_lead');
    gedling = await districtId(use(), 'Gedling');
    const ashfield = String(await districtId(use(), 'Ashfield'));
    const [x, y, z, w, w2, q, r, s, v] = Array.from({ length: 9 }, () => newChild());
    if (!x || !y || !z || !w || !w2 || !q || !r || !s || !v) throw new Error('children');
    const alder = await addLocation(use(), lead, { name: 'Alder Park', kind: 'park', districtId: String(gedling) });
    const birch = await addLocation(use(), lead, { name: 'Birch Takeaway', kind: 'takeaway', districtId: ashfield });
    const cedar = await addLocation(use(), lead, { name: 'Cedar Station', kind: 'transport_hub', districtId: String(gedling) });
    const beech = await addLocation(use(), lead, { name: 'Beech Hotel', kind: 'hotel', districtId: String(gedling) });
    const elm = await addLocation(use(), lead, { name: '=Elm Shops', kind: 'shop' });
    await addLocation(use(), lead, { name: 'Fir Estate (nothing linked)', kind: 'housing_estate' });
    // Alder Park: two incidents in the last 12 months (children X and Y), one a year before (X).
    const x1 = await foundAt(alder, x, '2026-10-01');
    const y1 = await foundAt(alder, y, '2026-09-01');
    await foundAt(alder, x, '2025-06-01');
    // Birch Takeaway: one incident in the last 12 months (Z), two in early 2025 (W, W2); X and Y linked directly now;
    // a concern about V identified in May 2026.
    const z1 = await foundAt(birch, z, '2026-08-01');
    await foundAt(birch, w, '2025-07-01');
    await foundAt(birch, w2, '2025-03-01');
    await link(birch, { target: 'child', childId: x1.childId });
    await link(birch, { target: 'child', childId: y1.childId });
    // V's only incident was long ago: V counts through the direct link and the concern.
    const vChild = await notify(use(), { child: v, cells: endedOn('2024-02-10') });
    await link(birch, { target: 'child', childId: vChild.childId });
    await link(birch, { target: 'concern', concernId: await addConcern(use(), vChild.childId, '2026-05-01') });
    // Cedar Station and Beech Hotel: one incident and one child each, a tie.
    await foundAt(cedar, q, '2026-07-01');
    await foundAt(beech, r, '2026-06-01');
    // Elm Shops: no incident, but a child's interview after an incident in the period (where stayed).
    const sIncident = await notify(use(), { child: s, cells: endedOn('2026-03-01') });
    const [sInterview] = await interviewsOf(use(), sIncident.incidentId);
    await link(elm, { target: 'child', childId: sIncident.childId });
    await link(elm, { target: 'rhi', returnInterviewId: sInterview?.id ?? '' });
    const police = await agencyId(use(), 'police');
    for (const [kind, occurredOn] of [['warning_notice', '2025-05-01'], ['cctv', '2026-01-10'], ['lighting', '2026-09-01']] as const) {
      await recordDisruption(use(), lead, { kind: 'location', id: birch }, { kind, description: 'Recorded for the test', occurredOn, agencyId: police }, FIXED_NOW);
    }
    expect(z1.childId).toBeTruthy();
  }, 120_000);

  it('defaults to the last 12 months and ranks by incidents, then children; ties share a rank and go by name', async () => {
    expect(defaultPeriod(FIXED_NOW)).toEqual({ from: '2025-11-22', to: '2026-11-21' });
    expect(await ranking()).toEqual([
      [1, 'Alder Park', 2, 2],
      // Z by the incident; X, Y and V linked directly today; V's concern too (counted once).
      [2, 'Birch Takeaway', 1, 4],
      [3, 'Beech Hotel', 1, 1],
      [3, 'Cedar Station', 1, 1],
      // The child linked directly today and through the interview of an incident in March: one child.
      [5, '=Elm Shops', 0, 1],
    ]);
    const result = await hotspots(use(), lead, {}, FIXED_NOW);
    expect(result.rows.find((r) => r.name === 'Birch Takeaway')).toMatchObject({ kind: 'takeaway', district: 'Ashfield', disruptionKind: 'lighting', disruptionOn: '2026-09-01' });
  });

  it('ranks another period differently, with the latest disruption as it stood then', async () => {
    expect(await ranking({ from: '2025-01-01', to: '2025-12-31' })).toEqual([[1, 'Birch Takeaway', 2, 2], [2, 'Alder Park', 1, 1]]);
    const result = await hotspots(use(), lead, { from: '01/01/2025', to: '31/12/2025' }, FIXED_NOW);
    expect(result.rows[0]).toMatchObject({ name: 'Birch Takeaway', disruptionKind: 'warning_notice', disruptionOn: '2025-05-01' });
  });

  it('keeps to one district when asked, or to locations with none', async () => {
    expect(await ranking({ district: String(gedling) })).toEqual([[1, 'Alder Park', 2, 2], [2, 'Beech Hotel', 1, 1], [2, 'Cedar Station', 1, 1]]);
    expect(await ranking({ district: 'unknown' })).toEqual([[1, '=Elm Shops', 0, 1]]);
  });

  it('names the filters it cannot read, ranking nothing', async () => {
    const result = await hotspots(use(), lead, { from: '2026-13-01', to: '2026-01-01', district: '99999' }, FIXED_NOW);
    expect(result.rows).toEqual([]);
    expect(result.problems.map((p) => p.field)).toEqual(['from', 'district']);
    expect((await hotspots(use(), lead, { from: '2026-06-01', to: '2026-01-01' }, FIXED_NOW)).problems).toEqual([{ field: 'to', message: 'The end of the period must be the same as or after its start' }]);
  });

  it('gives the same ranking as CSV, counts only, a formula-like name kept as text', async () => {
    const csv = hotspotsCsv(await hotspots(use(), lead, {}, FIXED_NOW, 'download'));
    expect(csv.split('\r\n')).toEqual([
      'Rank,Location,Kind,District,Incidents,Children,Latest disruption,Latest disruption date',
      '1,Alder Park,Park,Gedling,2,2,,',
      '2,Birch Takeaway,Takeaway,Ashfield,1,4,Lighting,2026-09-01',
      '3,Beech Hotel,Hotel,Gedling,1,1,,',
      '3,Cedar Station,Transport hub,Gedling,1,1,,',
      "5,'=Elm Shops,Shop,Not known,0,1,,",
      '',
    ]);
  });

  it('is for those who hold location:view', async () => {
    await expect(hotspots(use(), await actorOf(use(), 'manager'), {}, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(hotspots(use(), await actorOf(use(), 'rhi_worker'), {}, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
  });
});
