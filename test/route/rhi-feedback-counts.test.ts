/**
 * Counting the child's feedback (reports/rhi-feedback.ts): the pure sum, the query for an authority and a
 * period (both ends included), and the worklist's "last 90 days" summary. Expectations are worked out by hand.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rhiFeedback, rhiFeedbackLinks } from '../../src/db/schema.ts';
import { rhiFeedbackCounts, summariseRhiFeedback } from '../../src/modules/reports/rhi-feedback.ts';
import { actorOf } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { mainText } from './children-support.ts';
import { endedIncident, FIXED_NOW } from './return-interview-support.ts';

const DAY = 86_400_000;
const FROM = new Date(FIXED_NOW.getTime() - 90 * DAY);

describe('summariseRhiFeedback', () => {
  it('adds up grouped answers by source and by answer, counting a blank answer as not answered', () => {
    const counts = summariseRhiFeedback([
      { source: 'child_link', listened: 'yes', easyToTalk: 'yes', talkAgain: 'yes', hasComment: true, n: 3 },
      { source: 'child_link', listened: 'no', easyToTalk: null, talkAgain: 'not_sure', hasComment: false, n: 1 },
      { source: 'worker', listened: 'a_bit', easyToTalk: 'a_bit', talkAgain: null, hasComment: false, n: 2 },
      { source: 'worker', listened: null, easyToTalk: 'no', talkAgain: 'no', hasComment: true, n: 1 },
    ]);
    expect(counts).toEqual({
      interviews: 7,
      bySource: { child_link: 4, worker: 3 },
      listened: { yes: 3, a_bit: 2, no: 1, unanswered: 1 },
      easyToTalk: { yes: 3, a_bit: 2, no: 1, unanswered: 1 },
      talkAgain: { yes: 3, not_sure: 1, no: 1, unanswered: 2 },
      comments: 4,
    });
  });

  it('is all zeros with no feedback', () => {
    expect(summariseRhiFeedback([])).toMatchObject({ interviews: 0, bySource: { child_link: 0, worker: 0 }, comments: 0, talkAgain: { unanswered: 0 } });
  });
});

describeEachDatabase('Feedback counts for an authority and a period', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    const worker = await actorOf(use(), 'rhi_worker');
    const otherWorker = await actorOf(use(), 'rhi_worker', '892');
    type Given = [string | null, string | null, string | null, string | null, 'child_link' | 'worker', Date, '891' | '892'];
    const given: Given[] = [
      ['yes', 'yes', 'yes', 'They listened.', 'child_link', FIXED_NOW, '891'], // the last moment of the period
      ['a_bit', 'no', 'not_sure', null, 'child_link', new Date('2026-10-01T09:00:00Z'), '891'],
      ['no', null, 'yes', null, 'worker', FROM, '891'], // the first moment of the period
      [null, null, null, 'It was OK.', 'worker', new Date('2026-11-01T09:00:00Z'), '891'],
      ['yes', 'a_bit', 'no', null, 'child_link', new Date(FROM.getTime() - 1), '891'], // just before it
      ['yes', 'yes', 'yes', null, 'child_link', new Date(FIXED_NOW.getTime() + 1), '891'], // just after it
      ['yes', 'yes', 'yes', null, 'worker', new Date('2026-11-01T09:00:00Z'), '892'], // another authority
    ];
    for (const [listened, easyToTalk, talkAgain, comment, source, createdAt, authority] of given) {
      const { rhiId } = await endedIncident(use(), 67, { authority });
      const recordedBy = source === 'worker' ? (authority === '891' ? worker.id : otherWorker.id) : null;
      await use().transaction(async (tx) => {
        const linkId = source === 'child_link' ? randomUUID() : null;
        if (linkId) {
          await tx.insert(rhiFeedbackLinks).values({ id: linkId, authorityCode: authority, returnInterviewId: rhiId, tokenHash: randomBytes(32).toString('hex'), createdBy: worker.id, expiresAt: FIXED_NOW, usedAt: createdAt });
        }
        await tx.insert(rhiFeedback).values({ id: randomUUID(), authorityCode: authority, returnInterviewId: rhiId, source, linkId, recordedBy, listened, easyToTalk, talkAgain, comment, createdAt });
      });
    }
  });
  afterAll(() => app.close());

  it('counts the feedback given in the period, both ends included, for that authority only', async () => {
    const counts = await use().read((q) => rhiFeedbackCounts(q, { authorityCode: '891', from: FROM, to: FIXED_NOW }));
    expect(counts).toEqual({
      interviews: 4,
      bySource: { child_link: 2, worker: 2 },
      listened: { yes: 1, a_bit: 1, no: 1, unanswered: 1 },
      easyToTalk: { yes: 1, a_bit: 0, no: 1, unanswered: 2 },
      talkAgain: { yes: 2, not_sure: 1, no: 0, unanswered: 1 },
      comments: 2,
    });
    const october = await use().read((q) => rhiFeedbackCounts(q, { authorityCode: '891', from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-31T23:59:59.999Z') }));
    expect(october).toMatchObject({ interviews: 1, bySource: { child_link: 1, worker: 0 }, listened: { a_bit: 1 } });
  });

  it('shows the last 90 days on the return interview worklist', async () => {
    const officer = await new Agent(app).signIn('missing_officer');
    const text = mainText((await officer.get('/return-interviews')).body);
    expect(text).toContain('What children told us about their interviews, last 90 days');
    expect(text).toContain('4 interviews have feedback: 2 given by the child using a one-time link, 2 recorded by a worker. 2 children wrote something more.');
    expect(text).toContain('Did you feel listened to? 1 1 1 1');
    expect(text).toContain('Was it easy to talk to the person you met? 1 0 1 2');
    expect(text).toContain('Would you talk to them again if you needed to? 2 1 0 1');

    const other = await new Agent(app).signIn('rhi_worker', '892');
    expect(mainText((await other.get('/return-interviews')).body)).toContain('1 interview has feedback: 0 given by the child using a one-time link, 1 recorded by a worker. 0 children wrote something more.');
  });
});
