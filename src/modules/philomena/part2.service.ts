/**
 * Part 2 of the Philomena Protocol, one per missing incident: what the child was wearing, where and when they
 * were last seen, and what else the police should know. Its "last seen" starts as the incident's and may be
 * corrected here without rewriting the police's incident.
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, can, scopeOf } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import type { IncidentRow } from '../missing/intake.repository.ts';
import { actorUserId } from '../missing/intake.service.ts';
import { findIncident } from '../missing/incident.repository.ts';
import { changeEntries } from './changes.ts';
import { checkPart2, part2FieldLabel, PART2_QUESTIONS, type Part2Answers, type Part2Input } from './part2-form.ts';
import { assertLookedAfter, philomenaChild, type PhilomenaChild } from './philomena-child.ts';
import * as repo from './philomena.repository.ts';

/** Someone else saved Part 2 after this form was opened. */
export class Part2Changed extends Conflict {
  constructor(readonly incidentId: string) {
    super('Part 2 was changed by someone else while you were editing');
    this.name = 'Part2Changed';
  }
}

/** The incident within the actor's scope and the live child it is about; anything else does not exist for them. */
export async function incidentAndChild(tx: Tx, actor: Actor, incidentId: string, now: Date): Promise<{ incident: IncidentRow; child: PhilomenaChild }> {
  const incident = await findIncident(tx, scopeOf(actor), recordId(incidentId, 'incident'));
  if (!incident) throw new NotFound('There is no such incident');
  const resolved = await philomenaChild(tx, actor, incident.childId, now);
  if (resolved.kind === 'merged') throw new NotFound('There is no such incident');
  return { incident, child: resolved.child };
}

/** Part 2 as stored, or as it starts: nothing known but the incident's last-seen time. */
export function part2Answers(row: repo.Part2Row | null, incident: IncidentRow): Part2Answers {
  return {
    clothing: row?.clothing ?? null, lastSeenPlace: row?.lastSeenPlace ?? null, otherInformation: row?.otherInformation ?? null,
    lastSeenAt: row?.lastSeenAt ?? incident.lastSeenAt,
  };
}

/** Part 2 of an incident with its changes, audited as `philomena.part2-viewed`. */
export async function viewPart2(db: Database, actor: Actor, incidentId: string, now: Date) {
  assertCan(actor, 'philomena:view');
  return db.transaction(async (tx) => {
    const { incident, child } = await incidentAndChild(tx, actor, incidentId, now);
    await writeAudit(tx, actor, { action: 'philomena.part2-viewed', childId: child.id, subjectType: 'incident', subjectId: incident.id, details: { lookedAfter: child.lookedAfter } });
    const row = child.lookedAfter ? await repo.findPart2(tx, incident.id) : null;
    return {
      lookedAfter: child.lookedAfter, child, incident, answers: part2Answers(row, incident), version: row?.version ?? 0, saved: row !== null,
      changes: child.lookedAfter ? await changeEntries(tx, { incidentId: incident.id }, part2FieldLabel) : [],
      canEdit: can(actor, 'philomena:edit'),
    };
  });
}

export type Part2Page = Awaited<ReturnType<typeof viewPart2>>;

const stored = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : v);

/** Saves Part 2 if it is still at `version` (0 when there was none); returns the fields that changed. */
export async function savePart2(db: Database, actor: Actor, incidentId: string, input: { version: number; form: Part2Input }, now: Date): Promise<{ changed: string[] }> {
  assertCan(actor, 'philomena:edit');
  return db.transaction(async (tx) => {
    const { incident, child } = await incidentAndChild(tx, actor, incidentId, now);
    assertLookedAfter(child);
    const row = await repo.findPart2(tx, incident.id, { lock: true });
    if ((row?.version ?? 0) !== input.version) throw new Part2Changed(incident.id);
    const checked = checkPart2(input.form, incident, now);
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const before = row ? part2Answers(row, incident) : null;
    const changes = [...PART2_QUESTIONS.map((q) => q.name), 'lastSeenAt' as const]
      .map((field) => ({ field, oldValue: before ? stored(before[field]) : null, newValue: stored(checked.value[field]) }))
      .filter((c) => c.oldValue !== c.newValue);
    const by = actorUserId(actor);
    if (changes.length) {
      const saved = await repo.savePart2(tx, { incidentId: incident.id, authorityCode: actor.authorityCode, expectedVersion: input.version, answers: checked.value, at: now, by });
      if (!saved) throw new Part2Changed(incident.id);
      await repo.addChanges(tx, changes.map((c) => ({ ...c, incidentId: incident.id, changedAt: now, changedBy: by })));
    }
    const fields = changes.map((c) => c.field);
    await writeAudit(tx, actor, { action: 'philomena.part2-saved', childId: child.id, subjectType: 'incident', subjectId: incident.id, details: { fields } });
    return { changed: fields };
  });
}
