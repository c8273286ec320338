/**
 * The notification centre and the live-update stream over HTTP: alerts shown with their rule and facts, the
 * count in the navigation, acknowledging by form, who may see what, the other authority's one-time
 * confirmation link, and a server-sent event when a notification arrives.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alerts, emailOutbox } from '../../src/db/schema.ts';
import { saveContacts } from '../../src/modules/alerts/contacts.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild } from '../fixtures/notifications.ts';
import { auditOf, FIXED_NOW, mainText, notify } from './children-support.ts';

describeEachDatabase('Alerts pages', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  const alertFor = async (incidentId: string, role: string) =>
    (await use().read((q) => q.select().from(alerts).where(eq(alerts.subjectId, incidentId)))).find((a) => a.audienceRole === role);

  it('lists the alert with its rule and facts, counts it in the navigation, and acknowledges it', async () => {
    const child = newChild();
    const rec = await notify(use(), { child, cells: { risk_grade: 'high' } });
    const page = await officer.get('/alerts');
    expect(page.statusCode).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain('High-risk missing incident');
    expect(text).toContain('A child reported missing is graded high risk');
    expect(text).toContain(`${child.forename} ${child.surname}`);
    expect(text).toContain(`Police reference ${rec.reference}`);
    const count = Number(/data-live-alert-count>(\d+)/.exec(page.body)?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(JSON.parse((await officer.get('/alerts/count')).body)).toEqual({ open: count });
    const alert = await alertFor(rec.incidentId, 'missing_officer');
    const done = await officer.post(`/alerts/${alert?.id}/acknowledge`, {});
    expect(done.statusCode).toBe(302);
    expect(JSON.parse((await officer.get('/alerts/count')).body)).toEqual({ open: count - 1 });
    const all = mainText((await officer.get('/alerts?show=all')).body);
    expect(all).toMatch(/Acknowledged by Children Missing Officer \w* ?\w*|Acknowledged by .+ at /);
    expect(await auditOf(use(), 'alert.acknowledged', alert?.id ?? '')).toHaveLength(1);
    // Acknowledging twice says who did it first, and changes nothing.
    await officer.get('/alerts');
    await officer.post(`/alerts/${alert?.id}/acknowledge`, {});
    expect(mainText((await officer.get('/alerts')).body)).toContain('This alert was already acknowledged by');
  });

  it('refuses acknowledgement without a CSRF token, and shows police no alerts', async () => {
    const rec = await notify(use(), { cells: { risk_grade: 'high' } });
    const alert = await alertFor(rec.incidentId, 'missing_officer');
    expect((await officer.post(`/alerts/${alert?.id}/acknowledge`, {}, { csrf: null })).statusCode).toBe(403);
    const police = await new Agent(app).signIn('police');
    expect((await police.get('/alerts')).statusCode).toBe(403);
    const other = await new Agent(app).signIn('missing_officer', '892');
    expect(mainText((await other.get('/alerts')).body)).not.toContain(rec.reference);
  });

  it("lets the other authority's contact confirm by the one-time link, without signing in, once", async () => {
    await use().transaction((tx) => saveContacts(tx, '891', [{ keys: ['Leicestershire'], name: 'Leicestershire missing contact', email: 'missing@leics.example' }]));
    const rec = await notify(use(), { cells: { missing_from: 'ola care', responsible_authority: 'Leicestershire' } });
    const [mail] = await use().read((q) => q.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'missing@leics.example')));
    const visitor = new Agent(app);
    const page = await visitor.get(mail?.linkPath ?? '');
    expect(page.statusCode).toBe(200);
    expect(mainText(page.body)).toContain(`Police reference ${rec.reference}`);
    const blank = await visitor.post(mail?.linkPath ?? '', { name: '' });
    expect(blank.statusCode).toBe(400);
    expect(mainText(blank.body)).toContain('Enter your name');
    const confirmed = await visitor.post(mail?.linkPath ?? '', { name: 'Sam Duty' });
    expect(mainText(confirmed.body)).toContain('Thank you');
    const [alert] = await use().read((q) => q.select().from(alerts).where(eq(alerts.subjectId, rec.incidentId)));
    expect(alert?.acknowledgedByName).toBe('Sam Duty (Leicestershire missing contact (by e-mail))');
    expect(mainText((await officer.get('/alerts?show=all')).body)).toContain('Sam Duty');
    expect((await new Agent(app).get('/alert-confirmation/not-a-real-token-0123456789')).statusCode).toBe(404);
  });
});

describeEachDatabase('Live updates', (use) => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  /** Opens the event stream as a signed-in user and resolves with the events' names seen until `until` is seen. */
  function openStream(cookie: string, until: string): { ready: Promise<void>; events: Promise<string[]> } {
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => { onReady = resolve; });
    const events = new Promise<string[]>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          if (buffer.includes(': connected')) onReady();
          const names = [...buffer.matchAll(/^event: (\w+)$/gm)].map((m) => m[1] ?? '');
          if (names.includes(until)) {
            req.destroy();
            resolve(names);
          }
        });
      });
      req.on('error', reject);
      req.end();
      setTimeout(() => reject(new Error('no event within 10 s')), 10_000).unref();
    });
    return { ready, events };
  }

  it('tells an open board that a notification arrived, and its alerts, without naming anyone', async () => {
    const agent = await new Agent(app).signIn('missing_officer');
    const stream = openStream(agent.cookieHeader(), 'alerts');
    await stream.ready;
    await notify(use(), { cells: { risk_grade: 'high' } });
    expect(await stream.events).toEqual(expect.arrayContaining(['incidents', 'alerts']));
  });

  it('asks for sign-in before streaming', async () => {
    const res = await app.inject({ method: 'GET', url: '/events' });
    expect(res.statusCode).toBe(302);
  });
});
