/** SQL for working an incident: finding it within scope, its page, its history, and saving an edit with history. */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { changesWithAuthors } from '../children/child-record.repository.ts';
import { agencies, auditEvents, children, districts, incidentChanges, incidents } from '../../db/schema.ts';
import type { Scope } from '../access/policy.ts';
import { DomainRuleBroken } from '../errors.ts';
import type { IncidentRow, NewIncident, NewIncidentChange } from './intake.repository.ts';
import { IncidentChanged } from './incident-rules.ts';

/** The incident if the scope may see it: own authority, and for a police user only what their force sent. */
export async function findIncident(q: Tx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<IncidentRow | null> {
  const query = q.select().from(incidents).where(and(
    eq(incidents.id, id), eq(incidents.authorityCode, scope.authorityCode),
    scope.sourceAgencyId ? eq(incidents.sourceAgencyId, scope.sourceAgencyId) : undefined,
  ));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function incidentContext(q: Tx, incidentId: string) {
  const [row] = await q
    .select({
      child: { id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth },
      districtName: districts.name, agencyName: agencies.name,
    })
    .from(incidents)
    .innerJoin(children, eq(children.id, incidents.childId))
    .leftJoin(districts, eq(districts.id, incidents.districtId))
    .leftJoin(agencies, eq(agencies.id, incidents.sourceAgencyId))
    .where(eq(incidents.id, incidentId));
  if (!row) throw new Error('incident without a child');
  return row;
}

/** An incident's changes with who made them, newest first. */
export async function incidentHistory(q: Tx, incidentId: string) {
  return (await changesWithAuthors(q, [incidentId])).reverse();
}

export async function authorityDistricts(q: Tx, authorityCode: string) {
  return q.select({ id: districts.id, name: districts.name }).from(districts).where(eq(districts.authorityCode, authorityCode)).orderBy(asc(districts.name));
}

/** How intake classified the incident when it was recorded: from the care status held, or the police report. */
export async function recordedClassificationBasis(q: Tx, incident: IncidentRow): Promise<string | null> {
  const [row] = await q
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.childId, incident.childId), eq(auditEvents.action, 'incident.recorded'), eq(auditEvents.subjectId, incident.id)))
    .limit(1);
  const basis = row?.details?.classificationBasis;
  return typeof basis === 'string' ? basis : null;
}

export async function otherOpenIncident(q: Tx, childId: string, exceptId: string) {
  const [row] = await q
    .select({ id: incidents.id, policeReference: incidents.policeReference })
    .from(incidents)
    .where(and(eq(incidents.childId, childId), isNull(incidents.foundAt), ne(incidents.id, exceptId)));
  return row ?? null;
}

/** Whether a database error is a breach of the named unique index (both drivers, through drizzle's wrapper). */
export function isUniqueViolation(error: unknown, index: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === '23505' && (constraint === index || (typeof message === 'string' && message.includes(index)))) return true;
  }
  return false;
}

export const ONE_OPEN_INCIDENT = 'incidents_one_open_per_child';
export const ONE_OPEN_MESSAGE = 'The child already has an open missing incident. Record that one as found before this one can be open again.';

/**
 * Saves an edit only if nobody saved the incident since `expectedVersion` was read; moves the version on and
 * writes one incident_changes row per changed field.
 */
export async function saveIncidentEdit(tx: Tx, edit: { id: string; expectedVersion: number; patch: Partial<NewIncident>; changes: NewIncidentChange[] }): Promise<void> {
  let saved: { id: string }[];
  try {
    saved = await tx
      .update(incidents)
      .set({ ...edit.patch, version: sql`${incidents.version} + 1` })
      .where(and(eq(incidents.id, edit.id), eq(incidents.version, edit.expectedVersion)))
      .returning({ id: incidents.id });
  } catch (error) {
    if (isUniqueViolation(error, ONE_OPEN_INCIDENT)) throw new DomainRuleBroken(ONE_OPEN_MESSAGE);
    throw error;
  }
  if (saved.length === 0) throw new IncidentChanged(edit.id);
  if (edit.changes.length) await tx.insert(incidentChanges).values(edit.changes);
}
