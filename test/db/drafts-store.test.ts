/**
 * Drafts and sessions in the database: drafts past 7 days are purged by the periodic prune with expired
 * sessions, only people have drafts, and the idle clock writes at most once a minute unless told to.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Session } from 'fastify';
import { expect, it } from 'vitest';
import { formDrafts, sessions } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { discardDraft, readDraft, saveDraft } from '../../src/modules/drafts/drafts.service.ts';
import { Forbidden } from '../../src/modules/errors.ts';
import { DatabaseSessionStore } from '../../src/web/plugins/session-store.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { describeEachDatabase } from '../support/databases.ts';

const DAY = 24 * 3600 * 1000;
const MINUTE = 60_000;

describeEachDatabase('drafts and the session store', (use) => {
  const store = () => new DatabaseSessionStore(use(), 8 * 60 * MINUTE, 30 * MINUTE);

  function putSession(s: DatabaseSessionStore, sid: string): Promise<void> {
    return new Promise((resolve, reject) => s.set(sid, { userId: randomUUID() } as unknown as Session, (error) => (error ? reject(error as Error) : resolve())));
  }

  async function endOf(sid: string): Promise<number | undefined> {
    const [row] = await use().read((q) => q.select().from(sessions).where(eq(sessions.sid, sid)));
    return row?.expiresAt.getTime();
  }

  async function setEnd(sid: string, msFromNow: number): Promise<void> {
    await use().transaction((tx) => tx.update(sessions).set({ expiresAt: new Date(Date.now() + msFromNow) }).where(eq(sessions.sid, sid)));
  }

  it('purges drafts older than 7 days and expired sessions when the store is pruned, and nothing else', async () => {
    const worker = await actorOf(use(), 'rhi_worker');
    const now = new Date();
    await saveDraft(use(), worker, '/old-form', { notes: ['Eight days ago'] }, new Date(now.getTime() - 8 * DAY));
    await saveDraft(use(), worker, '/recent-form', { notes: ['Six days ago'] }, new Date(now.getTime() - 6 * DAY));
    const s = store();
    await putSession(s, 'ended-session');
    await putSession(s, 'live-session');
    await setEnd('ended-session', -MINUTE);
    await s.prune();
    const keys = await use().read((q) => q.select({ key: formDrafts.key }).from(formDrafts).where(eq(formDrafts.userId, worker.id)));
    expect(keys.map((k) => k.key)).toEqual(['/recent-form']);
    expect(await endOf('ended-session')).toBeUndefined();
    expect(await endOf('live-session')).toBeDefined();
  });

  it('keeps drafts for people only: an API client has none', async () => {
    const worker = await actorOf(use(), 'rhi_worker');
    const apiClient: Actor = { ...worker, kind: 'api_key', id: randomUUID() };
    await expect(saveDraft(use(), apiClient, '/form', { notes: ['x'] }, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(readDraft(use(), apiClient, '/form', FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(discardDraft(use(), apiClient, '/form')).rejects.toBeInstanceOf(Forbidden);
  });

  it('moves a session’s end on with activity, writing at most once a minute unless told to', async () => {
    const s = store();
    await putSession(s, 'touched-session');
    await setEnd('touched-session', 29.5 * MINUTE);
    // Written less than a minute ago, as far as this store knows: no write.
    await s.touch('touched-session');
    expect(await endOf('touched-session')).toBeLessThan(Date.now() + 29.6 * MINUTE);
    const forced = await s.touch('touched-session', { force: true });
    expect(forced?.getTime()).toBeGreaterThan(Date.now() + 29.9 * MINUTE);
    expect(await endOf('touched-session')).toBe(forced?.getTime());
    await setEnd('touched-session', 20 * MINUTE);
    await new Promise<void>((resolve) => s.get('touched-session', () => resolve()));
    expect((await s.touch('touched-session'))?.getTime()).toBeGreaterThan(Date.now() + 29.9 * MINUTE);
  });

  it('does not bring an ended session back', async () => {
    const s = store();
    await putSession(s, 'over-session');
    await setEnd('over-session', -1000);
    expect(await s.touch('over-session', { force: true })).toBeNull();
    expect(await s.endOf('over-session')).toBeNull();
    expect(await endOf('over-session')).toBeLessThan(Date.now());
  });
});
