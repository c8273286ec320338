/**
 * The county for `npm run bench:panels`: the rule benchmark's SQL generator (rules-data.ts) run for one
 * authority, about 60,000 incidents over ten years for about 18,500 children (the demo county's volume), then
 * moved into the demo county (891), where the reference data put the panels, their members and the exploitation
 * lead. The generator takes a node-postgres pool; on PGlite its single connection answers the same calls.
 */
import type pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { loadReferenceData } from '../../src/modules/demo/reference-data.ts';
import { timed } from './report.ts';
import { dropPlan, loadNationalData } from './rules-data.ts';

export type RunSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** The raw driver, as the generator and the panel's data want it. */
export function sqlOf(db: Database): { run: RunSql; pool: pg.Pool } {
  if (db.raw.kind === 'postgres') {
    const pool = db.raw.pool;
    return { run: (text, values) => pool.query(text, values), pool };
  }
  const client = db.raw.client;
  const run: RunSql = (text, values) => client.query(text, values);
  // The part of pg.Pool the generator uses: query, connect and release (PGlite is one connection anyway).
  const shim = { query: run, connect: async () => ({ query: run, release: () => undefined }) };
  return { run, pool: shim as unknown as pg.Pool };
}

// The generated authority's rows, re-homed in the county: its children, their incidents (sent by the county's
// police force) and their districts, spread over the county's seven.
const REHOME = [
  `UPDATE children c SET authority_code = '891',
     district_id = (SELECT d.id FROM districts d WHERE d.authority_code = '891' ORDER BY d.id OFFSET (abs(hashtext(c.id::text)) % 7) LIMIT 1)
   WHERE c.authority_code = '200'`,
  `UPDATE incidents i SET authority_code = '891', district_id = c.district_id,
     source_agency_id = (SELECT a.id FROM agencies a WHERE a.authority_code = '891' AND a.kind = 'police' LIMIT 1)
   FROM children c WHERE c.id = i.child_id AND i.authority_code = '200'`,
];

export interface CountyData { children: number; incidents: number; ms: number }

/** A migrated, empty database: the generated county, then the reference data, then the county moved into 891. */
export async function loadCounty(db: Database, o: { incidents: number; now: Date }, log: (line: string) => void): Promise<CountyData> {
  const { run, pool } = sqlOf(db);
  const { result, ms } = await timed(async () => {
    // Before the reference data: the generator gives every authority in the table its agencies and users.
    const data = await loadNationalData(pool, { incidents: o.incidents, authorities: 1, now: o.now, seed: 0.891 }, log);
    await dropPlan(pool);
    await loadReferenceData(db);
    for (const statement of REHOME) await run(statement);
    await run('ANALYZE');
    return data;
  });
  return { children: result.children, incidents: result.incidents, ms };
}
