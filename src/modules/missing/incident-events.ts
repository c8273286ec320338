/**
 * One place where other areas react, in the same transaction, to a change in a child's incidents: created,
 * changed, back-dated, imported, moved by a merge, or removed. The reactions are listed here by hand, so what
 * happens after an incident changes can be read in one file.
 */
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { raiseIncidentAlerts } from '../alerts/incident-alerts.ts';
import { evaluateRepeatMissingFor } from '../repeat-missing/repeat-missing.service.ts';
import { requestReturnInterviews } from '../return-interviews/requests.service.ts';

export interface IncidentsChanged {
  /** The children whose incident history changed. */
  childIds: string[];
  /** Incidents that ended (a found time was recorded) in this change. */
  endedIncidentIds: string[];
  now: Date;
}

export type IncidentReaction = (tx: Tx, actor: Actor, change: IncidentsChanged) => Promise<void>;

// Reactions run in this order: alerts last, so they see the meeting request the repeat-missing rule raised.
const REACTIONS: IncidentReaction[] = [evaluateRepeatMissingFor, requestReturnInterviews, raiseIncidentAlerts];

export async function incidentsChanged(tx: Tx, actor: Actor, change: IncidentsChanged): Promise<void> {
  if (change.childIds.length === 0 && change.endedIncidentIds.length === 0) return;
  for (const react of REACTIONS) await react(tx, actor, change);
}
