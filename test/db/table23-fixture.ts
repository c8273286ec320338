/**
 * A small hand-built exploitation history in the demo county (891), recorded through the exploitation history
 * service, for the Tables 2 and 3 tests. Every expected figure is worked out by hand in the tests from this.
 *
 * FY 2024/25 = 1 April 2024 00:00 BST (2024-03-31T23:00Z) to 1 April 2025 00:00 BST (2025-03-31T23:00Z); dates
 * (identified on, held on, added/removed on) are UK calendar dates.
 *
 * Children (sex, date of birth): A female 2010-04-01 (14 on 1 April 2024); B male 2008-06-15; C female
 * 2009-01-10; D sex not stated 2011-05-05; E male 2007-02-02; F female 2009-09-09. Z is the city's (892).
 *
 * Concerns: A sexual MASH 2024-03-31 (2023/24) and sexual casework 2024-04-01; B county lines MASH 2025-03-31;
 * C sexual + criminal casework 2024-10-27 and sexual MASH 2024-12-01; D online only 2024-06-01, criminal
 * police 2024-08-08 and sexual 2025-04-01 (2025/26); E criminal other agency 2024-05-01 and 2024-06-01;
 * Z (city) sexual MASH 2024-06-01.
 * Assessments: S1 sexual form completed 2024-03-31T22:59:59Z (23:59:59 BST, 2023/24); S2 sexual form completed
 * 2024-03-31T23:00:00Z (00:00 BST 1 April); C1 combined, sexual none, criminal none, county lines low,
 * 2024-07-01; C2 combined, sexual medium, criminal high, 2024-11-01; C3 combined identifying neither,
 * 2024-12-12; C4 combined sexual high completed 2025-03-31T23:00:00Z (2025/26); D1 a draft, sexual high;
 * K1 criminal form completed 2025-03-31T22:30:00Z (23:30 BST 31 March).
 * Meetings: A CPC initial (sexual) 2024-05-01, CPC review 2024-08-01, ICPC 2024-06-01, RCPC 2024-03-30
 * (2023/24); C CPC review (sexual + criminal) 2024-09-09, RCPC (criminal) 2025-01-10; B CPC initial (county
 * lines) 2025-03-31; E strategy 2024-06-01 and ICPC 2024-07-07 (E is at no CPC-led meeting); F CPC initial
 * (sexual) 2024-03-31 (2023/24).
 * Monitoring: MASE A 2024-01-10 to 2024-04-01 (across the year's start), C 2023-06-01 to 2024-03-31 and again
 * from 2025-03-31, D from 2025-04-01; CCEP B 2024-05-05 to 2024-06-06 and again from 2024-09-01.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { agencies, children, users } from '../../src/db/schema.ts';
import { systemActor, type Actor } from '../../src/modules/access/actor.ts';
import { registerChildren } from '../../src/modules/children/register.service.ts';
import { recordExploitationHistory, type ExploitationHistory } from '../../src/modules/exploitation/history.service.ts';

export const CHILDREN: Record<string, { sex: 'male' | 'female' | null; dob: string; authority?: '892' }> = {
  A: { sex: 'female', dob: '2010-04-01' },
  B: { sex: 'male', dob: '2008-06-15' },
  C: { sex: 'female', dob: '2009-01-10' },
  D: { sex: null, dob: '2011-05-05' },
  E: { sex: 'male', dob: '2007-02-02' },
  F: { sex: 'female', dob: '2009-09-09' },
  Z: { sex: 'female', dob: '2010-02-02', authority: '892' },
};

export interface Fixture {
  ids: Record<string, string>;
  lead: Actor;
  leadUserId: string;
  laAgencyId: string;
}

/** The exploitation lead of an authority, as an actor for the history service. */
export async function leadOf(db: Database, code: '891' | '892'): Promise<{ actor: Actor; userId: string; agencyId: string }> {
  const [lead] = await db.read((q) => q.select().from(users).where(and(eq(users.authorityCode, code), eq(users.role, 'exploitation_lead'))));
  if (!lead) throw new Error('no lead');
  return { actor: { ...systemActor(code, lead.agencyId, `test-${randomUUID()}`), role: 'exploitation_lead', id: lead.id }, userId: lead.id, agencyId: lead.agencyId };
}

async function register(db: Database): Promise<Record<string, string>> {
  for (const code of ['891', '892'] as const) {
    const [agency] = await db.read((q) => q.select().from(agencies).where(eq(agencies.authorityCode, code)));
    const list = Object.entries(CHILDREN).filter(([, c]) => (c.authority ?? '891') === code);
    await db.transaction((tx) => registerChildren(tx, systemActor(code, agency?.id ?? ''), list.map(([key, c]) => ({
      laChildId: `T23-${key}`, forename: 'Test', surname: `Child${key}`, dateOfBirth: c.dob, sex: c.sex, districtId: null, carePeriods: [],
    })), 'test'));
  }
  const rows = await db.read((q) => q.select({ id: children.id, la: children.laChildId }).from(children));
  return Object.fromEntries(Object.keys(CHILDREN).map((k) => [k, rows.find((r) => r.la === `T23-${k}`)?.id ?? '']));
}

export async function loadTable23Fixture(db: Database): Promise<Fixture> {
  const ids = await register(db);
  const { actor, userId, agencyId } = await leadOf(db, '891');
  const concern = (child: string, identifiedOn: string, types: string[], source: 'mash' | 'casework' | 'police_protection' | 'other_agency' = 'casework') => ({
    id: randomUUID(), childId: ids[child] ?? '', source, identifiedOn, types, whatWasSeen: 'Seen by school staff.', seenBy: 'School', raisedBy: userId, raisedByAgencyId: agencyId,
  });
  const assessment = (child: string, kind: 'combined' | 'sexual' | 'criminal', completedAt: string | null, levels: Record<string, 'none' | 'low' | 'medium' | 'high'>) => ({
    id: randomUUID(), childId: ids[child] ?? '', kind, definitionVersion: 'ceera-2024.1', status: completedAt ? 'completed' : 'draft',
    startedAt: new Date('2024-01-01T10:00:00Z'), startedBy: userId, completedAt: completedAt ? new Date(completedAt) : null, completedBy: completedAt ? userId : null,
    indicators: [{ indicator: 'missing.repeat', answer: 'present', evidence: 'Three times in 90 days.' }],
    judgements: Object.entries(levels).map(([type, level]) => ({ type, level, reasons: 'Worker’s judgement.' })),
  });
  const meeting = (child: string, kind: 'strategy' | 'cpc_initial' | 'cpc_review' | 'icpc' | 'rcpc', heldOn: string, types: string[]) => ({
    id: randomUUID(), childId: ids[child] ?? '', kind, types, heldOn, createdBy: userId, attendance: [], decisions: [], actions: [],
  });
  const entry = (panel: 'mase' | 'ccep', child: string, addedOn: string, removedOn: string | null = null) => ({
    id: randomUUID(), panel, childId: ids[child] ?? '', addedOn, addedReason: 'Risk judged high', addedBy: userId,
    removedOn, removedReason: removedOn ? 'Risk reduced' : null, removedBy: removedOn ? userId : null,
  });
  const history: ExploitationHistory = {
    concerns: [
      concern('A', '2024-03-31', ['sexual'], 'mash'), concern('A', '2024-04-01', ['sexual']), concern('B', '2025-03-31', ['county_lines'], 'mash'),
      concern('C', '2024-10-27', ['sexual', 'criminal']), concern('C', '2024-12-01', ['sexual'], 'mash'), concern('D', '2024-06-01', ['online']),
      concern('D', '2024-08-08', ['criminal'], 'police_protection'), concern('D', '2025-04-01', ['sexual']), concern('E', '2024-05-01', ['criminal'], 'other_agency'),
      concern('E', '2024-06-01', ['criminal'], 'other_agency'),
    ],
    assessments: [
      assessment('A', 'sexual', '2024-03-31T22:59:59Z', { sexual: 'medium' }), assessment('A', 'sexual', '2024-03-31T23:00:00Z', { sexual: 'low' }),
      assessment('B', 'combined', '2024-07-01T10:00:00Z', { sexual: 'none', criminal: 'none', county_lines: 'low' }),
      assessment('C', 'combined', '2024-11-01T10:00:00Z', { sexual: 'medium', criminal: 'high' }),
      assessment('D', 'combined', '2024-12-12T10:00:00Z', { sexual: 'none', criminal: 'none' }),
      assessment('C', 'combined', '2025-03-31T23:00:00Z', { sexual: 'high', criminal: 'none' }),
      assessment('A', 'combined', null, { sexual: 'high', criminal: 'none' }),
      assessment('E', 'criminal', '2025-03-31T22:30:00Z', { criminal: 'medium' }),
    ],
    meetings: [
      meeting('A', 'cpc_initial', '2024-05-01', ['sexual']), meeting('A', 'cpc_review', '2024-08-01', ['sexual']), meeting('A', 'icpc', '2024-06-01', ['sexual']),
      meeting('A', 'rcpc', '2024-03-30', ['sexual']), meeting('C', 'cpc_review', '2024-09-09', ['sexual', 'criminal']), meeting('C', 'rcpc', '2025-01-10', ['criminal']),
      meeting('B', 'cpc_initial', '2025-03-31', ['county_lines']), meeting('E', 'strategy', '2024-06-01', ['criminal']), meeting('E', 'icpc', '2024-07-07', ['criminal']),
      meeting('F', 'cpc_initial', '2024-03-31', ['sexual']),
    ],
    monitoring: [
      entry('mase', 'A', '2024-01-10', '2024-04-01'), entry('mase', 'C', '2023-06-01', '2024-03-31'), entry('mase', 'C', '2025-03-31'), entry('mase', 'D', '2025-04-01'),
      entry('ccep', 'B', '2024-05-05', '2024-06-06'), entry('ccep', 'B', '2024-09-01'),
    ],
  };
  await db.transaction((tx) => recordExploitationHistory(tx, actor, history));
  const city = await leadOf(db, '892');
  await db.transaction((tx) => recordExploitationHistory(tx, city.actor, { concerns: [{ ...concern('Z', '2024-06-01', ['sexual'], 'mash'), raisedBy: city.userId, raisedByAgencyId: city.agencyId }] }));
  return { ids, lead: actor, leadUserId: userId, laAgencyId: agencyId };
}
