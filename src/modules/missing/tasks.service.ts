/** Tasks raised by intake, such as telling a responsible authority that their looked-after child is missing. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { tasks } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, NotFound } from '../errors.ts';
import { actorUserId } from './intake.service.ts';
import { cleanText } from './incident-rules.ts';

/** Marks a task done, by whom and when, with an optional note; it leaves the dashboard for the chronology. */
export async function completeTask(db: Database, actor: Actor, id: string, input: { note: string }, now: Date): Promise<{ childId: string; description: string }> {
  assertCan(actor, 'task:complete');
  const taskId = recordId(id, 'task');
  return db.transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(and(eq(tasks.id, taskId), eq(tasks.authorityCode, actor.authorityCode))).for('update');
    if (!task) throw new NotFound('There is no such task');
    if (task.doneAt) throw new Conflict('This task was already marked as done');
    await tx.update(tasks).set({ doneAt: now, doneBy: actorUserId(actor), doneNote: cleanText(input.note, 1000) }).where(eq(tasks.id, task.id));
    await writeAudit(tx, actor, { action: 'task.completed', childId: task.childId, subjectType: 'task', subjectId: task.id, details: { kind: task.kind } });
    return { childId: task.childId, description: task.description };
  });
}
