/** API keys admin: list, create (shown once), revoke after confirming; a revoked key is refused by the API. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notificationCells, notificationJson } from '../fixtures/notifications.ts';
import { policeAgencyId } from '../fixtures/records.ts';
import { FIXED_NOW, mainText } from './children-support.ts';

describeEachDatabase('API keys admin', (use) => {
  let app: FastifyInstance;
  let admin: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    admin = await new Agent(app).signIn('admin');
  });
  afterAll(() => app.close());

  const send = (key: string) => app.inject({ method: 'POST', url: '/api/v1/missing-notifications', headers: { authorization: `Bearer ${key}` }, payload: notificationJson(notificationCells()) });

  it('creates a key for the police force, shown once, that the API accepts until it is revoked', async () => {
    const list = await admin.get('/admin/api-keys');
    expect(list.statusCode).toBe(200);
    const created = await admin.post('/admin/api-keys', { name: 'Control room system', agencyId: await policeAgencyId(use()) });
    expect(created.statusCode).toBe(200);
    expect(mainText(created.body)).toContain('Copy the key now. It is shown only once');
    const key = /id="api-key"[^>]*value="(hw_[^"]+)"/.exec(created.body)?.[1] ?? '';
    expect(key).toMatch(/^hw_/);
    const again = await admin.get('/admin/api-keys');
    expect(mainText(again.body)).toContain('Control room system');
    expect(again.body).toContain(`${key.slice(0, 10)}…`);
    expect(again.body).not.toContain(key);
    expect((await send(key)).statusCode).toBe(201);

    const revokeLink = new RegExp(`href="(/admin/api-keys/[0-9a-f-]{36}/revoke)"`).exec(again.body)?.[1] ?? '';
    const confirm = await admin.get(revokeLink);
    expect(mainText(confirm.body)).toContain('Revoke the key “Control room system”?');
    expect((await admin.post(revokeLink, {})).statusCode).toBe(302);
    expect(mainText((await admin.get('/admin/api-keys')).body)).toContain('The key was revoked');
    expect((await send(key)).statusCode).toBe(401);
  });

  it('asks for a name', async () => {
    await admin.get('/admin/api-keys');
    const res = await admin.post('/admin/api-keys', { name: ' ', agencyId: await policeAgencyId(use()) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#name"');
  });

  it('is for administrators only', async () => {
    for (const role of ['missing_officer', 'manager', 'police'] as const) {
      expect((await (await new Agent(app).signIn(role)).get('/admin/api-keys')).statusCode).toBe(403);
    }
  });
});
