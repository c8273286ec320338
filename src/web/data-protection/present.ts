/** What the data protection pages show, from what the services return. */
import type { DeletionPreview } from '../../modules/data-protection/record-deletion.service.ts';
import type { RetentionReview } from '../../modules/data-protection/retention.service.ts';
import { ordinal } from '../../modules/data-protection/retention-rules.ts';
import { SUBJECT_LABELS } from '../../modules/data-protection/retention-subjects.ts';
import { tableLabel } from '../../modules/data-protection/sar-labels.ts';
import { formatUkDate, formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { urls } from '../urls.ts';

/** At most this many due records are listed at once, oldest first: deleting them brings up the next. */
export const REVIEW_LIMIT = 200;

export function reviewView(review: RetentionReview) {
  const { policy } = review;
  return {
    today: formatUkDate(review.today),
    policyRows: [
      { key: { text: 'Child' }, value: { text: `Until the ${ordinal(policy.childUntilAge)} birthday` } },
      { key: { text: 'Child ever looked after' }, value: { text: `Until ${policy.lookedAfterUntilAge} years from birth` } },
      { key: { text: 'Location' }, value: { text: `${policy.locationYearsAfterLastActivity} years after its last link or change` } },
      { key: { text: 'Person who may pose a risk' }, value: { text: `${policy.personYearsAfterLastActivity} years after their last link or change` } },
    ],
    dueCount: review.due.length,
    due: review.due.slice(0, REVIEW_LIMIT).map((d) => ({
      type: d.type, id: d.id, typeLabel: SUBJECT_LABELS[d.type], label: d.label, dueOn: formatUkDate(d.due.dueOn), rule: d.due.ruleText,
      hold: d.hold ? { id: d.hold.id, reason: d.hold.reason, placed: `${formatUkDateTime(d.hold.placedAt)} by ${d.hold.placedBy}` } : null,
      deleteHref: `${urls.retentionDelete}?type=${d.type}&id=${d.id}`,
      subjectAccessHref: d.type === 'child' ? urls.childSubjectAccess(d.id) : null,
    })),
    holds: review.holds.map((h) => ({
      id: h.id, typeLabel: SUBJECT_LABELS[h.subjectType], label: h.label, reason: h.reason, placed: `${formatUkDateTime(h.placedAt)} by ${h.placedBy}`,
      releaseAction: urls.retentionHoldRelease(h.id),
    })),
  };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function countRows(counts: Record<string, number>) {
  return Object.entries(counts).map(([table, n]) => ({ key: { text: tableLabel(table) }, value: { text: String(n) } }));
}

export function deletionView(preview: DeletionPreview) {
  const { status } = preview;
  return {
    subject: { type: status.type, id: status.id, typeLabel: SUBJECT_LABELS[status.type], label: status.label },
    dueOn: formatUkDate(status.due.dueOn),
    rule: status.due.ruleText,
    rows: plural(Object.values(preview.counts).reduce((sum, n) => sum + n, 0), 'row'),
    countRows: countRows(preview.counts),
    action: urls.retentionDelete,
  };
}
