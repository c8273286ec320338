/**
 * The one intake service for police missing notifications. The form, the API, CSV files and the demo loader
 * all hand validated notifications to `applyNotifications`.
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { swapDayAndMonth } from '../children/child-matching.ts';
import { Conflict } from '../errors.ts';
import { IntakeBatch, type IntakeOutcome, type IntakeRow, type IntakeSource, type Known } from './intake-batch.ts';
import * as repo from './intake.repository.ts';
import { incidentsChanged } from './incident-events.ts';
import type { NotificationInput } from './notification.ts';
import type { CarePeriodLike } from './classification.ts';

export type { IntakeOutcome, IntakeRow, IntakeSource };

/** The acting user's id for foreign keys: null for an API key or the system itself. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' && actor.id !== '00000000-0000-0000-0000-000000000000' ? actor.id : null;
}

/** Dates of birth, exact and with day and month swapped, under which near matches are looked for. */
function datesToSearch(inputs: NotificationInput[]): string[] {
  const dobs = new Set<string>();
  for (const i of inputs) {
    dobs.add(i.dateOfBirth);
    const swapped = swapDayAndMonth(i.dateOfBirth);
    if (swapped) dobs.add(swapped);
  }
  return [...dobs];
}

/**
 * The children these notifications may be about: first by either id; then, only for notifications no id
 * resolved, everyone born on the same day (or with day and month swapped), for exact and near name matches.
 */
async function candidateChildren(tx: Tx, actor: Actor, inputs: NotificationInput[]) {
  const byIds = await repo.findCandidateChildren(tx, actor.authorityCode, {
    laChildIds: [...new Set(inputs.flatMap((i) => (i.laChildId ? [i.laChildId] : [])))],
    policePersonIds: [...new Set(inputs.flatMap((i) => (i.policePersonId ? [i.policePersonId] : [])))],
    datesOfBirth: [],
  });
  const la = new Set(byIds.map((c) => c.laChildId));
  const police = new Set(byIds.map((c) => c.policePersonId));
  const unresolved = inputs.filter((i) => !(i.laChildId && la.has(i.laChildId)) && !(i.policePersonId && police.has(i.policePersonId)));
  const dobs = datesToSearch(unresolved);
  const byDob = await repo.findCandidateChildren(tx, actor.authorityCode, { laChildIds: [], policePersonIds: [], datesOfBirth: dobs });
  const seen = new Set(byIds.map((c) => c.id));
  return { children: [...byIds, ...byDob.filter((c) => !seen.has(c.id))], dobs };
}

async function loadKnown(tx: Tx, actor: Actor, rows: IntakeRow[]): Promise<Known> {
  const inputs = rows.map((r) => r.input);
  const { children, dobs } = await candidateChildren(tx, actor, inputs);
  // Read after the children on purpose: on PostgreSQL each statement sees what was committed when it ran, so a
  // concurrent request's child that is visible above has its incident visible here, and the notification is
  // an update of that incident, never "this child is already missing" under its own reference.
  const existing = await repo.findIncidentsByReference(tx, actor.authorityCode, [...new Set(inputs.map((i) => i.policeReference))]);
  const childIds = [...new Set([...children.map((c) => c.id), ...existing.map((e) => e.childId)])];
  const carePeriodsByChild = new Map<string, CarePeriodLike[]>();
  for (const p of await repo.findCarePeriods(tx, childIds)) {
    carePeriodsByChild.set(p.childId, [...(carePeriodsByChild.get(p.childId) ?? []), p]);
  }
  const open = await repo.findOpenIncidents(tx, childIds);
  return {
    incidentsByRef: new Map(existing.map((e) => [e.policeReference, e])),
    children,
    knownNames: await repo.findKnownNames(tx, actor.authorityCode, dobs),
    carePeriodsByChild,
    openIncidentByChild: new Map(open.map((o) => [o.childId, o.policeReference])),
    districtIds: await repo.districtIdsByName(tx, actor.authorityCode),
  };
}

/**
 * Records a batch of validated notifications inside the caller's transaction, in order. Idempotent by police
 * reference: the same notification again changes nothing; a changed one updates its incident with history.
 */
export async function applyNotifications(
  tx: Tx,
  actor: Actor,
  rows: IntakeRow[],
  options: { source: IntakeSource; now: Date },
): Promise<IntakeOutcome[]> {
  if (rows.length === 0) return [];
  const known = await loadKnown(tx, actor, rows);
  const batch = new IntakeBatch(known, { actor, source: options.source, now: options.now, actorUserId: actorUserId(actor) });
  for (const row of rows) batch.decide(row);
  const r = batch.result;
  // Updates first: an incident closed by this batch must be closed before the same child's next one opens.
  for (const u of r.updates) await repo.updateIncident(tx, u.id, u.patch);
  await repo.insertIntakeWrites(tx, r);
  await writeAudit(tx, actor, r.audit);
  await incidentsChanged(tx, actor, {
    childIds: [...new Set(r.outcomes.flatMap((o) => (o.status === 'accepted' || o.status === 'updated') && o.childId ? [o.childId] : []))],
    endedIncidentIds: [
      ...r.incidents.flatMap((i) => (i.foundAt ? [i.id] : [])),
      ...r.updates.flatMap((u) => (u.patch.foundAt ? [u.id] : [])),
    ],
    now: options.now,
  });
  return r.outcomes;
}

/** One notification from the form or the API. Throws Conflict when the incident clashes with an open one. */
export async function recordMissingNotification(
  db: Database,
  actor: Actor,
  input: NotificationInput,
  options: { source: 'form' | 'api'; now?: Date },
): Promise<IntakeOutcome> {
  assertCan(actor, 'notification:record');
  const attempt = () =>
    db.transaction(async (tx) => {
      const [result] = await applyNotifications(tx, actor, [{ line: 1, input }], { source: options.source, now: options.now ?? new Date() });
      return result;
    });
  // The same notification sent twice at once (a police system retrying) can find no incident in both requests;
  // the unique indexes let one insert win. The other runs once more, now sees that incident, and is answered
  // as unchanged or updated: retries stay idempotent and never become a server error.
  const outcome = await attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
  if (!outcome) throw new Error('intake produced no outcome');
  if (outcome.status === 'rejected') throw new Conflict(outcome.errors.map((e) => e.message).join('; '));
  return outcome;
}

/** PostgreSQL's unique_violation, however the driver and Drizzle wrapped it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if ('code' in e && e.code === '23505') return true;
    e = 'cause' in e ? e.cause : null;
  }
  return false;
}
