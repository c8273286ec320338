/** GET /health: for load balancers and operators, without signing in. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/db/migrate.ts';
import { buildTestApp } from '../support/app.ts';
import { describeEachDatabase, openTestDatabase } from '../support/databases.ts';

describeEachDatabase('health check', (use, backend) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(use());
  });
  afterAll(() => app.close());

  it('reports the database, its kind and the migration version as JSON, without a sign-in', async () => {
    const latest = Math.max(...(await loadMigrations()).map((m) => m.version));
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ status: 'ok', database: { status: 'up', kind: backend }, migrationVersion: latest });
    expect(res.headers['cache-control']).toBe('no-store');
  });
}, { referenceData: false });

describe('health check with the database down [pglite]', () => {
  it('answers 503 and says the database is down', async () => {
    const { db } = await openTestDatabase('pglite', { referenceData: false });
    const app = await buildTestApp(db);
    await db.close();
    const res = await app.inject('/health');
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'error', database: { status: 'down', kind: 'pglite' }, migrationVersion: null });
  });
});
