/** The "tell the responsible authority" task: done from the dashboard or the child's record, then in the chronology. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tasks } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { auditOf, FIXED_NOW, mainText, notify } from './children-support.ts';

describeEachDatabase('Tasks', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
  });
  afterAll(() => app.close());

  async function olaIncident() {
    const recorded = await notify(use(), { cells: { missing_from: 'ola care', responsible_authority: 'Westmoor Council' } });
    const [task] = await use().read((q) => q.select().from(tasks).where(eq(tasks.incidentId, recorded.incidentId)));
    if (!task) throw new Error('no task raised');
    return { ...recorded, taskId: task.id };
  }

  it('is marked done from the dashboard, leaves it and shows in the chronology with who did it', async () => {
    const { childId, reference, taskId } = await olaIncident();
    const officer = await new Agent(app).signIn('missing_officer');
    const board = await officer.get('/missing-now');
    expect(board.body).toContain(`/tasks/${taskId}/complete`);
    expect(mainText(board.body)).toContain(`Tell Westmoor Council that their looked-after child was reported missing (${reference})`);
    const res = await officer.post(`/tasks/${taskId}/complete`, {});
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/missing-now');
    const after = await officer.get('/missing-now');
    expect(mainText(after.body)).toContain('Task done: Tell Westmoor Council');
    expect(after.body).not.toContain(`/tasks/${taskId}/complete`);
    const record = mainText((await officer.get(`/children/${childId}`)).body);
    expect(record).toContain('Task done by Alex Morgan');
    expect(await auditOf(use(), 'task.completed', taskId)).toHaveLength(1);
    expect((await officer.post(`/tasks/${taskId}/complete`, {})).statusCode).toBe(409);
  });

  it('is marked done from the child record by a social worker, with a note', async () => {
    const { childId, taskId } = await olaIncident();
    const worker = await new Agent(app).signIn('social_worker');
    await worker.get(`/children/${childId}`);
    const res = await worker.post(`/tasks/${taskId}/complete`, { note: 'Phoned their duty team', returnTo: 'child' });
    expect(res.headers.location).toBe(`/children/${childId}`);
    const [task] = await use().read((q) => q.select().from(tasks).where(eq(tasks.id, taskId)));
    expect(task).toMatchObject({ doneNote: 'Phoned their duty team' });
    expect(task?.doneAt?.toISOString()).toBe(FIXED_NOW.toISOString());
    expect(mainText((await worker.get(`/children/${childId}`)).body)).toContain('Note: Phoned their duty team');
  });

  it('is not for the police, nor another authority', async () => {
    const { taskId, childId } = await olaIncident();
    const city = await new Agent(app).signIn('missing_officer', '892');
    await city.get('/missing-now');
    expect((await city.post(`/tasks/${taskId}/complete`, {})).statusCode).toBe(404);
    const police = await new Agent(app).signIn('police');
    await police.get('/missing-now');
    expect((await police.post(`/tasks/${taskId}/complete`, {})).statusCode).toBe(403);
    expect(childId).toBeTruthy();
  });
});
