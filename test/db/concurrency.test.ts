/**
 * Many police notifications at once through the API: different ones all recorded, and the same one sent ten
 * times at once recorded exactly once (the police system retries; retries must be idempotent). No 500s.
 * On PGlite this exercises the lock that serialises work; on PostgreSQL, real concurrent transactions.
 */
import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild, notificationCells, notificationJson, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { actorOf, policeAgencyId } from '../fixtures/records.ts';

describeEachDatabase('concurrent API notifications', (use) => {
  let app: FastifyInstance;
  let key: string;

  beforeAll(async () => {
    app = await buildTestApp(use());
    ({ key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Concurrency test' }));
  });
  afterAll(() => app.close());

  const send = (body: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/missing-notifications', headers: { authorization: `Bearer ${key}` }, payload: body });

  const incidentsWithReference = async (policeReference: string) => {
    const [row] = await use().read((q) => q.select({ n: count() }).from(incidents).where(eq(incidents.policeReference, policeReference)));
    return row?.n ?? 0;
  };

  it('records 30 different notifications sent at the same time', async () => {
    const bodies = Array.from({ length: 30 }, () => notificationCells());

    const responses = await Promise.all(bodies.map((b) => send(notificationJson(b))));

    expect(responses.map((r) => r.statusCode)).toEqual(bodies.map(() => 201));
    for (const b of bodies) expect(await incidentsWithReference(b.police_reference)).toBe(1);
  });

  it('records the same notification sent 10 times at once exactly once, and answers every request cleanly', async () => {
    const body = notificationJson(notificationCells({ la_child_id: `LA-C-${Date.now()}` }, newChild()));

    const responses = await Promise.all(Array.from({ length: 10 }, () => send(body)));

    // Anything but "recorded" or "already recorded" is shown in full, so a failure says what went wrong.
    expect(responses.filter((r) => r.statusCode !== 200 && r.statusCode !== 201).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 200).map((r) => r.json<{ status: string }>().status)).toEqual(Array(9).fill('unchanged'));
    expect(await incidentsWithReference(body.police_reference ?? '')).toBe(1);
    const ids = new Set(responses.map((r) => r.json<{ incidentId: string }>().incidentId));
    expect(ids.size).toBe(1);
  });

  it('keeps both mixes apart: 30 different and 10 identical notifications at once', async () => {
    const different = Array.from({ length: 30 }, () => notificationJson(notificationCells()));
    const same = notificationJson(notificationCells());

    const responses = await Promise.all([...different, ...Array<Record<string, string>>(10).fill(same)].map((b) => send(b)));

    expect(responses.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(31);
    for (const b of [...different, same]) expect(await incidentsWithReference(b.police_reference ?? '')).toBe(1);
  });

  it('imports the same CSV file uploaded twice at the same moment exactly once', async () => {
    const folder = await tempFolder();
    try {
      const rows = Array.from({ length: 40 }, () => notificationCells());
      const path = await folder.write('twice.csv', toCsv(rows));
      const actor = await actorOf(use(), 'missing_officer');
      const [first, second] = await Promise.all([importNotificationFile(use(), actor, { path }), importNotificationFile(use(), actor, { path })]);
      expect(first.rejected).toEqual([]);
      expect(second.rejected).toEqual([]);
      expect(first.accepted + second.accepted).toBe(40);
      expect(first.unchanged + second.unchanged).toBe(40);
      for (const r of rows) expect(await incidentsWithReference(r.police_reference)).toBe(1);
    } finally {
      await folder.cleanup();
    }
  });
});
