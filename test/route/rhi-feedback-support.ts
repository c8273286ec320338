/** The child's feedback tests: an interview recorded as completed, a one-time link created through the page. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { auditEvents, rhiFeedback, rhiFeedbackLinks } from '../../src/db/schema.ts';
import type { Agent } from '../support/app.ts';
import { endedIncident } from './return-interview-support.ts';

export { FIXED_NOW } from './return-interview-support.ts';

// The child returned 67 hours before FIXED_NOW (18/11/2026 17:00), was offered the interview and met the worker.
export const COMPLETED = {
  version: '1', offeredAt: '19/11/2026 10:00', offerMethod: 'in_person', offeredBy: 'Jo Finch, return interview worker',
  offeredByIndependent: 'yes', outcome: 'completed', completedAt: '20/11/2026 15:00',
};

export const ANSWERS = { listened: 'yes', easyToTalk: 'a_bit', talkAgain: 'not_sure', comment: 'The worker was kind and did not rush me.' };

/** An interview the officer has recorded as completed through its page. */
export async function completedInterview(db: Database, officer: Agent, options: { authority?: '891' | '892' } = {}) {
  const ended = await endedIncident(db, 67, options);
  await officer.get(`/return-interviews/${ended.rhiId}`);
  const res = await officer.post(`/return-interviews/${ended.rhiId}`, COMPLETED);
  if (res.statusCode !== 302) throw new Error(`recording the interview failed with ${res.statusCode}`);
  return ended;
}

/** Creates a one-time link from the interview page, as a worker would, and reads the token off the page shown. */
export async function createLink(agent: Agent, rhiId: string) {
  await agent.get(`/return-interviews/${rhiId}`);
  const res = await agent.post(`/return-interviews/${rhiId}/feedback-link`, {});
  const token = /http:\/\/localhost:3000\/feedback\/([A-Za-z0-9_-]{43})"/.exec(res.body)?.[1] ?? null;
  return { res, token };
}

export const feedbackOf = (db: Database, rhiId: string) => db.read((q) => q.select().from(rhiFeedback).where(eq(rhiFeedback.returnInterviewId, rhiId)));
export const linksOf = (db: Database, rhiId: string) => db.read((q) => q.select().from(rhiFeedbackLinks).where(eq(rhiFeedbackLinks.returnInterviewId, rhiId)));
export const auditFor = (db: Database, action: string) => db.read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, action)));
