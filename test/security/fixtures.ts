/**
 * Records for the injection tests to find forms on, as the access matrix makes them: a looked-after child missing
 * now (high risk, so an alert and tasks), an ended incident with its return interview, a child missing four times
 * (so a meeting request), the need-to-know links that let every role open the child's exploitation records, an
 * API key to revoke, and a completed interview with a one-time feedback link (the child's public form).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.ts';
import { alerts, childAllocations, panelMonitoring, tasks } from '../../src/db/schema.ts';
import { ensurePanels } from '../../src/modules/exploitation/panels-setup.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { meetingsOf } from '../db/repeat-missing-support.ts';
import { actorOf, policeAgencyId } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, newChild, notify } from '../route/children-support.ts';
import { lookedAfterChild } from '../route/philomena-support.ts';
import { foundHoursAgo, interviewsOf } from '../route/return-interview-support.ts';
import { completedInterview, createLink } from '../route/rhi-feedback-support.ts';
import { Agent } from '../support/app.ts';

export { FIXED_NOW };

export interface Ids {
  childId: string;
  incidentId: string;
  rhiId: string;
  meetingId: string;
  alertId: string;
  taskId: string;
  revocableKeyId: string;
  feedbackToken: string;
}

async function giveEveryRoleANeedToKnow(db: Database, childId: string): Promise<void> {
  const worker = await actorOf(db, 'social_worker');
  await db.transaction(async (tx) => {
    const panelIds = await ensurePanels(tx, '891');
    await tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId, userId: worker.id, allocatedAt: FIXED_NOW, allocatedBy: worker.id });
    await tx.insert(panelMonitoring).values({ id: randomUUID(), panelId: panelIds.fmh, childId, addedOn: '2026-10-01', addedReason: 'Missing four times in 90 days', addedBy: worker.id });
  });
}

async function repeatMissingMeeting(db: Database): Promise<string> {
  const child = newChild();
  const la = `LA-${randomUUID().slice(0, 8)}`;
  let childId = '';
  for (const day of ['2026-09-01', '2026-09-15', '2026-09-29', '2026-10-13']) childId = (await notify(db, { child, cells: endedOn(day, { la_child_id: la }) })).childId;
  const [meeting] = await meetingsOf(db, childId);
  if (!meeting) throw new Error('no meeting request was raised');
  return meeting.id;
}

/** One of each record a route can name, through the services and pages as people would make them. */
export async function recordFixtures(db: Database, app: FastifyInstance): Promise<Ids> {
  const main = await lookedAfterChild(db, { role: 'police', cells: { risk_grade: 'high' } });
  const ended = await notify(db, { role: 'police', cells: foundHoursAgo(2) });
  const [rhi] = await interviewsOf(db, ended.incidentId);
  const meetingId = await repeatMissingMeeting(db);
  const [alert] = await db.read((q) => q.select().from(alerts).where(and(eq(alerts.subjectId, main.incidentId), eq(alerts.audienceRole, 'missing_officer'))));
  const [task] = await db.read((q) => q.select().from(tasks).where(eq(tasks.childId, main.childId)));
  const revocable = await createApiKey(db, null, { authorityCode: '891', agencyId: await policeAgencyId(db), name: 'Key to revoke' });
  if (!rhi || !alert) throw new Error('the injection fixtures are incomplete');
  await giveEveryRoleANeedToKnow(db, main.childId);
  const officer = await new Agent(app).signIn('missing_officer');
  const completed = await completedInterview(db, officer);
  const { token } = await createLink(officer, completed.rhiId);
  if (!token) throw new Error('no feedback link was shown');
  return {
    childId: main.childId, incidentId: main.incidentId, rhiId: rhi.id, meetingId, alertId: alert.id,
    taskId: task?.id ?? randomUUID(), revocableKeyId: revocable.id, feedbackToken: token,
  };
}

/** The real address of a route pattern: each kind of id from the fixtures; anything else a made-up uuid (a 404). */
export function concretePath(pattern: string, ids: Ids): string {
  const byPrefix: [string, string][] = [
    ['/children/', ids.childId], ['/incidents/', ids.incidentId], ['/return-interviews/', ids.rhiId], ['/meetings/', ids.meetingId],
    ['/alerts/', ids.alertId], ['/tasks/', ids.taskId], ['/admin/api-keys/', ids.revocableKeyId], ['/reports/', 'table1'],
    ['/api/v1/reports/', 'table1'], ['/feedback/', ids.feedbackToken],
  ];
  const id = byPrefix.find(([prefix]) => pattern.startsWith(prefix))?.[1] ?? randomUUID();
  return pattern.replace(':id', id).replace(':token', id).replace(/:\w+/g, () => randomUUID());
}

/** A regular expression for a route pattern (`/children/:id/care-status`), to tell which route an address is. */
export function patternMatcher(patterns: string[]): (path: string) => string | null {
  const compiled = patterns
    .map((p) => ({ p, re: new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`), statics: p.split('/').filter((s) => s && !s.startsWith(':')).length }))
    // Static segments win over parameters, as in the router (`/reports/styles.css` before `/reports/:id`).
    .sort((a, b) => b.statics - a.statics);
  return (path) => compiled.find((c) => c.re.test(path))?.p ?? null;
}
