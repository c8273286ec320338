/**
 * The retention review on a fixed day: each rule's due date (the 25th birthday, 75 years from birth for a child
 * ever looked after, 6 years after a location's or person's last link or change), oldest first, with holds shown;
 * an authority's own periods; and nobody but the data protection officer may read it.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditEvents, authorities, locationLinks, locations, personsOfConcern } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { placeLegalHold } from '../../src/modules/data-protection/holds.service.ts';
import { retentionReview } from '../../src/modules/data-protection/retention.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { childBornOn, FIXED_NOW } from './retention-support.ts';

const at = (iso: string) => new Date(iso);

describeEachDatabase('retention: the review list', (use) => {
  let dpo: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = use();
    dpo = await actorOf(db, 'admin');
    const worker = await actorOf(db, 'social_worker');
    ids.birthdayToday = await childBornOn(db, '2001-11-21');
    ids.birthdayTomorrow = await childBornOn(db, '2001-11-22');
    ids.leapDay = await childBornOn(db, '2000-02-29');
    ids.lookedAfterDue = await childBornOn(db, '1950-06-30', { lookedAfter: true });
    ids.lookedAfterKept = await childBornOn(db, '1990-01-01', { lookedAfter: true });
    const place = (id: string, created: string) => ({ id, authorityCode: '891', name: `Place ${id.slice(0, 4)}`, kind: 'park', createdBy: worker.id, createdAt: at(created) });
    ids.quietLocation = randomUUID();
    ids.linkedLocation = randomUUID();
    ids.quietPerson = randomUUID();
    ids.editedPerson = randomUUID();
    await db.transaction(async (tx) => {
      await tx.insert(locations).values([place(ids.quietLocation ?? '', '2020-01-10T12:00:00Z'), place(ids.linkedLocation ?? '', '2019-01-01T12:00:00Z')]);
      await tx.insert(locationLinks).values({ id: randomUUID(), locationId: ids.linkedLocation ?? '', childId: ids.birthdayTomorrow ?? '', createdBy: worker.id, createdAt: at('2021-06-01T12:00:00Z') });
      await tx.insert(personsOfConcern).values([
        { id: ids.quietPerson ?? '', authorityCode: '891', name: 'Person Known As Rook', createdBy: worker.id, createdAt: at('2018-03-03T12:00:00Z') },
        { id: ids.editedPerson ?? '', authorityCode: '891', name: 'Person Known As Wren', createdBy: worker.id, createdAt: at('2018-03-03T12:00:00Z') },
      ]);
      await tx.insert(auditEvents).values({ at: at('2021-02-01T12:00:00Z'), authorityCode: '891', action: 'person.updated', subjectType: 'person', subjectId: ids.editedPerson ?? '' });
    });
  }, 120_000);

  it('lists what is due on the day, oldest first, with the rule and the date', async () => {
    const review = await retentionReview(use(), dpo, FIXED_NOW);
    const mine = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    expect(review.due.filter((d) => mine.has(d.id)).map((d) => ({ name: mine.get(d.id), type: d.type, dueOn: d.due.dueOn, rule: d.due.ruleText }))).toEqual([
      { name: 'quietPerson', type: 'person', dueOn: '2024-03-03', rule: 'Kept 6 years after the last link or change' },
      { name: 'leapDay', type: 'child', dueOn: '2025-03-01', rule: 'Kept until the 25th birthday' },
      { name: 'lookedAfterDue', type: 'child', dueOn: '2025-06-30', rule: 'Ever looked after: kept until 75 years from birth' },
      { name: 'quietLocation', type: 'location', dueOn: '2026-01-10', rule: 'Kept 6 years after the last link or change' },
      { name: 'birthdayToday', type: 'child', dueOn: '2026-11-21', rule: 'Kept until the 25th birthday' },
    ]);
    // Not due: the 25th birthday is tomorrow; looked after until 2065; linked in 2021; edited in 2021.
    for (const kept of ['birthdayTomorrow', 'lookedAfterKept', 'linkedLocation', 'editedPerson']) expect(review.due.map((d) => d.id)).not.toContain(ids[kept]);
    expect(review.due[0]?.label).toBe('Person Known As Rook');
  });

  it('shows a legal hold on a due record and lists every hold, due or not', async () => {
    await placeLegalHold(use(), dpo, { type: 'child', id: ids.leapDay ?? '', reason: 'Complaint to the ombudsman' }, FIXED_NOW);
    await placeLegalHold(use(), dpo, { type: 'child', id: ids.birthdayTomorrow ?? '', reason: 'Inquiry' }, new Date(FIXED_NOW.getTime() + 60_000));
    const review = await retentionReview(use(), dpo, FIXED_NOW);
    expect(review.due.find((d) => d.id === ids.leapDay)?.hold).toMatchObject({ reason: 'Complaint to the ombudsman', placedBy: dpo.displayName });
    expect(review.holds.map((h) => h.reason)).toEqual(['Complaint to the ombudsman', 'Inquiry']);
    expect(review.holds[1]?.label).toMatch(/^Robin Oldrecord\w+, born 22\/11\/2001$/);
    await expect(placeLegalHold(use(), dpo, { type: 'child', id: ids.leapDay ?? '', reason: 'Again' }, FIXED_NOW)).rejects.toThrow('This record is already on legal hold');
    await expect(placeLegalHold(use(), dpo, { type: 'child', id: ids.quietPerson ?? '', reason: '  ' }, FIXED_NOW)).rejects.toThrow('Enter why the record must be kept');
  });

  it('uses the authority’s own periods, and refuses a malformed setting rather than guess', async () => {
    const dpo892 = await actorOf(use(), 'admin', '892');
    const id = await childBornOn(use(), '1997-01-01', { authorityCode: '892' });
    const dueIn892 = async () => (await retentionReview(use(), dpo892, FIXED_NOW)).due.map((d) => d.id);
    expect(await dueIn892()).toContain(id);
    await use().transaction((tx) => tx.update(authorities).set({ settings: sql`${authorities.settings} || '{"retention":{"childUntilAge":30}}'::jsonb` }).where(eq(authorities.code, '892')));
    expect(await dueIn892()).not.toContain(id);
    await use().transaction((tx) => tx.update(authorities).set({ settings: sql`${authorities.settings} || '{"retention":{"childUntilAge":"thirty"}}'::jsonb` }).where(eq(authorities.code, '892')));
    await expect(dueIn892()).rejects.toThrow('"retention.childUntilAge" must be a whole number of years from 1 to 150');
  });

  it('is audited, and refused to every other role', async () => {
    const [row] = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'retention.reviewed')));
    expect(row?.details).toMatchObject({ actorId: dpo.id });
    for (const role of ['missing_officer', 'social_worker', 'police', 'manager', 'rhi_worker', 'exploitation_lead'] as const) {
      await expect(retentionReview(use(), await actorOf(use(), role), FIXED_NOW)).rejects.toThrow('You do not have permission to do that');
    }
  });
});
