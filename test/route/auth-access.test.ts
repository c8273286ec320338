/**
 * Who gets in: pages need a signed-in user, forms need the CSRF token of a page Homeward served, and roles
 * without the permission get a "no permission" page. Also the security headers every page carries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notificationCells } from '../fixtures/notifications.ts';
import { countRows } from '../fixtures/records.ts';
import { titleOf, visibleText } from '../fixtures/html.ts';

const PAGES = ['/', '/missing-now', '/notifications/new', '/notifications/upload'];
const CSRF_MESSAGE = 'The form had expired or was not sent from Homeward. Go back, reload the page and try again.';

describeEachDatabase('access to pages and forms', (use) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use());
  });
  afterAll(() => app.close());

  it('sends anyone not signed in to the sign-in page', async () => {
    for (const url of PAGES) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.headers.location]).toEqual([url, 302, '/sign-in']);
    }
    const post = await app.inject({ method: 'POST', url: '/notifications/new', payload: 'police_reference=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.headers.location).toBe('/sign-in');
  });

  it('refuses a form sent without the page’s CSRF token, or with a wrong one, and saves nothing', async () => {
    const officer = await new Agent(app).signIn('missing_officer');
    await officer.get('/notifications/new');
    const before = await countRows(use(), incidents);

    for (const csrf of [null, 'not-a-token']) {
      const res = await officer.post('/notifications/new', notificationCells(), { csrf });
      expect(res.statusCode).toBe(403);
      expect(titleOf(res.body)).toBe('Your form could not be sent – Homeward');
      expect(visibleText(res.body)).toContain(CSRF_MESSAGE);
    }
    expect(await countRows(use(), incidents)).toBe(before);
  });

  it('refuses a sign-in form without a CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: '/sign-in', payload: 'email=a%40b.example&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(403);
    expect(visibleText(res.body)).toContain(CSRF_MESSAGE);
  });

  for (const role of ['manager', 'admin'] as const) {
    it(`gives the ${role} "no permission" on the notification form and the upload`, async () => {
      const agent = await new Agent(app).signIn(role);
      for (const url of ['/notifications/new', '/notifications/upload']) {
        const res = await agent.get(url);
        expect([url, res.statusCode, titleOf(res.body)]).toEqual([url, 403, 'You do not have permission to see this – Homeward']);
      }
      const before = await countRows(use(), incidents);
      // The 403 page is a Homeward page with a valid token, so the refusal below is the role check, not CSRF.
      const post = await agent.post('/notifications/new', notificationCells());
      expect(post.statusCode).toBe(403);
      expect(titleOf(post.body)).toBe('You do not have permission to see this – Homeward');
      expect(await countRows(use(), incidents)).toBe(before);
    });
  }

  it('sends a content security policy with a fresh nonce, and forbids caching, on every page', async () => {
    const nonces = new Set<string>();
    const officer = await new Agent(app).signIn('missing_officer');
    for (const res of [await app.inject('/sign-in'), await app.inject('/sign-in'), await officer.get('/missing-now'), await officer.get('/notifications/new')]) {
      const csp = String(res.headers['content-security-policy']);
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce ?? '');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(nonces.size).toBe(4);
  });
});
