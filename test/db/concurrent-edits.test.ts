/**
 * Twenty people saving the same incident at the same moment, each from the version they opened: exactly one
 * change is saved, the other nineteen are told it changed under them, and nothing is lost or half-written.
 * Over HTTP, each of the nineteen sees the "changed by someone else" page with the incident as it is now and the
 * change they tried to make. On PGlite this exercises the lock that serialises work; on PostgreSQL, row locks.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, incidentChanges } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { correctIncident } from '../../src/modules/missing/incident-correction.service.ts';
import { IncidentChanged, regradeRisk } from '../../src/modules/missing/incident.service.ts';
import { actorForUser, addUser } from '../../src/modules/users/users.service.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { incidentByReference } from '../fixtures/records.ts';
import { mainText, notify } from '../route/children-support.ts';

const USERS = 20;

describeEachDatabase('Twenty people saving the same incident at once', (use, backend) => {
  let officers: Actor[];

  beforeAll(async () => {
    // Twenty different people, each with their own account; the password hash is never checked here.
    officers = [];
    for (let i = 1; i <= USERS; i += 1) {
      const email = `concurrent.officer.${backend}.${i}@county.example`;
      const id = await addUser(use(), null, { email, displayName: `Officer ${i}`, role: 'missing_officer', authorityCode: '891', agencyName: 'Demo County Children’s Services', password: 'not-used-by-this-test' }, { passwordHash: 'unused' });
      const actor = await actorForUser(use(), id, `concurrent-${i}`);
      if (!actor) throw new Error(`user ${email} has no actor`);
      officers.push(actor);
    }
  });

  const historyOf = (incidentId: string) => use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, incidentId)));
  const auditsOf = (incidentId: string) => use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.subjectId, incidentId)));

  /** Runs every save at once and splits the outcomes into the one saved and the ones refused. */
  async function race<T>(saves: (() => Promise<T>)[]): Promise<{ winner: number; refused: unknown[] }> {
    const results = await Promise.allSettled(saves.map((save) => save()));
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    return { winner: winners[0] ?? -1, refused: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])) };
  }

  it('saves exactly one of twenty risk re-gradings from the same version, with nothing lost or mixed', async () => {
    const { incidentId, reference } = await notify(use());
    const grades = officers.map((_, i) => (i % 2 === 0 ? 'high' : 'low'));

    const { winner, refused } = await race(officers.map((officer, i) => () =>
      regradeRisk(use(), officer, incidentId, { version: 1, riskGrade: grades[i] ?? 'high', reason: `Re-graded by officer ${i + 1}` }, FIXED_NOW)));

    expect(refused).toHaveLength(USERS - 1);
    for (const error of refused) expect(error).toBeInstanceOf(IncidentChanged);
    expect(await incidentByReference(use(), reference)).toMatchObject({ version: 2, riskGrade: grades[winner], initialRiskGrade: 'medium' });
    expect((await historyOf(incidentId)).map((h) => ({ field: h.field, oldValue: h.oldValue, newValue: h.newValue, reason: h.reason, by: h.changedByUser }))).toEqual([
      { field: 'riskGrade', oldValue: 'medium', newValue: grades[winner], reason: `Re-graded by officer ${winner + 1}`, by: officers[winner]?.id },
    ]);
    expect((await auditsOf(incidentId)).filter((a) => a.action === 'incident.regraded').map((a) => a.userId)).toEqual([officers[winner]?.id]);
  });

  it('saves exactly one of twenty different corrections from the same version', async () => {
    const { incidentId, reference } = await notify(use());
    const circumstances = officers.map((_, i) => `Left after school, account given to officer ${i + 1}`);

    const { winner, refused } = await race(officers.map((officer, i) => () =>
      correctIncident(use(), officer, incidentId, { version: 1, field: 'circumstances', value: circumstances[i] ?? '', reason: `Checked by officer ${i + 1}` }, FIXED_NOW)));

    for (const error of refused) expect(error).toBeInstanceOf(IncidentChanged);
    expect(await incidentByReference(use(), reference)).toMatchObject({ version: 2, circumstances: circumstances[winner] });
    expect((await historyOf(incidentId)).map((h) => [h.field, h.newValue, h.reason])).toEqual([['circumstances', circumstances[winner], `Checked by officer ${winner + 1}`]]);
  });

  describeHttp(use);
});

/** The same race through the web app: twenty signed-in browsers post the risk form opened at version 1. */
function describeHttp(use: () => Parameters<typeof buildTestApp>[0]): void {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
  });
  afterAll(() => app.close());

  it('shows each of the nineteen people refused the page with the incident now and the change they tried', async () => {
    const { incidentId, reference } = await notify(use());
    const agents: Agent[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const agent = await new Agent(app).signIn('missing_officer');
      await agent.get(`/incidents/${incidentId}`);
      agents.push(agent);
    }

    const responses = await Promise.all(agents.map((agent, i) =>
      agent.post(`/incidents/${incidentId}/risk`, { version: '1', riskGrade: i % 2 === 0 ? 'high' : 'low', reason: `Browser ${i + 1} re-grading` })));

    expect(responses.map((r) => r.statusCode).sort()).toEqual([302, ...Array<number>(USERS - 1).fill(409)]);
    const saved = await incidentByReference(use(), reference);
    expect(saved?.version).toBe(2);
    const savedGrade = saved?.riskGrade === 'high' ? 'High' : 'Low';
    responses.forEach((response, i) => {
      if (response.statusCode !== 409) return;
      const text = mainText(response.body);
      expect(text).toContain('This incident was changed by someone else while you were editing');
      expect(text).toContain(`Risk grade ${savedGrade}`);
      expect(text).toContain(`Your change (not saved) New risk grade ${i % 2 === 0 ? 'high' : 'low'} Reason Browser ${i + 1} re-grading`);
    });
  });
}
