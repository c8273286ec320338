/** The only SQL for return home interviews: requests, the worklist, one interview with its lists, saving. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { listedChildName } from '../access/restriction.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import {
  agencies, authorities, children, incidents, returnInterviewActions, returnInterviewFactors, returnInterviewRisks,
  returnInterviews, users,
} from '../../db/schema.ts';
import { DEFAULT_RHI_CLOCK_SETTINGS, type RhiClockSettings } from './clocks.ts';
import { isCode, RHI_OUTCOMES, ssdRhiValues, type SsdYesNo } from './outcomes.ts';

export type ReturnInterviewRow = typeof returnInterviews.$inferSelect;
export type RhiPatch = Partial<typeof returnInterviews.$inferInsert>;
export type NewAction = typeof returnInterviewActions.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Many ids as one `uuid[]` parameter, for `= ANY(...)`: the planner knows how many there are and uses the
 * index (a list unpacked from JSON is guessed at 100 rows, and a bulk load then scans the whole table).
 */
function idArray(ids: readonly string[]) {
  if (!ids.every((id) => UUID.test(id))) throw new Error('not a list of ids');
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

// The authority's chosen provider (`settings.rhiProviderAgencyId`), else its charity, else its family service.
const DEFAULT_PROVIDER = sql`SELECT a.code, COALESCE(
  (SELECT ag.id FROM agencies ag WHERE ag.authority_code = a.code AND ag.id::text = a.settings->>'rhiProviderAgencyId' AND ag.kind IN ('local_authority', 'charity')),
  (SELECT ag.id FROM agencies ag WHERE ag.authority_code = a.code AND ag.kind = 'charity' ORDER BY ag.name LIMIT 1),
  (SELECT ag.id FROM agencies ag WHERE ag.authority_code = a.code AND ag.kind = 'local_authority' ORDER BY ag.name LIMIT 1)) AS agency_id
  FROM authorities a`;

/** Requests an interview for each ended incident that has none: one statement for the whole batch. */
export async function requestForIncidents(tx: Tx, incidentIds: readonly string[], now: Date) {
  if (incidentIds.length === 0) return [];
  // The provider is worked out once per authority, not once per incident.
  return queryRows<{ id: string; incidentId: string; childId: string }>(tx, sql`
    WITH provider AS MATERIALIZED (${DEFAULT_PROVIDER})
    INSERT INTO return_interviews (id, authority_code, incident_id, child_id, provider_agency_id, requested_at, returned_at)
    SELECT gen_random_uuid(), i.authority_code, i.id, i.child_id, p.agency_id, ${now.toISOString()}::timestamptz, i.found_at
    FROM incidents i JOIN provider p ON p.code = i.authority_code
    WHERE i.id = ANY(${idArray(incidentIds)}) AND i.found_at IS NOT NULL
    ON CONFLICT (incident_id) DO NOTHING
    RETURNING id AS "id", incident_id AS "incidentId", child_id AS "childId"`);
}

/** Keeps interviews in step with their incidents after a merge (child) or a corrected found time (return). */
export async function followIncidents(tx: Tx, childIds: readonly string[], now: Date): Promise<void> {
  if (childIds.length === 0) return;
  await tx.execute(sql`
    UPDATE return_interviews r SET child_id = i.child_id, returned_at = i.found_at, updated_at = ${now.toISOString()}::timestamptz
    FROM incidents i
    WHERE r.incident_id = i.id AND i.child_id = ANY(${idArray(childIds)}) AND i.found_at IS NOT NULL
      AND (r.child_id <> i.child_id OR r.returned_at <> i.found_at)`);
}

/** The authority's clocks from `settings.rhiClocks`; anything missing or not a positive number is the default. */
export async function clockSettings(q: Tx, authorityCode: string): Promise<RhiClockSettings> {
  const [row] = await q.select({ settings: authorities.settings }).from(authorities).where(eq(authorities.code, authorityCode));
  const raw = row?.settings.rhiClocks;
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = (key: keyof RhiClockSettings) => {
    const v = given[key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_RHI_CLOCK_SETTINGS[key];
  };
  return { offerHours: pick('offerHours'), completeHours: pick('completeHours'), dueSoonHours: pick('dueSoonHours') };
}

const listColumns = (actor: Actor) => ({
  id: returnInterviews.id, incidentId: returnInterviews.incidentId, childId: returnInterviews.childId,
  returnedAt: returnInterviews.returnedAt, offeredAt: returnInterviews.offeredAt, completedAt: returnInterviews.completedAt,
  closedAt: returnInterviews.closedAt, ...listedChildName(actor, { id: children.id, forename: children.forename, surname: children.surname }),
  policeReference: incidents.policeReference, providerName: agencies.name, workerName: users.displayName,
});

/** The authority's interviews with no outcome yet. */
export function openReturnInterviews(q: Tx, actor: Actor) {
  const authorityCode = actor.authorityCode;
  return q.select(listColumns(actor)).from(returnInterviews)
    .innerJoin(children, eq(children.id, returnInterviews.childId))
    .innerJoin(incidents, eq(incidents.id, returnInterviews.incidentId))
    .leftJoin(agencies, eq(agencies.id, returnInterviews.providerAgencyId))
    .leftJoin(users, eq(users.id, returnInterviews.workerUserId))
    .where(and(eq(returnInterviews.authorityCode, authorityCode), isNull(returnInterviews.outcome)))
    .orderBy(asc(returnInterviews.returnedAt));
}

export async function findReturnInterview(tx: Tx, authorityCode: string, id: string, options: { lock?: boolean } = {}): Promise<ReturnInterviewRow | null> {
  const query = tx.select().from(returnInterviews).where(and(eq(returnInterviews.id, id), eq(returnInterviews.authorityCode, authorityCode)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** What the interview page shows beside the interview itself. */
export async function interviewDetails(tx: Tx, rhi: ReturnInterviewRow) {
  const [child] = await tx.select({ id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, rhi.childId));
  const [incident] = await tx.select({ id: incidents.id, policeReference: incidents.policeReference, lastSeenAt: incidents.lastSeenAt, foundAt: incidents.foundAt }).from(incidents).where(eq(incidents.id, rhi.incidentId));
  const factors = await tx.select({ code: returnInterviewFactors.code }).from(returnInterviewFactors).where(eq(returnInterviewFactors.returnInterviewId, rhi.id));
  const risks = await tx.select({ code: returnInterviewRisks.code }).from(returnInterviewRisks).where(eq(returnInterviewRisks.returnInterviewId, rhi.id));
  const actions = await tx.select().from(returnInterviewActions).where(eq(returnInterviewActions.returnInterviewId, rhi.id)).orderBy(asc(returnInterviewActions.dueOn), asc(returnInterviewActions.createdAt));
  if (!child || !incident) throw new Error(`return interview ${rhi.id} has no child or incident`);
  return { child, incident, factors: factors.map((f) => f.code), risks: risks.map((r) => r.code), actions };
}

/** Who may provide the interview (the family service, charities) and who may do it (return interview workers). */
export async function assignmentOptions(tx: Tx, authorityCode: string) {
  const providers = await tx.select({ id: agencies.id, name: agencies.name }).from(agencies)
    .where(and(eq(agencies.authorityCode, authorityCode), inArray(agencies.kind, ['local_authority', 'charity']))).orderBy(asc(agencies.name));
  const workers = await tx.select({ id: users.id, name: users.displayName }).from(users)
    .where(and(eq(users.authorityCode, authorityCode), eq(users.role, 'rhi_worker'), isNull(users.disabledAt))).orderBy(asc(users.displayName));
  return { providers, workers };
}

/** Saves a recorded interview if it is still at `expectedVersion`; false when someone else saved first. */
export async function saveRecord(tx: Tx, args: { id: string; expectedVersion: number; patch: RhiPatch; factors: string[]; risks: string[]; actions: NewAction[] }): Promise<boolean> {
  const updated = await tx.update(returnInterviews)
    .set({ ...args.patch, version: sql`${returnInterviews.version} + 1` })
    .where(and(eq(returnInterviews.id, args.id), eq(returnInterviews.version, args.expectedVersion)))
    .returning({ id: returnInterviews.id });
  if (updated.length === 0) return false;
  await tx.delete(returnInterviewFactors).where(eq(returnInterviewFactors.returnInterviewId, args.id));
  await tx.delete(returnInterviewRisks).where(eq(returnInterviewRisks.returnInterviewId, args.id));
  await bulkInsert(tx, returnInterviewFactors, args.factors.map((code) => ({ returnInterviewId: args.id, code })));
  await bulkInsert(tx, returnInterviewRisks, args.risks.map((code) => ({ returnInterviewId: args.id, code })));
  await bulkInsert(tx, returnInterviewActions, args.actions);
  return true;
}

/** SSD `rhi_offered` / `rhi_accepted` for one incident, from its stored interview (NULL/NULL when none). */
export async function ssdRhiForIncident(q: Tx, incidentId: string): Promise<{ offered: SsdYesNo; accepted: SsdYesNo }> {
  const [row] = await q.select({ outcome: returnInterviews.outcome, offeredAt: returnInterviews.offeredAt }).from(returnInterviews).where(eq(returnInterviews.incidentId, incidentId));
  if (!row) return ssdRhiValues(null);
  const outcome = row.outcome !== null && isCode(RHI_OUTCOMES, row.outcome) ? row.outcome : null;
  return ssdRhiValues({ outcome, offeredAt: row.offeredAt });
}
