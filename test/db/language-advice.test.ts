/**
 * Counting the language guide's advice on saved records: one row per phrase written, against the user's team or
 * else their agency's name, never the text; text saved again unchanged is not counted twice; a return
 * interview counts the worker's words and never the child's; a meeting recorded as held counts its decisions.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { agencies, languageAdvice, users } from '../../src/db/schema.ts';
import { systemActor, type Actor } from '../../src/modules/access/actor.ts';
import { recordLanguageAdvice } from '../../src/modules/language/advice.ts';
import { recordMeetingHeld, scheduleMeeting } from '../../src/modules/repeat-missing/meeting-lifecycle.service.ts';
import { recordReturnInterview } from '../../src/modules/return-interviews/return-interviews.service.ts';
import type { RhiForm } from '../../src/modules/return-interviews/record-form.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, notify } from '../route/children-support.ts';
import { endedIncident } from '../route/return-interview-support.ts';
import { heldForm, meetingsOf } from './repeat-missing-support.ts';

const adviceFor = (db: Database, recordId: string) =>
  db.read((q) => q.select().from(languageAdvice).where(eq(languageAdvice.recordId, recordId)).orderBy(languageAdvice.id));

const BLANK_ACTION = { description: '', owner: '', dueOn: '' };
const RHI: RhiForm = {
  offeredAt: '', offerMethod: '', offeredBy: '', offeredByIndependent: '', outcome: '', notAttemptedReason: '', completedAt: '',
  factors: [], notes: '', risks: [], whereStayed: '', stayedWith: '', childWords: '', actions: [BLANK_ACTION, BLANK_ACTION],
  providerAgencyId: '', workerUserId: '', sendToMissingOfficer: false,
};

describeEachDatabase('The language guide: counting advice on saved records', (use) => {
  let officer: Actor;
  let agencyName = '';

  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
    const [agency] = await use().read((q) => q.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, officer.agencyId)));
    agencyName = agency?.name ?? '';
  });

  const setTeam = (actor: Actor, team: string | null) => use().transaction(async (tx) => {
    await tx.update(users).set({ team }).where(eq(users.id, actor.id));
  });

  it('stores one row per phrase found, against the agency’s name when the user has no team, and never the text', async () => {
    const recordId = randomUUID();
    const text = 'She absconded again and is putting herself at risk; absconding is now weekly.';
    const advice = await use().transaction((tx) => recordLanguageAdvice(tx, officer, { recordKind: 'test', recordId, fields: { notes: text, plan: 'Visit weekly.', other: null } }, FIXED_NOW));
    expect(advice.map((a) => [a.field, a.advice.map((f) => f.phrase.code)])).toEqual([['notes', ['absconded', 'putting-themselves-at-risk', 'absconded']]]);
    const rows = await adviceFor(use(), recordId);
    expect(rows.map((r) => r.phraseCode).sort()).toEqual(['absconded', 'absconded', 'putting-themselves-at-risk']);
    expect(agencyName).not.toBe('');
    for (const r of rows) {
      expect(r).toMatchObject({ authorityCode: '891', userId: officer.id, team: agencyName, recordKind: 'test', field: 'notes', advisedAt: FIXED_NOW });
      expect(JSON.stringify(r)).not.toContain('herself');
    }
  });

  it('counts against the user’s team when one is recorded', async () => {
    await setTeam(officer, 'Missing and exploitation hub');
    try {
      const recordId = randomUUID();
      await use().transaction((tx) => recordLanguageAdvice(tx, officer, { recordKind: 'test', recordId, fields: { notes: 'A runaway.' } }, FIXED_NOW));
      expect((await adviceFor(use(), recordId)).map((r) => r.team)).toEqual(['Missing and exploitation hub']);
    } finally {
      await setTeam(officer, null);
    }
  });

  it('counts only what this save wrote: text saved again unchanged is not counted twice', async () => {
    const recordId = randomUUID();
    const save = (notes: string, previous: string | null) =>
      use().transaction((tx) => recordLanguageAdvice(tx, officer, { recordKind: 'test', recordId, fields: { notes }, previous: { notes: previous } }, FIXED_NOW));
    const first = 'He is streetwise.';
    expect((await save(first, null))[0]?.advice).toHaveLength(1);
    // Saved again unchanged: the advice is still given, but nothing more is counted.
    expect((await save(first, first))[0]?.advice).toHaveLength(1);
    await save(`${first} He is also very street-wise and a runaway.`, first);
    expect((await adviceFor(use(), recordId)).map((r) => r.phraseCode).sort()).toEqual(['runaway', 'streetwise', 'streetwise']);
  });

  it('gives advice to an API key but counts nothing, and counts the system’s own work against its agency', async () => {
    const recordId = randomUUID();
    const key: Actor = { ...officer, kind: 'api_key', id: randomUUID() };
    expect(await use().transaction((tx) => recordLanguageAdvice(tx, key, { recordKind: 'test', recordId, fields: { notes: 'Non-compliant.' } }, FIXED_NOW))).toHaveLength(1);
    expect(await adviceFor(use(), recordId)).toEqual([]);
    const system = systemActor('891', officer.agencyId);
    await use().transaction((tx) => recordLanguageAdvice(tx, system, { recordKind: 'test', recordId, fields: { notes: 'Non-compliant.' } }, FIXED_NOW));
    expect((await adviceFor(use(), recordId)).map((r) => [r.team, r.phraseCode])).toEqual([[agencyName, 'non-compliant']]);
  });

  it('counts a return interview’s professional fields on save, never the child’s own words', async () => {
    const { rhiId } = await endedIncident(use(), 67);
    const advice = await recordReturnInterview(use(), officer, rhiId, {
      version: 1,
      form: {
        ...RHI, notes: 'Arguments at home; she is making poor choices.', whereStayed: 'At her boyfriend’s flat',
        childWords: 'I am a runaway and I put myself at risk, I know.', actions: [{ description: 'Challenge her risky behaviour', owner: 'Social worker', dueOn: '28/11/2026' }, BLANK_ACTION],
      },
    }, FIXED_NOW);
    expect(advice.map((a) => [a.field, a.advice.map((f) => f.phrase.code)])).toEqual([
      ['notes', ['making-choices']], ['whereStayed', ['boyfriend-girlfriend']], ['actions', ['risky-behaviour']],
    ]);
    const rows = await adviceFor(use(), rhiId);
    expect(rows.map((r) => [r.recordKind, r.field, r.phraseCode])).toEqual([
      ['return_interview', 'notes', 'making-choices'], ['return_interview', 'whereStayed', 'boyfriend-girlfriend'], ['return_interview', 'actions', 'risky-behaviour'],
    ]);
    expect(rows.some((r) => r.field === 'childWords' || r.phraseCode === 'runaway')).toBe(false);

    // Saving the outcome later with the same notes counts nothing new.
    await recordReturnInterview(use(), officer, rhiId, { version: 2, form: { ...RHI, notes: 'Arguments at home; she is making poor choices.', whereStayed: 'At her boyfriend’s flat', outcome: 'unable_to_contact' } }, FIXED_NOW);
    expect(await adviceFor(use(), rhiId)).toHaveLength(3);
  });

  it('counts a meeting’s decisions and actions when it is recorded as held, in the same save', async () => {
    const child = newChild();
    const la = `LA-${randomUUID().slice(0, 8)}`;
    let childId = '';
    // Four incidents a week apart: the repeat missing rule asks for a meeting.
    for (const day of ['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-22']) childId = (await notify(use(), { child, cells: endedOn(day, { la_child_id: la }) })).childId;
    const [request] = await meetingsOf(use(), childId);
    if (!request) throw new Error('no meeting request raised');
    await scheduleMeeting(use(), officer, request.id, { version: 1, scheduledFor: '01/06/2026 10:00' });
    const form = await heldForm(use());
    const first = form.actions[0] ?? { description: '', owner: '', agencyId: '', dueOn: '' };
    const held = await recordMeetingHeld(use(), officer, request.id, {
      ...form, version: 2, decisions: 'Safety plan agreed\nShe is not engaging with the school', actions: [{ ...first, description: 'Talk to her about hanging around with older males' }],
    }, FIXED_NOW);
    expect(held.status).toBe('held');
    expect(held.languageAdvice.map((a) => [a.field, a.advice.map((f) => f.phrase.code)])).toEqual([['decisions', ['not-engaging']], ['actions', ['hanging-around-with']]]);
    expect((await adviceFor(use(), request.id)).map((r) => [r.recordKind, r.field, r.phraseCode])).toEqual([
      ['meeting_request', 'decisions', 'not-engaging'], ['meeting_request', 'actions', 'hanging-around-with'],
    ]);
  });

  it('counts nothing when the meeting could not be saved', async () => {
    const before = await use().read((q) => q.select().from(languageAdvice));
    await expect(recordMeetingHeld(use(), officer, randomUUID(), { ...(await heldForm(use())), version: 2, decisions: 'He absconded' }, FIXED_NOW)).rejects.toThrow('There is no such meeting request');
    expect(await use().read((q) => q.select().from(languageAdvice))).toHaveLength(before.length);
  });
});
