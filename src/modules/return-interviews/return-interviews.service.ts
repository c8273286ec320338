/**
 * Working return home interviews: the worklist with its clocks, one interview's page (audited), and recording
 * it with an optimistic version check, so nobody's record is overwritten silently.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertNotRestricted } from '../access/restriction.ts';
import { assertCan, can, type Action } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { recordLanguageAdvice, type FieldAdvice } from '../language/advice.ts';
import { rhiClocks, type RhiStatus } from './clocks.ts';
import { checkRhiForm, type RhiForm } from './record-form.ts';
import * as repo from './return-interview.repository.ts';

/** Someone else saved the interview after this form was opened. */
export class ReturnInterviewChanged extends Conflict {
  constructor(readonly returnInterviewId: string) {
    super('This return interview was changed by someone else while you were editing');
    this.name = 'ReturnInterviewChanged';
  }
}

export type WorklistFilter = 'all' | 'overdue' | 'due-soon';

/** Open interviews of the actor's authority, the next clock to fall due first, each with its clock text. */
export async function returnInterviewWorklist(db: Database, actor: Actor, now: Date, filter: WorklistFilter = 'all') {
  assertCan(actor, 'rhi:view');
  const { rows, settings } = await db.read(async (q) => ({
    rows: await repo.openReturnInterviews(q, actor),
    settings: await repo.clockSettings(q, actor.authorityCode),
  }));
  const all = rows
    .map((r) => ({ ...r, clocks: rhiClocks({ returnedAt: r.returnedAt, offeredAt: r.offeredAt, completedAt: r.completedAt, closedAt: r.closedAt }, now, settings) }))
    .sort((a, b) => (a.clocks.nextDueAt?.getTime() ?? 0) - (b.clocks.nextDueAt?.getTime() ?? 0));
  const counts = { all: all.length, overdue: countOf(all, 'overdue'), dueSoon: countOf(all, 'due-soon') };
  const shown = filter === 'all' ? all : all.filter((r) => r.clocks.status === filter);
  return { rows: shown, counts, settings, canSeeChild: can(actor, 'child:view') };
}

const countOf = (rows: { clocks: { status: RhiStatus } }[], status: RhiStatus) => rows.filter((r) => r.clocks.status === status).length;

/** One interview with its child, incident, lists, clocks and assignment options, audited as viewed. */
export async function viewReturnInterview(db: Database, actor: Actor, id: string, now: Date, options: { for?: Action } = {}) {
  assertCan(actor, 'rhi:view');
  if (options.for) assertCan(actor, options.for);
  const rhiId = recordId(id, 'return interview');
  return db.transaction(async (tx) => {
    const rhi = await repo.findReturnInterview(tx, actor.authorityCode, rhiId);
    if (!rhi) throw new NotFound('There is no such return interview');
    await assertNotRestricted(tx, actor, rhi.childId);
    const details = await repo.interviewDetails(tx, rhi);
    const settings = await repo.clockSettings(tx, actor.authorityCode);
    const assignment = await repo.assignmentOptions(tx, actor.authorityCode);
    await writeAudit(tx, actor, { action: 'return-interview.viewed', childId: rhi.childId, subjectType: 'return_interview', subjectId: rhi.id });
    const clocks = rhiClocks({ returnedAt: rhi.returnedAt, offeredAt: rhi.offeredAt, completedAt: rhi.completedAt, closedAt: rhi.closedAt }, now, settings);
    return { rhi, ...details, ...assignment, settings, clocks, canRecord: can(actor, 'rhi:record'), canSeeChild: can(actor, 'child:view') };
  });
}

export type ReturnInterviewPage = Awaited<ReturnType<typeof viewReturnInterview>>;

/**
 * Records what happened: offer, outcome, what the child said, risks, follow-up actions. Whether each clock was
 * met is recorded as it stands at `now`; sending it back to the Missing Officer is kept once done. Returns the
 * language guide's advice on the worker's free text, to show after saving.
 */
export async function recordReturnInterview(db: Database, actor: Actor, id: string, input: { version: number; form: RhiForm }, now: Date): Promise<FieldAdvice[]> {
  assertCan(actor, 'rhi:record');
  const rhiId = recordId(id, 'return interview');
  return db.transaction(async (tx) => {
    const rhi = await repo.findReturnInterview(tx, actor.authorityCode, rhiId, { lock: true });
    if (!rhi) throw new NotFound('There is no such return interview');
    if (rhi.version !== input.version) throw new ReturnInterviewChanged(rhi.id);
    const { providers, workers } = await repo.assignmentOptions(tx, actor.authorityCode);
    const checked = checkRhiForm(input.form, { returnedAt: rhi.returnedAt, now, providerIds: new Set(providers.map((p) => p.id)), workerIds: new Set(workers.map((w) => w.id)) });
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const v = checked.value;
    if (rhi.sentToMissingOfficerAt && !v.outcome) throw new ValidationFailed([{ field: 'outcome', message: 'This interview was sent back to the Missing Officer: select its outcome' }]);
    const closedAt = v.outcome === null ? null : v.outcome === rhi.outcome && rhi.closedAt ? rhi.closedAt : now;
    const clocks = rhiClocks({ returnedAt: rhi.returnedAt, offeredAt: v.offeredAt, completedAt: v.completedAt, closedAt }, now, await repo.clockSettings(tx, actor.authorityCode));
    const sentAt = rhi.sentToMissingOfficerAt ?? (v.sendToMissingOfficer ? now : null);
    const saved = await repo.saveRecord(tx, {
      id: rhi.id, expectedVersion: input.version, factors: v.factors, risks: v.risks,
      actions: v.actions.map((a) => ({ id: randomUUID(), returnInterviewId: rhi.id, ...a })),
      patch: {
        offeredAt: v.offeredAt, offerMethod: v.offerMethod, offeredBy: v.offeredBy, offeredByIndependent: v.offeredByIndependent,
        outcome: v.outcome, notAttemptedReason: v.notAttemptedReason, completedAt: v.completedAt, closedAt,
        notes: v.notes, whereStayed: v.whereStayed, stayedWith: v.stayedWith, childWords: v.childWords,
        providerAgencyId: v.providerAgencyId ?? rhi.providerAgencyId, workerUserId: v.workerUserId,
        sentToMissingOfficerAt: sentAt, offerMet: clocks.offerMet, completionMet: clocks.completionMet, updatedAt: now,
      },
    });
    if (!saved) throw new ReturnInterviewChanged(rhi.id);
    await writeAudit(tx, actor, {
      action: 'return-interview.recorded', childId: rhi.childId, subjectType: 'return_interview', subjectId: rhi.id,
      details: { outcome: v.outcome, offerMet: clocks.offerMet, completionMet: clocks.completionMet, sentToMissingOfficer: sentAt !== null, actionsAdded: v.actions.length },
    });
    // The language guide advises on the professional's own words only: the child's words are quoted as said.
    return recordLanguageAdvice(tx, actor, {
      recordKind: 'return_interview', recordId: rhi.id,
      fields: { notes: v.notes, notAttemptedReason: v.notAttemptedReason, whereStayed: v.whereStayed, stayedWith: v.stayedWith, actions: v.actions.map((a) => a.description).join('\n') },
      previous: { notes: rhi.notes, notAttemptedReason: rhi.notAttemptedReason, whereStayed: rhi.whereStayed, stayedWith: rhi.stayedWith },
    }, now);
  });
}
