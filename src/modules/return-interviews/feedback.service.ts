/**
 * The child's feedback on their return interview: a worker creates a one-time link (the token is handed back
 * once and only its fingerprint kept) or records the child's answers; the child answers by the link without
 * signing in. One feedback per interview, whichever way it comes.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { assertCan, can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { DomainRuleBroken, NotFound, ValidationFailed } from '../errors.ts';
import { rhiFeedbackCounts } from '../reports/rhi-feedback.ts';
import {
  checkFeedbackForm, FEEDBACK_LINK_DAYS, feedbackTokenHash, linkState, looksLikeFeedbackToken, newFeedbackToken,
  OUTCOMES_WITH_FEEDBACK, type FeedbackForm, type LinkState,
} from './feedback.ts';
import * as repo from './feedback.repository.ts';
import { findReturnInterview, type ReturnInterviewRow } from './return-interview.repository.ts';

const DAY = 86_400_000;

/** Feedback was already given for this interview: nothing more can be added. */
export class FeedbackAlreadyGiven extends DomainRuleBroken {
  constructor() {
    super('The child’s feedback on this interview has already been given');
    this.name = 'FeedbackAlreadyGiven';
  }
}

async function interviewOf(tx: Tx, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<ReturnInterviewRow> {
  const rhi = await findReturnInterview(tx, actor.authorityCode, recordId(id, 'return interview'), options);
  if (!rhi) throw new NotFound('There is no such return interview');
  return rhi;
}

const feedbackAllowed = (rhi: ReturnInterviewRow) => OUTCOMES_WITH_FEEDBACK.some((o) => o === rhi.outcome);

async function loadFeedback(q: Tx, actor: Actor, id: string, now: Date) {
  const rhi = await interviewOf(q, actor, id);
  const given = await repo.feedbackFor(q, rhi.id);
  const openLink = given ? null : await repo.openLinkFor(q, rhi.id, now);
  const mayRecord = can(actor, 'rhi-feedback:record');
  const allowed = feedbackAllowed(rhi);
  return { returnInterviewId: rhi.id, childId: rhi.childId, given, openLink, mayRecord, allowed, canRecord: mayRecord && allowed && !given };
}

/** The interview page's feedback section (the page itself audits the view of the interview). */
export async function interviewFeedback(db: Database, actor: Actor, id: string, now: Date) {
  assertCan(actor, 'rhi:view');
  return db.read((q) => loadFeedback(q, actor, id, now));
}

/** The feedback page on its own: what the child said is shown, so the view is audited. */
export async function viewInterviewFeedback(db: Database, actor: Actor, id: string, now: Date) {
  assertCan(actor, 'rhi:view');
  return db.transaction(async (tx) => {
    const feedback = await loadFeedback(tx, actor, id, now);
    await writeAudit(tx, actor, { action: 'rhi-feedback.viewed', childId: feedback.childId, subjectType: 'return_interview', subjectId: feedback.returnInterviewId });
    return feedback;
  });
}

export type InterviewFeedback = Awaited<ReturnType<typeof interviewFeedback>>;

/**
 * A new one-time link for the child, valid for 14 days. Any earlier unused link stops working: the worker
 * could not see its token again, so the newest link is the only one in their hands.
 */
export async function createFeedbackLink(db: Database, actor: Actor, id: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  assertCan(actor, 'rhi-feedback:record');
  return db.transaction(async (tx) => {
    const rhi = await interviewOf(tx, actor, id, { lock: true });
    if (await repo.feedbackFor(tx, rhi.id)) throw new FeedbackAlreadyGiven();
    if (!feedbackAllowed(rhi)) throw new DomainRuleBroken('Record the interview as completed, or advice given, before asking the child for feedback');
    const replaced = await repo.endOpenLinks(tx, rhi.id, now);
    const token = newFeedbackToken();
    const link = { id: randomUUID(), authorityCode: rhi.authorityCode, returnInterviewId: rhi.id, tokenHash: feedbackTokenHash(token), createdBy: actor.id, createdAt: now, expiresAt: new Date(now.getTime() + FEEDBACK_LINK_DAYS * DAY) };
    await repo.insertLink(tx, link);
    await writeAudit(tx, actor, { action: 'rhi-feedback.link-created', childId: rhi.childId, subjectType: 'rhi_feedback_link', subjectId: link.id, details: { returnInterviewId: rhi.id, replaced } });
    return { token, expiresAt: link.expiresAt };
  });
}

/** The worker records the child's answers (given in person or by phone) for an interview with none yet. */
export async function recordFeedbackForChild(db: Database, actor: Actor, id: string, form: FeedbackForm, now: Date): Promise<void> {
  assertCan(actor, 'rhi-feedback:record');
  await db.transaction(async (tx) => {
    const rhi = await interviewOf(tx, actor, id, { lock: true });
    if (await repo.feedbackFor(tx, rhi.id)) throw new FeedbackAlreadyGiven();
    if (!feedbackAllowed(rhi)) throw new DomainRuleBroken('Record the interview as completed, or advice given, before recording the child’s feedback');
    const checked = checkFeedbackForm(form, 'worker');
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const feedbackId = randomUUID();
    const saved = await repo.insertFeedback(tx, { id: feedbackId, authorityCode: rhi.authorityCode, returnInterviewId: rhi.id, source: 'worker', recordedBy: actor.id, createdAt: now, ...checked.value });
    if (!saved) throw new FeedbackAlreadyGiven();
    await writeAudit(tx, actor, { action: 'rhi-feedback.recorded', childId: rhi.childId, subjectType: 'rhi_feedback', subjectId: feedbackId, details: { returnInterviewId: rhi.id, source: 'worker' } });
  });
}

/** What a one-time link shows now; no sign-in and nothing about the child. */
export async function childFeedbackLink(db: Database, token: string, now: Date): Promise<LinkState> {
  if (!looksLikeFeedbackToken(token)) return 'unavailable';
  const found = await db.read((q) => repo.linkByHash(q, feedbackTokenHash(token)));
  return linkState(found?.link ?? null, found?.feedbackGiven ?? false, now);
}

/**
 * The child's answers by their link: stored, and the link marked used, in one transaction. A second post of
 * the same link (a double click, two tabs) finds it used and stores nothing. Audited as the system acting,
 * since no user is signed in.
 */
export async function submitChildFeedback(db: Database, token: string, form: FeedbackForm, context: { now: Date; correlationId: string }): Promise<Exclude<LinkState, 'open'> | 'saved'> {
  if (!looksLikeFeedbackToken(token)) return 'unavailable';
  const { now } = context;
  const submit = db.transaction(async (tx) => {
    const found = await repo.linkByHash(tx, feedbackTokenHash(token), { lock: true });
    const state = linkState(found?.link ?? null, found?.feedbackGiven ?? false, now);
    if (!found || state !== 'open') return state === 'open' ? 'unavailable' : state;
    const checked = checkFeedbackForm(form, 'child');
    if (!checked.ok) throw new ValidationFailed(checked.problems);
    const link = found.link;
    const feedbackId = randomUUID();
    if (!(await repo.markLinkUsed(tx, link.id, now))) return 'used';
    const saved = await repo.insertFeedback(tx, { id: feedbackId, authorityCode: link.authorityCode, returnInterviewId: link.returnInterviewId, source: 'child_link', linkId: link.id, createdAt: now, ...checked.value });
    if (!saved) throw new FeedbackAlreadyGiven();
    const agencyId = await repo.actingAgencyFor(tx, link.authorityCode, found.providerAgencyId);
    await writeAudit(tx, systemActor(link.authorityCode, agencyId, context.correlationId), {
      action: 'rhi-feedback.given', childId: found.childId, subjectType: 'rhi_feedback', subjectId: feedbackId,
      details: { returnInterviewId: link.returnInterviewId, source: 'child_link', linkId: link.id },
    });
    return 'saved' as const;
  });
  // Feedback recorded by the worker in the meantime: the link counts as used, and nothing is written.
  return submit.catch((error: unknown) => {
    if (error instanceof FeedbackAlreadyGiven) return 'used' as const;
    throw error;
  });
}

export const FEEDBACK_SUMMARY_DAYS = 90;

/** The worklist's summary: what children told us about their interviews in the last 90 days. */
export async function recentFeedbackCounts(db: Database, actor: Actor, now: Date) {
  assertCan(actor, 'rhi:view');
  const from = new Date(now.getTime() - FEEDBACK_SUMMARY_DAYS * DAY);
  return db.read((q) => rhiFeedbackCounts(q, { authorityCode: actor.authorityCode, from, to: now }));
}
