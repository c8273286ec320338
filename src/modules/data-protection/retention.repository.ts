/** The queries behind the retention review: records that may be due, their last activity, and legal holds. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from '../../db/database.ts';
import { authorities, children, legalHolds, users } from '../../db/schema.ts';
import { londonDate } from '../missing/uk-time.ts';
import type { SubjectType } from './retention-rules.ts';

export interface ChildCandidate {
  id: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  mergedInto: string | null;
  everLookedAfter: boolean;
}

/**
 * Looked after at any time, by this record or a duplicate merged into it: a care period away from home, or an
 * incident missing from care. (The outer row is named in full: Drizzle renders a column of the only table unqualified.)
 */
const everLookedAfter = sql<boolean>`EXISTS (
  SELECT 1 FROM children own WHERE (own.id = children.id OR own.merged_into = children.id)
    AND (EXISTS (SELECT 1 FROM care_periods cp WHERE cp.child_id = own.id AND cp.status <> 'home')
      OR EXISTS (SELECT 1 FROM incidents i WHERE i.child_id = own.id AND i.classification <> 'home')))`;

const childColumns = {
  id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth,
  mergedInto: children.mergedInto, everLookedAfter,
};

/** Live (not merged) children of the authority born on or before the date. */
export function childCandidates(tx: Tx, authorityCode: string, bornOnOrBefore: string): Promise<ChildCandidate[]> {
  return tx.select(childColumns).from(children)
    .where(and(eq(children.authorityCode, authorityCode), isNull(children.mergedInto), sql`${children.dateOfBirth} <= ${bornOnOrBefore}`))
    .orderBy(asc(children.dateOfBirth));
}

export async function childCandidate(tx: Tx, authorityCode: string, id: string): Promise<ChildCandidate | null> {
  const [row] = await tx.select(childColumns).from(children).where(and(eq(children.authorityCode, authorityCode), eq(children.id, id)));
  return row ?? null;
}

export interface ActivityCandidate {
  id: string;
  name: string;
  kind: string | null;
  /** The UK date of the last link to it, change of it, or disruption against it. */
  lastActivityOn: string;
}

/**
 * Locations or persons with the date of their last activity: created, linked (to a child, incident, interview,
 * concern, or a person), disrupted, or edited (their `*.updated` audit events, one grouped read of the trail).
 */
export async function activityCandidates(tx: Tx, type: 'location' | 'person', authorityCode: string, id: string | null = null): Promise<ActivityCandidate[]> {
  const query = type === 'location'
    ? sql`SELECT r.id, r.name, r.kind, r.created_at AS created,
        (SELECT max(l.created_at) FROM location_links l WHERE l.location_id = r.id) AS linked,
        (SELECT max(d.created_at) FROM disruptions d WHERE d.location_id = r.id) AS disrupted
      FROM locations r WHERE r.authority_code = ${authorityCode}`
    : sql`SELECT r.id, r.name, NULL::text AS kind, r.created_at AS created,
        greatest((SELECT max(l.created_at) FROM person_links l WHERE l.person_id = r.id),
                 (SELECT max(l.created_at) FROM location_links l WHERE l.person_id = r.id)) AS linked,
        (SELECT max(d.created_at) FROM disruptions d WHERE d.person_id = r.id) AS disrupted
      FROM persons_of_concern r WHERE r.authority_code = ${authorityCode}`;
  const only = id === null ? sql`` : sql` AND r.id = ${id}`;
  const rows = await queryRows<Omit<ActivityCandidate, 'lastActivityOn'> & { lastEpoch: number | string }>(tx, sql`
    WITH records AS (${query}${only}),
    edits AS (SELECT subject_id, max(at) AS edited FROM audit_events
      WHERE action = ${`${type}.updated`} AND authority_code = ${authorityCode} GROUP BY subject_id)
    SELECT r.id, r.name, r.kind, extract(epoch FROM greatest(r.created, r.linked, r.disrupted, e.edited))::float8 AS "lastEpoch"
    FROM records r LEFT JOIN edits e ON e.subject_id = r.id::text
    ORDER BY 4, r.id`);
  return rows.map(({ lastEpoch, ...r }) => ({ ...r, lastActivityOn: londonDate(new Date(Number(lastEpoch) * 1000)) }));
}

export async function authoritySettings(tx: Tx, authorityCode: string): Promise<Record<string, unknown>> {
  const [row] = await tx.select({ settings: authorities.settings }).from(authorities).where(eq(authorities.code, authorityCode));
  return row?.settings ?? {};
}

export interface HoldEntry {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  reason: string;
  placedAt: Date;
  placedBy: string;
}

const placer = alias(users, 'placer');

/** Holds in force in the authority, oldest first. */
export async function activeHolds(tx: Tx, authorityCode: string, subject: { type: SubjectType; id: string } | null = null): Promise<HoldEntry[]> {
  const rows = await tx.select({
    id: legalHolds.id, subjectType: legalHolds.subjectType, subjectId: legalHolds.subjectId, reason: legalHolds.reason,
    placedAt: legalHolds.placedAt, placedBy: placer.displayName,
  }).from(legalHolds).innerJoin(placer, eq(placer.id, legalHolds.placedBy))
    .where(and(
      eq(legalHolds.authorityCode, authorityCode), isNull(legalHolds.releasedAt),
      subject ? and(eq(legalHolds.subjectType, subject.type), eq(legalHolds.subjectId, subject.id)) : undefined,
    ))
    .orderBy(asc(legalHolds.placedAt));
  return rows.map((r) => ({ ...r, subjectType: r.subjectType as SubjectType }));
}
