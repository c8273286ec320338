/**
 * The police system's API: POST /api/v1/missing-notifications with a per-agency key, answered in JSON or
 * application/problem+json; idempotent by police reference; described by /api/openapi.json.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidentChanges, incidents } from '../../src/db/schema.ts';
import { createApiKey, revokeApiKey } from '../../src/modules/users/api-keys.service.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notificationCells, notificationJson } from '../fixtures/notifications.ts';
import { actorOf, countRows, incidentByReference, policeAgencyId } from '../fixtures/records.ts';

const URL = '/api/v1/missing-notifications';

describeEachDatabase('the notifications API', (use) => {
  let app: FastifyInstance;
  let key: string;

  beforeAll(async () => {
    app = await buildTestApp(use());
    ({ key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Control room system' }));
  });
  afterAll(() => app.close());

  const send = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${key}` }) =>
    app.inject({ method: 'POST', url: URL, headers, payload: body as Record<string, unknown> });

  function expectProblem(res: LightMyRequestResponse, status: number) {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json<Record<string, unknown>>();
    expect(problem).toMatchObject({ type: 'about:blank', status, instance: URL });
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.correlationId).toBe('string');
    return problem;
  }

  it('answers 401 problem+json without a key, with a wrong key, and with a revoked key, saving nothing', async () => {
    const before = await countRows(use(), incidents);
    const body = notificationJson(notificationCells());
    expect(expectProblem(await send(body, {}), 401).detail).toBe('A valid API key is needed: send it as "Authorization: Bearer <key>"');
    expectProblem(await send(body, { authorization: 'Bearer hw_not-a-real-key' }), 401);
    expectProblem(await send(body, { 'x-api-key': 'hw_not-a-real-key' }), 401);

    const revoked = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Old system' });
    expect((await send(notificationJson(notificationCells()), { authorization: `Bearer ${revoked.key}` })).statusCode).toBe(201);
    await revokeApiKey(use(), await actorOf(use(), 'admin'), revoked.id);
    expectProblem(await send(body, { authorization: `Bearer ${revoked.key}` }), 401);
    expect(await countRows(use(), incidents)).toBe(before + 1);
  });

  it('records a notification (201), then the same again is 200 unchanged, and found_at makes it 200 updated', async () => {
    const cells = notificationCells();
    const created = await send(notificationJson(cells));
    expect(created.statusCode).toBe(201);
    const outcome = created.json<{ status: string; policeReference: string; incidentId: string }>();
    expect(outcome).toMatchObject({ status: 'accepted', policeReference: cells.police_reference });
    const incident = await incidentByReference(use(), cells.police_reference);
    expect(incident?.id).toBe(outcome.incidentId);
    expect(incident?.sourceAgencyId).toBe(await policeAgencyId(use()));

    const again = await send(notificationJson(cells));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'unchanged', incidentId: outcome.incidentId });

    const found = await send(notificationJson({ ...cells, found_at: '2026-11-21T07:30:00Z' }));
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ status: 'updated', incidentId: outcome.incidentId });
    expect((await incidentByReference(use(), cells.police_reference))?.foundAt?.toISOString()).toBe('2026-11-21T07:30:00.000Z');
    const history = await use().read((q) => q.select().from(incidentChanges).where(eq(incidentChanges.incidentId, outcome.incidentId)));
    expect(history.map((h) => [h.field, h.source])).toEqual([['foundAt', 'api']]);
  });

  it('answers 400 problem+json listing every field error, saving nothing', async () => {
    const cells = notificationCells({ risk_grade: 'severe', date_of_birth: '' });
    const res = await send({ ...notificationJson(cells), found_at: 12 });
    const problem = expectProblem(res, 400);
    expect(problem.title).toBe('The notification is not valid');
    expect(problem.errors).toEqual([
      { field: 'found_at', message: 'found_at must be text' },
      { field: 'risk_grade', message: 'risk_grade must be one of high, medium, low, very low, no apparent risk' },
      { field: 'date_of_birth', message: 'date_of_birth is missing' },
    ]);
    expect(await incidentByReference(use(), cells.police_reference)).toBeNull();
  });

  it('answers 400 problem+json when the body is not one JSON object', async () => {
    expect(expectProblem(await send([notificationJson(notificationCells())]), 400).title).toBe('The request body must be a JSON object');
  });

  it('answers 409 problem+json when the child is already missing under another reference', async () => {
    const first = notificationCells({ la_child_id: `LA-API-${Date.now()}` });
    expect((await send(notificationJson(first))).statusCode).toBe(201);
    const second = { ...first, police_reference: `${first.police_reference}-B`, last_seen_at: '2026-11-20T09:00' };
    const problem = expectProblem(await send(notificationJson(second)), 409);
    expect(problem.detail).toBe(`the child is already recorded as missing under ${first.police_reference}; send found_at for that incident first`);
  });

  it('publishes an OpenAPI 3.1 description of the endpoint without a key', async () => {
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    const post = doc.paths[URL]?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '400', '401']));
    for (const response of Object.values(post?.responses ?? {})) expect(response.description).toBeTruthy();
    // Every $ref points at something the document defines.
    const refs = [...res.body.matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
      expect([ref, typeof target]).toEqual([ref, 'object']);
    }
  });
});
