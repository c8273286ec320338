/**
 * Need to know by scope (EXPLOITATION_SCOPE_BY_ROLE): the allocated worker, a colleague in the allocated worker's
 * team, a panel member, the police force that knows the child, the exploitation lead; not a social worker of another
 * team, nor one with no team, nor the Missing Officer off the panel. The list filter agrees with the single check.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { childAllocations, children, users } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { needToKnowBasis, visibleExploitationChildren } from '../../src/modules/exploitation/need-to-know.ts';
import { addUser } from '../../src/modules/users/users.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW, notify } from '../route/children-support.ts';

describeEachDatabase('Need to know, by the scopes each role has', (use) => {
  let allocated: Actor;
  let colleague: Actor;
  let otherTeam: Actor;
  let noTeam: Actor;

  async function worker(email: string, team: string | null): Promise<Actor> {
    const id = await addUser(use(), null, { email, displayName: email.split('@')[0] ?? email, role: 'social_worker', authorityCode: '891', agencyName: 'Demo County Children’s Services', password: 'a-long-synthetic-password', team });
    return { ...allocated, id, displayName: email };
  }

  beforeAll(async () => {
    allocated = await actorOf(use(), 'social_worker');
    await use().transaction((tx) => tx.update(users).set({ team: 'North locality team' }).where(eq(users.id, allocated.id)));
    colleague = await worker(`colleague.${randomUUID().slice(0, 8)}@county.example`, 'North locality team');
    otherTeam = await worker(`south.${randomUUID().slice(0, 8)}@county.example`, 'South locality team');
    noTeam = await worker(`none.${randomUUID().slice(0, 8)}@county.example`, null);
  }, 60_000);

  it('gives each the basis their role’s scopes allow, and lists only those children', async () => {
    const { childId } = await notify(use(), { role: 'police' });
    const other = await notify(use());
    await use().transaction((tx) => tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId, userId: allocated.id, allocatedAt: FIXED_NOW, allocatedBy: allocated.id }));
    const basis = (actor: Actor) => use().read((q) => needToKnowBasis(q, actor, childId));
    expect(await basis(allocated)).toBe('allocated worker');
    expect(await basis(colleague)).toBe("allocated worker's team");
    expect(await basis(otherTeam)).toBeNull();
    expect(await basis(noTeam)).toBeNull();
    expect(await basis(await actorOf(use(), 'exploitation_lead'))).toBe('exploitation lead');
    expect(await basis(await actorOf(use(), 'police'))).toBe('police for their force');
    expect(await basis(await actorOf(use(), 'missing_officer'))).toBeNull();
    expect(await basis(await actorOf(use(), 'manager'))).toBeNull();

    const listed = (actor: Actor) => use().read(async (q) => (await q.select({ id: children.id }).from(children)
      .where(sql`${inArray(children.id, [childId, other.childId])} AND ${visibleExploitationChildren(actor, sql`${children.id}`)}`)).map((r) => r.id));
    expect(await listed(colleague)).toEqual([childId]);
    expect(await listed(otherTeam)).toEqual([]);
    expect((await listed(await actorOf(use(), 'exploitation_lead'))).sort()).toEqual([childId, other.childId].sort());
  });
});
