/**
 * Chronology entries for a child's return home interviews (pure): requested, offered, the outcome with who
 * recorded it, sent back to the Missing Officer, and the child's feedback. What the child said stays in the
 * interview itself; these entries link to it.
 */
import { answerLabel, COMMENT_QUESTION, FEEDBACK_QUESTIONS } from '../return-interviews/feedback.ts';
import { labelFor, RHI_OFFER_METHODS, RHI_OUTCOMES } from '../return-interviews/outcomes.ts';
import type { CaseworkAuditRow, InterviewFeedbackRow, InterviewRow } from './child-record.repository.ts';
import type { ChronologyEntry } from './chronology.ts';

const savesOf = (rhiId: string, audit: readonly CaseworkAuditRow[]) => audit.filter((a) => a.action === 'return-interview.recorded' && a.subjectId === rhiId);

/** Who recorded the outcome the interview has now: the first of the saves since it last had another one. */
export function outcomeRecorder(rhiId: string, outcome: string, audit: readonly CaseworkAuditRow[]): CaseworkAuditRow | null {
  let recorder: CaseworkAuditRow | null = null;
  for (const save of savesOf(rhiId, audit)) {
    if (save.details?.outcome === outcome) recorder ??= save;
    else recorder = null;
  }
  return recorder;
}

/** Who sent it back: the first save that said so (later saves keep saying it). */
const sender = (rhiId: string, audit: readonly CaseworkAuditRow[]) => savesOf(rhiId, audit).find((a) => a.details?.sentToMissingOfficer === true) ?? null;

function offerEntry(row: InterviewRow, base: Pick<ChronologyEntry, 'incidentId' | 'returnInterviewId'>): ChronologyEntry[] {
  const r = row.rhi;
  if (!r.offeredAt) return [];
  const independence = r.offeredByIndependent === null ? null
    : r.offeredByIndependent ? 'Offered by someone independent of the child’s home or placement' : 'Offered by someone who is not independent of the child’s home or placement';
  const method = r.offerMethod ? labelFor(RHI_OFFER_METHODS, r.offerMethod) ?? r.offerMethod : null;
  return [{
    ...base, at: r.offeredAt, kind: 'rhi-offered', title: `Return interview offered (incident ${row.policeReference})`, by: r.offeredBy,
    lines: [method ? `How: ${method}` : null, independence].filter((l): l is string => l !== null),
  }];
}

function outcomeEntry(row: InterviewRow, audit: readonly CaseworkAuditRow[], base: Pick<ChronologyEntry, 'incidentId' | 'returnInterviewId'>): ChronologyEntry[] {
  const r = row.rhi;
  if (!r.outcome) return [];
  const label = labelFor(RHI_OUTCOMES, r.outcome) ?? r.outcome;
  const title = r.outcome === 'completed' ? 'Return interview completed' : `Return interview: ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  return [{
    ...base, at: r.completedAt ?? r.closedAt ?? r.updatedAt, kind: 'rhi-outcome', title: `${title} (incident ${row.policeReference})`,
    by: outcomeRecorder(r.id, r.outcome, audit)?.userName ?? null,
    lines: [
      r.notAttemptedReason ? `Reason: ${r.notAttemptedReason}` : null,
      r.outcome === 'completed' ? 'What the child said is kept with the return interview.' : null,
    ].filter((l): l is string => l !== null),
  }];
}

export function interviewEntries(rows: readonly InterviewRow[], audit: readonly CaseworkAuditRow[]): ChronologyEntry[] {
  return rows.flatMap((row) => {
    const r = row.rhi;
    const base = { incidentId: r.incidentId, returnInterviewId: r.id };
    const entries: ChronologyEntry[] = [{
      ...base, at: r.requestedAt, kind: 'rhi-requested', title: `Return interview requested (incident ${row.policeReference})`, by: null,
      lines: [`Provider: ${row.providerName ?? 'not assigned yet'}`],
    }, ...offerEntry(row, base), ...outcomeEntry(row, audit, base)];
    if (r.sentToMissingOfficerAt) {
      entries.push({
        ...base, at: r.sentToMissingOfficerAt, kind: 'rhi-sent-back', title: `Return interview sent back to the Missing Officer (incident ${row.policeReference})`,
        by: sender(r.id, audit)?.userName ?? null, lines: [],
      });
    }
    return entries;
  });
}

/** The child's feedback: their answers to the short questions; anything they wrote stays with the interview. */
export function feedbackEntries(rows: readonly InterviewFeedbackRow[]): ChronologyEntry[] {
  return rows.map(({ feedback: f, recordedByName, policeReference, incidentId }) => ({
    at: f.createdAt, kind: 'rhi-feedback', incidentId, returnInterviewId: f.returnInterviewId,
    title: `${f.source === 'worker' ? 'The child’s feedback on their return interview recorded' : 'The child gave feedback on their return interview'} (incident ${policeReference})`,
    by: f.source === 'worker' ? recordedByName : null,
    lines: [
      ...FEEDBACK_QUESTIONS.map((q) => `${q.question} ${answerLabel(q.field, f[q.field]) ?? 'Not answered'}`),
      ...(f.comment ? [`${COMMENT_QUESTION} The child wrote more: see the return interview.`] : []),
    ],
  }));
}
