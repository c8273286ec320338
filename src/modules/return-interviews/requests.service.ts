/**
 * The return interview reaction: every incident that ends gets a return home interview requested, in the
 * same transaction as the change that ended it (domain.md step 4: "requested for every incident once the
 * child is found"). Set-based, so an import ending thousands of incidents costs a few statements.
 */
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { IncidentsChanged } from '../missing/incident-events.ts';
import * as repo from './return-interview.repository.ts';

/** Requests one interview per newly ended incident (never a second), and keeps existing ones in step. */
export async function requestReturnInterviews(tx: Tx, actor: Actor, change: IncidentsChanged): Promise<void> {
  await repo.followIncidents(tx, [...new Set(change.childIds)], change.now);
  const requested = await repo.requestForIncidents(tx, [...new Set(change.endedIncidentIds)], change.now);
  await writeAudit(tx, actor, requested.map((r) => ({
    action: 'return-interview.requested', childId: r.childId, subjectType: 'return_interview', subjectId: r.id, details: { incidentId: r.incidentId },
  })));
}
