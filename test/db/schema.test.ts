/**
 * The SQL migrations are the source of truth; the Drizzle declarations in src/db/schema.ts must agree with them
 * on both backends, or queries fail at run time in ways the type checker cannot see.
 */
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { currentVersion, loadMigrations, migrate } from '../../src/db/migrate.ts';
import * as schema from '../../src/db/schema.ts';
import { describeEachDatabase } from '../support/databases.ts';

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => typeof v === 'object' && v !== null && 'getSQL' in v);

interface ColumnInfo extends Record<string, unknown> {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
}

describeEachDatabase('database schema', (use) => {
  it('has every column Drizzle declares, with the same NOT NULL', async () => {
    const rows = await use().read((q) =>
      queryRows<ColumnInfo>(q, sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`),
    );
    const inDb = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'NO']));
    expect(tables.length).toBeGreaterThanOrEqual(13);
    const declared = tables.flatMap((t) => {
      const config = getTableConfig(t);
      return config.columns.map((c) => ({ column: `${config.name}.${c.name}`, notNull: c.notNull }));
    });
    const disagreements = declared.filter((d) => inDb.get(d.column) !== d.notNull).map((d) => `${d.column} (declared NOT NULL: ${d.notNull}, in the database: ${inDb.get(d.column) ?? 'missing'})`);
    expect(disagreements).toEqual([]);
  });

  it('records the latest migration and applies nothing when migrated again', async () => {
    const latest = Math.max(...(await loadMigrations()).map((m) => m.version));
    expect(await currentVersion(use())).toBe(latest);
    expect(await migrate(use())).toEqual([]);
  });

  it('keeps the invariants in the database: one open incident per child, unique references per authority', async () => {
    const indexes = await use().read((q) =>
      queryRows<{ indexdef: string }>(q, sql`SELECT indexdef FROM pg_indexes WHERE tablename = 'incidents'`),
    );
    const defs = indexes.map((i) => i.indexdef.replace(/\s+/g, ' '));
    expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX incidents_one_open_per_child .*\(child_id\) WHERE \(found_at IS NULL\)/));
    expect(defs).toContainEqual(expect.stringMatching(/UNIQUE INDEX .* \(authority_code, police_reference\)/));
  });
}, { referenceData: false });
