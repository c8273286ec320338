/** "Who is missing now": open incidents, children found in the last 7 days, and the queues to work. */
import { and, desc, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../../db/database.ts';
import { children, incidents, possibleMatches, tasks } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan, scopeOf } from '../access/policy.ts';
import { listedChildName } from '../access/restriction.ts';

/** A restricted child still shows on the board (they are still missing), but without their name to anyone not named. */
function childColumns(actor: Actor) {
  return {
    childId: children.id,
    ...listedChildName(actor, { id: children.id, forename: children.forename, surname: children.surname }),
    dateOfBirth: children.dateOfBirth,
  };
}

function incidentScope(actor: Actor): SQL | undefined {
  const scope = scopeOf(actor);
  return and(
    eq(incidents.authorityCode, scope.authorityCode),
    scope.sourceAgencyId ? eq(incidents.sourceAgencyId, scope.sourceAgencyId) : undefined,
  );
}

const RISK_ORDER = sql`CASE ${incidents.riskGrade} WHEN 'high' THEN 5 WHEN 'medium' THEN 4 WHEN 'low' THEN 3 WHEN 'very low' THEN 2 ELSE 1 END`;

function openIncidents(q: Tx, actor: Actor) {
  return q
    .select({ incidentId: incidents.id, policeReference: incidents.policeReference, riskGrade: incidents.riskGrade, lastSeenAt: incidents.lastSeenAt, classification: incidents.classification, ...childColumns(actor) })
    .from(incidents)
    .innerJoin(children, eq(children.id, incidents.childId))
    .where(and(incidentScope(actor), isNull(incidents.foundAt)))
    .orderBy(desc(RISK_ORDER), incidents.lastSeenAt);
}

function foundSince(q: Tx, actor: Actor, since: Date) {
  return q
    .select({ incidentId: incidents.id, foundAt: incidents.foundAt, lastSeenAt: incidents.lastSeenAt, riskGrade: incidents.riskGrade, harm: incidents.harm, ...childColumns(actor) })
    .from(incidents)
    .innerJoin(children, eq(children.id, incidents.childId))
    .where(and(incidentScope(actor), gte(incidents.foundAt, since)))
    .orderBy(desc(incidents.foundAt))
    .limit(200);
}

function openPossibleMatches(q: Tx, actor: Actor) {
  const other = alias(children, 'candidate');
  return q
    .select({ id: possibleMatches.id, reason: possibleMatches.reason, createdAt: possibleMatches.createdAt, ...childColumns(actor), candidateId: other.id, candidateForename: other.forename, candidateSurname: other.surname, candidateDateOfBirth: other.dateOfBirth })
    .from(possibleMatches)
    .innerJoin(children, eq(children.id, possibleMatches.childId))
    .innerJoin(other, eq(other.id, possibleMatches.candidateChildId))
    .where(and(eq(possibleMatches.authorityCode, actor.authorityCode), eq(possibleMatches.status, 'open')))
    .orderBy(possibleMatches.createdAt);
}

function openTasks(q: Tx, actor: Actor) {
  return q
    .select({ id: tasks.id, description: tasks.description, createdAt: tasks.createdAt, incidentId: tasks.incidentId, ...childColumns(actor) })
    .from(tasks)
    .innerJoin(children, eq(children.id, tasks.childId))
    .where(and(eq(tasks.authorityCode, actor.authorityCode), isNull(tasks.doneAt)))
    .orderBy(tasks.createdAt);
}

/** The board: open incidents, found in the last 7 days, and for the local authority its queues. */
export async function missingNow(db: Database, actor: Actor, now: Date) {
  assertCan(actor, 'dashboard:view');
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  // Police users see only their own notifications; the matching queue and tasks are the local authority's.
  const forAuthority = actor.role !== 'police';
  // The four reads are independent: on PostgreSQL they run at once on pooled connections.
  return db.read(async (q) => {
    const [open, found, matches, tasksToDo] = await Promise.all([
      openIncidents(q, actor),
      foundSince(q, actor, weekAgo),
      forAuthority ? openPossibleMatches(q, actor) : Promise.resolve([]),
      forAuthority ? openTasks(q, actor) : Promise.resolve([]),
    ]);
    return { open, found, matches, tasks: tasksToDo };
  });
}
