/**
 * The session's idle timeout on the server: "Stay signed in" and what people do move its end on, background
 * requests by scripts do not, an idle session really ends, and the timed-out page explains on the sign-in page.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sessions } from '../../src/db/schema.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { urls } from '../../src/web/urls.ts';
import { Agent, buildTestApp, demoUserEmail } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { json, postWithToken } from './drafts-support.ts';
import { FIXED_NOW } from './return-interview-support.ts';

const MINUTE = 60_000;
const sidOf = (agent: Agent) => decodeURIComponent(/homeward\.sid=([^;]+)/.exec(agent.cookieHeader())?.[1] ?? '').split('.')[0] ?? '';

async function endOf(db: Database, agent: Agent): Promise<number> {
  const [row] = await db.read((q) => q.select().from(sessions).where(eq(sessions.sid, sidOf(agent))));
  if (!row) throw new Error('the session is not in the database');
  return row.expiresAt.getTime();
}

async function setEnd(db: Database, agent: Agent, msFromNow: number): Promise<void> {
  await db.transaction((tx) => tx.update(sessions).set({ expiresAt: new Date(Date.now() + msFromNow) }).where(eq(sessions.sid, sidOf(agent))));
}

/** Within a few seconds of `msFromNow` from now. */
const about = (msFromNow: number) => ({ asymmetricMatch: (end: number) => Math.abs(end - (Date.now() + msFromNow)) < 5000, toString: () => `about ${msFromNow} ms from now` });

describeEachDatabase('The session’s idle timeout', (use) => {
  let app: FastifyInstance;
  let worker: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    worker = await new Agent(app).signIn('rhi_worker');
  });
  afterAll(() => app.close());

  it('ends a session 30 minutes after signing in, and "Stay signed in" moves the end on 30 minutes from now', async () => {
    expect(await endOf(use(), worker)).toEqual(about(30 * MINUTE));
    await setEnd(use(), worker, MINUTE);
    await worker.get(urls.returnInterviews);
    await setEnd(use(), worker, MINUTE);
    const res = await postWithToken(worker, urls.sessionKeepAlive);
    expect(res.statusCode).toBe(200);
    expect(json(res).expiresInMs).toBeGreaterThan(29 * MINUTE);
    expect(await endOf(use(), worker)).toEqual(about(30 * MINUTE));
  });

  it('needs the form token to keep a session alive', async () => {
    await worker.get(urls.returnInterviews);
    await setEnd(use(), worker, 10 * MINUTE);
    expect((await postWithToken(worker, urls.sessionKeepAlive, { csrf: null })).statusCode).toBe(403);
    expect(await endOf(use(), worker)).toEqual(about(10 * MINUTE));
  });

  it('tells a script when the session ends without moving it', async () => {
    await setEnd(use(), worker, 10 * MINUTE);
    const res = await worker.get(urls.sessionKeepAlive);
    expect(res.statusCode).toBe(200);
    expect(json(res).expiresInMs).toBeGreaterThan(9.9 * MINUTE);
    expect(json(res).expiresInMs).toBeLessThanOrEqual(10 * MINUTE);
    expect(await endOf(use(), worker)).toEqual(about(10 * MINUTE));
  });

  it('counts a page opened as activity, but not what scripts fetch in the background', async () => {
    await setEnd(use(), worker, 10 * MINUTE);
    const background = { method: 'GET' as const, headers: { 'sec-fetch-mode': 'cors' } };
    await worker.send({ ...background, url: urls.returnInterviews });
    await worker.send({ ...background, url: urls.alertCount });
    await worker.get('/static/app/session.js');
    expect(await endOf(use(), worker)).toEqual(about(10 * MINUTE));
    await worker.send({ method: 'GET', url: urls.returnInterviews, headers: { 'sec-fetch-mode': 'navigate' } });
    expect(await endOf(use(), worker)).toEqual(about(30 * MINUTE));
  });

  it('sends someone idle past the end of their session to sign in again', async () => {
    const idle = await new Agent(app).signIn('rhi_worker');
    await setEnd(use(), idle, -1000);
    const res = await idle.get(urls.returnInterviews);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(urls.signIn);
  });

  it('gives signed-in pages the idle time and the warning time for the page’s script', async () => {
    const page = await worker.get(urls.returnInterviews);
    expect(page.body).toContain('data-session-idle-seconds="1800"');
    expect(page.body).toContain('data-session-warning-seconds="120"');
    expect(page.body).toContain('data-page-errors="false"');
    expect(page.body).toContain('id="app-timeout-dialog"');
    expect((await new Agent(app).get(urls.signIn)).body).not.toContain('data-session-idle-seconds');
  });

  it('says on the sign-in page why someone was signed out, and takes them back to their page after signing in', async () => {
    const visitor = new Agent(app);
    const res = await visitor.get(`${urls.sessionTimedOut}?from=${encodeURIComponent('/return-interviews?show=overdue')}`);
    expect(res.headers.location).toBe(urls.signIn);
    expect((await visitor.get(urls.signIn)).body).toContain('You were signed out after 30 minutes without activity. Anything you typed has been saved as a draft.');
    const signedIn = await visitor.post(urls.signIn, { email: demoUserEmail('rhi_worker'), password: DEMO_PASSWORD });
    expect(signedIn.headers.location).toBe('/return-interviews?show=overdue');
  });

  it('says when a draft may not have been saved, and never returns to another site', async () => {
    const visitor = new Agent(app);
    await visitor.get(`${urls.sessionTimedOut}?drafts=unsaved&from=${encodeURIComponent('/\\evil.example')}`);
    expect((await visitor.get(urls.signIn)).body).toContain('You were signed out after 30 minutes without activity. Some of what you typed may not have been saved.');
    const signedIn = await visitor.post(urls.signIn, { email: demoUserEmail('rhi_worker'), password: DEMO_PASSWORD });
    expect(signedIn.headers.location).not.toContain('evil');
    const stillSignedIn = await worker.get(urls.sessionTimedOut);
    expect(stillSignedIn.headers.location).toBe(urls.home);
  });
});

describeEachDatabase('A shorter idle timeout (HOMEWARD_SESSION_IDLE_MINUTES)', (use) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW, { env: { HOMEWARD_SESSION_IDLE_MINUTES: '1' } });
  });
  afterAll(() => app.close());

  it('ends sessions after that many minutes and warns half-way through a very short one', async () => {
    const worker = await new Agent(app).signIn('rhi_worker');
    expect(await endOf(use(), worker)).toEqual(about(MINUTE));
    const page = await worker.get(urls.returnInterviews);
    expect(page.body).toContain('data-session-idle-seconds="60"');
    expect(page.body).toContain('data-session-warning-seconds="30"');
  });
});
