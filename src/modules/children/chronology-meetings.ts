/**
 * Chronology entries for a child's repeat-missing meeting requests (pure): raised with its explanation,
 * scheduled, held, completed, or cancelled with the reason. Who did each comes from the audit trail.
 */
import { formatUkDateTime } from '../missing/uk-time.ts';
import type { CaseworkAuditRow, MeetingRequestRow } from './child-record.repository.ts';
import type { ChronologyEntry } from './chronology.ts';

const stepsOf = (meetingId: string, action: string, audit: readonly CaseworkAuditRow[]) => audit.filter((a) => a.action === action && a.subjectId === meetingId);
const lastBy = (rows: readonly CaseworkAuditRow[]) => rows.at(-1)?.userName ?? null;

function scheduledEntry(m: MeetingRequestRow, audit: readonly CaseworkAuditRow[]): ChronologyEntry[] {
  if (!m.scheduledFor) return [];
  const steps = stepsOf(m.id, 'meeting-request.scheduled', audit);
  const last = steps.at(-1);
  // A meeting recorded after it took place is shown as arranged no later than its date.
  const at = last && last.at.getTime() < m.scheduledFor.getTime() ? last.at : m.scheduledFor;
  return [{
    at, kind: 'meeting-scheduled', title: 'Repeat-missing meeting scheduled', by: lastBy(steps), incidentId: null, meetingId: m.id,
    lines: [`Meeting on ${formatUkDateTime(m.scheduledFor)}`, ...(steps.length > 1 ? ['The date was changed after it was first set'] : [])],
  }];
}

/**
 * A request is dated by the start of the incident that met the threshold, as metrics.md counts it, so a
 * history imported in bulk reads in order.
 */
export function meetingEntries(rows: readonly MeetingRequestRow[], audit: readonly CaseworkAuditRow[]): ChronologyEntry[] {
  return rows.flatMap((m) => {
    const base = { incidentId: null, meetingId: m.id };
    const entries: ChronologyEntry[] = [
      { ...base, at: m.requestedFor, kind: 'meeting-requested', title: 'Repeat-missing meeting requested', by: null, lines: [m.explanation] },
      ...scheduledEntry(m, audit),
    ];
    if (m.heldAt) entries.push({ ...base, at: m.heldAt, kind: 'meeting-held', title: 'Repeat-missing meeting held', by: lastBy(stepsOf(m.id, 'meeting-request.held', audit)), lines: [] });
    if (m.completedAt) entries.push({ ...base, at: m.completedAt, kind: 'meeting-completed', title: 'Repeat-missing meeting completed', by: lastBy(stepsOf(m.id, 'meeting-request.completed', audit)), lines: [] });
    if (m.cancelledAt) {
      entries.push({
        ...base, at: m.cancelledAt, kind: 'meeting-cancelled', title: 'Repeat-missing meeting cancelled', by: lastBy(stepsOf(m.id, 'meeting-request.cancelled', audit)),
        lines: m.cancelReason ? [`Reason: ${m.cancelReason}`] : [],
      });
    }
    return entries;
  });
}
