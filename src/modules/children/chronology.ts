/**
 * A child's chronology: everything recorded about them, newest first, each entry saying what happened, when
 * and who did it where known. Built from several queries merged here (no I/O).
 */
import { CARE_STATUS_LABELS, CLASSIFICATION_LABELS, isCareStatus } from '../missing/classification.ts';
import { displayValue, fieldLabel, HARM_LABELS, type HarmLevel } from '../missing/incident-fields.ts';
import { formatUkDateTime, londonDate } from '../missing/uk-time.ts';
import type {
  CarePeriodRow, CaseworkAuditRow, ChangeRow, ChildIncidentRow, InterviewFeedbackRow, InterviewRow, MatchRow, MeetingRequestRow, TaskRow,
} from './child-record.repository.ts';
import { meetingEntries } from './chronology-meetings.ts';
import { feedbackEntries, interviewEntries } from './chronology-rhi.ts';

export type ChronologyKind = 'reported' | 'found' | 'regrade' | 'correction' | 'classification' | 'notification' | 'care-status' | 'task' | 'match'
  | 'rhi-requested' | 'rhi-offered' | 'rhi-outcome' | 'rhi-sent-back' | 'rhi-feedback'
  | 'meeting-requested' | 'meeting-scheduled' | 'meeting-held' | 'meeting-completed' | 'meeting-cancelled'
  // Exploitation records (chronology-exploitation.ts): only for those with a need to know.
  | 'exploitation-concern' | 'risk-assessment' | 'exploitation-meeting';

export interface ChronologyEntry {
  at: Date;
  kind: ChronologyKind;
  title: string;
  lines: string[];
  by: string | null;
  incidentId: string | null;
  /** Set when only the date is known (care status starts): the UK calendar date, `yyyy-mm-dd`. */
  day?: string;
  /** The entry links to this return interview, or this meeting request, rather than to the incident. */
  returnInterviewId?: string;
  meetingId?: string;
  /** An exploitation record the entry links to: its kind of page (the path's first part) and id. */
  exploitationRecord?: { path: 'concerns' | 'risk-assessments' | 'exploitation-meetings'; id: string };
}

export interface ChronologyInput {
  incidents: ChildIncidentRow[];
  changes: ChangeRow[];
  carePeriods: CarePeriodRow[];
  tasks: TaskRow[];
  matches: MatchRow[];
  /** Return interviews, the child's feedback and meeting requests: empty for those who may not see them. */
  interviews: InterviewRow[];
  feedback: InterviewFeedbackRow[];
  meetings: MeetingRequestRow[];
  /** Who moved interviews and meetings on (child-record.repository.ts CASEWORK_AUDIT_ACTIONS). */
  caseworkAudit: CaseworkAuditRow[];
  districtNames: Map<number, string>;
}

const SOURCE_KIND: Record<string, { kind: ChronologyKind; title: string }> = {
  regrade: { kind: 'regrade', title: 'Risk re-graded' },
  correction: { kind: 'correction', title: 'Correction' },
  classification: { kind: 'classification', title: 'Classification changed' },
};
const NOTIFICATION_UPDATE = { kind: 'notification' as const, title: 'Police notification updated' };

const authorOf = (c: ChangeRow) => c.userName ?? c.agencyName;

function incidentEntries(row: ChildIncidentRow, changes: ChangeRow[]): ChronologyEntry[] {
  const i = row.incident;
  const cls = isCareStatus(i.classification) ? CLASSIFICATION_LABELS[i.classification] : i.classification;
  const entries: ChronologyEntry[] = [{
    at: i.reportedAt, kind: 'reported', title: `Reported missing (incident ${i.policeReference})`, incidentId: i.id, by: row.agencyName,
    lines: [`Last seen ${formatUkDateTime(i.lastSeenAt)}`, `Risk graded ${i.initialRiskGrade} when reported`, cls],
  }];
  if (i.foundAt) {
    const recorded = [...changes].reverse().find((c) => c.change.incidentId === i.id && c.change.field === 'foundAt');
    const harm = i.harm && i.harm in HARM_LABELS ? HARM_LABELS[i.harm as HarmLevel] : null;
    entries.push({
      at: i.foundAt, kind: 'found', title: `Found (incident ${i.policeReference})`, incidentId: i.id,
      by: recorded ? authorOf(recorded) : row.agencyName,
      lines: [
        i.foundBy ? `Found by: ${i.foundBy}` : null,
        i.foundLocation || i.foundPostcode ? `Where: ${[i.foundLocation, i.foundPostcode].filter(Boolean).join(', ')}` : null,
        harm ? `${harm}${i.harmNotes ? `: ${i.harmNotes}` : ''}` : null,
      ].filter((l): l is string => l !== null),
    });
  }
  return entries;
}

/** One entry per save: the changes one person made to one incident at one moment, with their reason. */
function changeEntries(input: ChronologyInput): ChronologyEntry[] {
  const refs = new Map(input.incidents.map((r) => [r.incident.id, r.incident.policeReference]));
  const groups = new Map<string, ChangeRow[]>();
  for (const row of input.changes) {
    const c = row.change;
    // Found details are shown by the "Found" entry itself.
    if (c.source === 'found') continue;
    const key = `${c.incidentId}|${c.changedAt.getTime()}|${c.source}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].flatMap((rows) => {
    const first = rows[0];
    if (!first) return [];
    const c = first.change;
    const { kind, title } = SOURCE_KIND[c.source] ?? NOTIFICATION_UPDATE;
    const lines = rows.map((r) => `${fieldLabel(r.change.field)}: ${displayValue(r.change.field, r.change.oldValue, input.districtNames)} → ${displayValue(r.change.field, r.change.newValue, input.districtNames)}`);
    if (c.reason && kind !== 'notification') lines.push(`Reason: ${c.reason}`);
    return [{ at: c.changedAt, kind, title: `${title} (incident ${refs.get(c.incidentId) ?? ''})`, lines, by: authorOf(first), incidentId: c.incidentId }];
  });
}

function careEntries(rows: CarePeriodRow[]): ChronologyEntry[] {
  return rows.map(({ period: p, recordedBy }) => ({
    at: p.startsAt, day: londonDate(p.startsAt), kind: 'care-status' as const, incidentId: null, by: recordedBy,
    title: `Care status: ${isCareStatus(p.status) ? CARE_STATUS_LABELS[p.status] : p.status}`,
    lines: [
      p.placement ? `Placement: ${p.placement}` : null,
      p.outOfArea ? 'Placed out of area' : null,
      p.responsibleAuthority ? `Responsible authority: ${p.responsibleAuthority}` : null,
    ].filter((l): l is string => l !== null),
  }));
}

function taskEntries(rows: TaskRow[]): ChronologyEntry[] {
  return rows.flatMap(({ task: t, doneByName }) => {
    const created: ChronologyEntry = { at: t.createdAt, kind: 'task', title: 'Task to do', lines: [t.description], by: null, incidentId: t.incidentId };
    if (!t.doneAt) return [created];
    const lines = [t.description, ...(t.doneNote ? [`Note: ${t.doneNote}`] : [])];
    return [created, { at: t.doneAt, kind: 'task' as const, title: 'Task done', lines, by: doneByName, incidentId: t.incidentId }];
  });
}

function matchEntries(rows: MatchRow[]): ChronologyEntry[] {
  return rows.flatMap(({ match: m, decidedByName, childName, candidateName }) => {
    const about = `${candidateName} and ${childName} (newer record): ${m.reason}`;
    const noted: ChronologyEntry = { at: m.createdAt, kind: 'match', title: 'Possible same child noted', lines: [about], by: null, incidentId: null };
    if (m.status === 'open' || !m.decidedAt) return [noted];
    const title = m.status === 'confirmed' ? 'Confirmed as the same child: records merged' : 'Confirmed as different children';
    return [noted, { at: m.decidedAt, kind: 'match' as const, title, lines: [about], by: decidedByName, incidentId: null }];
  });
}

export function buildChronology(input: ChronologyInput): ChronologyEntry[] {
  return [
    ...input.incidents.flatMap((row) => incidentEntries(row, input.changes)),
    ...changeEntries(input),
    ...careEntries(input.carePeriods),
    ...taskEntries(input.tasks),
    ...matchEntries(input.matches),
    ...interviewEntries(input.interviews, input.caseworkAudit),
    ...feedbackEntries(input.feedback),
    ...meetingEntries(input.meetings, input.caseworkAudit),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
}
