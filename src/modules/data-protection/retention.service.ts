/**
 * The retention review: every record of the authority past its retention date, oldest first, with the rule that
 * made it due and any legal hold; and the holds in force. For the data protection officer (`retention:manage`).
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { londonDate } from '../missing/uk-time.ts';
import * as repo from './retention.repository.ts';
import { activityDueDate, bornOnOrBeforeForReview, childDueDate, isDue, type DueDate, type RetentionPolicy } from './retention-rules.ts';
import { activityLabel, childLabel, policyFor, type SubjectStatus } from './retention-subjects.ts';

export interface RetentionReview {
  policy: RetentionPolicy;
  today: string;
  /** Due records, oldest due date first. */
  due: SubjectStatus[];
  /** Every hold in force, with what it holds (due or not). */
  holds: (repo.HoldEntry & { label: string })[];
}

/** The review list as of `now`; reading it is audited (it names children). */
export async function retentionReview(db: Database, actor: Actor, now: Date): Promise<RetentionReview> {
  assertCan(actor, 'retention:manage');
  const today = londonDate(now);
  return db.transaction(async (tx) => {
    const review = await reviewOf(tx, actor.authorityCode, today);
    await writeAudit(tx, actor, { action: 'retention.reviewed', details: { due: review.due.length, holds: review.holds.length } });
    return review;
  });
}

/** Children are read only when old enough to be due under either rule; locations and persons are few, and all read. */
async function reviewOf(tx: Tx, authorityCode: string, today: string): Promise<RetentionReview> {
  const policy = await policyFor(tx, authorityCode);
  const holds = await repo.activeHolds(tx, authorityCode);
  const holdOf = new Map(holds.map((h) => [`${h.subjectType}:${h.subjectId}`, h]));
  const labels = new Map<string, string>();
  const due: SubjectStatus[] = [];
  const add = (type: SubjectStatus['type'], id: string, label: string, dueDate: DueDate) => {
    labels.set(`${type}:${id}`, label);
    if (isDue(dueDate, today)) due.push({ type, id, label, due: dueDate, isDue: true, hold: holdOf.get(`${type}:${id}`) ?? null });
  };
  for (const c of await repo.childCandidates(tx, authorityCode, bornOnOrBeforeForReview(today, policy))) add('child', c.id, childLabel(c), childDueDate(c, policy));
  for (const type of ['location', 'person'] as const) {
    for (const a of await repo.activityCandidates(tx, type, authorityCode)) add(type, a.id, activityLabel(a), activityDueDate(type, a.lastActivityOn, policy));
  }
  due.sort((a, b) => a.due.dueOn.localeCompare(b.due.dueOn) || a.id.localeCompare(b.id));
  // A held child not yet due is not among the candidates: name it from its own row.
  for (const h of holds.filter((h) => !labels.has(`${h.subjectType}:${h.subjectId}`) && h.subjectType === 'child')) {
    const child = await repo.childCandidate(tx, authorityCode, h.subjectId);
    if (child) labels.set(`child:${h.subjectId}`, childLabel(child));
  }
  return { policy, today, due, holds: holds.map((h) => ({ ...h, label: labels.get(`${h.subjectType}:${h.subjectId}`) ?? h.subjectId })) };
}
