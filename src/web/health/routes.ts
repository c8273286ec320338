import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { currentVersion } from '../../db/migrate.ts';
import type { RouteDeps } from '../routes.ts';

/** GET /health: the database state and the migration version, for load balancers and operators. */
export function registerHealthRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/health', async (_request, reply) => {
    try {
      await db.read((q) => q.execute(sql`SELECT 1`));
      const migrationVersion = await currentVersion(db);
      return { status: 'ok', database: { status: 'up', kind: db.kind }, migrationVersion };
    } catch {
      return reply.code(503).send({ status: 'error', database: { status: 'down', kind: db.kind }, migrationVersion: null });
    }
  });
}
