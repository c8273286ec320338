/** Set-based writes for recording many interviews at once (the demo's history). */
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { incidents, returnInterviewActions, returnInterviewFactors, returnInterviewRisks, returnInterviews } from '../../db/schema.ts';

const CHUNK = 5000;

export type HistoryRecord = Pick<typeof returnInterviews.$inferInsert,
  'id' | 'offeredAt' | 'offerMethod' | 'offeredBy' | 'offeredByIndependent' | 'outcome' | 'notAttemptedReason' | 'completedAt' | 'closedAt'
  | 'whereStayed' | 'stayedWith' | 'childWords' | 'sentToMissingOfficerAt' | 'offerMet' | 'completionMet'>;

/** Open interviews of children who returned before `before`, in police reference order (stable across runs). */
export function openReturnedBefore(tx: Tx, authorityCode: string, before: Date) {
  return tx.select({ id: returnInterviews.id, childId: returnInterviews.childId, returnedAt: returnInterviews.returnedAt, policeReference: incidents.policeReference })
    .from(returnInterviews).innerJoin(incidents, eq(incidents.id, returnInterviews.incidentId))
    .where(and(eq(returnInterviews.authorityCode, authorityCode), isNull(returnInterviews.outcome), lt(returnInterviews.returnedAt, before)))
    .orderBy(asc(incidents.policeReference));
}

const column = (name: string) => sql.identifier(name);
const SET_COLUMNS = ['offered_at', 'offer_method', 'offered_by', 'offered_by_independent', 'outcome', 'not_attempted_reason', 'completed_at', 'closed_at',
  'where_stayed', 'stayed_with', 'child_words', 'sent_to_missing_officer_at', 'offer_met', 'completion_met'];
const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Writes outcomes to still-open interviews (a JSON array per statement) and their lists. */
export async function writeHistory(tx: Tx, records: HistoryRecord[], lists: { factors: { returnInterviewId: string; code: string }[]; risks: { returnInterviewId: string; code: string }[]; actions: (typeof returnInterviewActions.$inferInsert)[] }): Promise<void> {
  const assignments = sql.join(SET_COLUMNS.map((c) => sql`${column(c)} = v.${column(c)}`), sql`, `);
  for (let i = 0; i < records.length; i += CHUNK) {
    const json = JSON.stringify(records.slice(i, i + CHUNK).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [toSnake(k), v ?? null]))));
    await tx.execute(sql`UPDATE return_interviews r SET ${assignments}, version = r.version + 1
      FROM jsonb_populate_recordset(NULL::return_interviews, ${json}::jsonb) v WHERE r.id = v.id AND r.outcome IS NULL`);
  }
  await bulkInsert(tx, returnInterviewFactors, lists.factors, { onConflictDoNothing: true });
  await bulkInsert(tx, returnInterviewRisks, lists.risks, { onConflictDoNothing: true });
  await bulkInsert(tx, returnInterviewActions, lists.actions);
}
