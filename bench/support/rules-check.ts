/**
 * The rule's promise checked on the benchmark's own children: after ten years of history and the new
 * incidents, the stored meeting requests agree with the pure rule evaluated over the child's whole history
 * from scratch. Agreement: every trigger's incidents are linked to one and the same request of the child,
 * nothing else is linked, and the child never has two open requests.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/database.ts';
import { evaluateRepeatMissing, type RepeatMissingRule } from '../../src/modules/repeat-missing/rule.ts';

export interface CheckResult {
  checked: number;
  agree: number;
  /** Of those checked, children with at least one trigger in their history. */
  withTriggers: number;
  disagreements: { childId: string; reason: string }[];
}

const OPEN = new Set(['requested', 'scheduled', 'held']);

function compare(triggers: ReturnType<typeof evaluateRepeatMissing>, links: { requestId: string; status: string; incidentId: string | null }[]): string | null {
  if (links.some((l) => l.incidentId === null)) return 'a meeting request counts no incident';
  const requestOf = new Map(links.flatMap((l) => (l.incidentId ? [[l.incidentId, l.requestId] as const] : [])));
  const expected = new Set(triggers.flatMap((t) => t.windowIncidentIds));
  for (const id of requestOf.keys()) if (!expected.has(id)) return `incident ${id} is linked but the rule counts it in no trigger`;
  for (const t of triggers) {
    const requests = new Set(t.windowIncidentIds.map((id) => requestOf.get(id)));
    if (requests.has(undefined)) return `the trigger at ${t.startedAt.toISOString()} is not (fully) linked to a request`;
    if (requests.size > 1) return `the trigger at ${t.startedAt.toISOString()} is split over ${requests.size} requests`;
  }
  const open = new Set(links.filter((l) => OPEN.has(l.status)).map((l) => l.requestId));
  if (open.size > 1) return `${open.size} open requests`;
  return null;
}

/** Checks each child: a few queries per child, outside any timing. */
export async function checkAgainstScratch(db: Database, children: { childId: string; authorityCode: string }[], rules: Map<string, RepeatMissingRule>): Promise<CheckResult> {
  const result: CheckResult = { checked: 0, agree: 0, withTriggers: 0, disagreements: [] };
  for (const { childId, authorityCode } of children) {
    const rule = rules.get(authorityCode);
    if (!rule) throw new Error(`no rule for authority ${authorityCode}`);
    const { starts, links } = await db.read(async (q) => ({
      starts: await queryRows<{ id: string; startedAt: Date }>(q, sql`SELECT id, last_seen_at AS "startedAt" FROM incidents WHERE child_id = ${childId}`),
      links: await queryRows<{ requestId: string; status: string; incidentId: string | null }>(q, sql`
        SELECT mr.id AS "requestId", mr.status, mri.incident_id AS "incidentId"
        FROM meeting_requests mr LEFT JOIN meeting_request_incidents mri ON mri.meeting_request_id = mr.id WHERE mr.child_id = ${childId}`),
    }));
    const triggers = evaluateRepeatMissing(starts.map((s) => ({ id: s.id, startedAt: new Date(s.startedAt) })), rule);
    result.checked += 1;
    if (triggers.length > 0) result.withTriggers += 1;
    const problem = compare(triggers, links);
    if (problem === null) result.agree += 1;
    else result.disagreements.push({ childId, reason: problem });
  }
  return result;
}
