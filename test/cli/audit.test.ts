/** The real CLI on a PGlite data folder: `homeward audit seal` and `homeward audit verify`, before and after tampering. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/db/database.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { writeAudit } from '../../src/modules/audit/audit.repository.ts';
import { homeward } from '../support/cli.ts';

/** Opens the folder between CLI runs (PGlite allows one process at a time), as someone with database access would. */
async function withFolder<T>(dataDir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('homeward audit', () => {
  let dir: string;
  let dataDir: string;
  const run = (...args: string[]) => homeward(dataDir, args);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'homeward-audit-'));
    dataDir = join(dir, 'data');
    expect((await run('migrate')).code).toBe(0);
    await withFolder(dataDir, (db) => db.transaction((tx) => writeAudit(tx, systemActor('891', randomUUID()), [
      { action: 'child.viewed', childId: randomUUID() }, { action: 'child.viewed', childId: randomUUID() }, { action: 'incident.viewed' },
    ])));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('seals the rows, then verifies them with exit status 0', async () => {
    const unsealed = await run('audit', 'verify');
    expect(unsealed.stdout).toContain('0 rows verified');
    expect(unsealed.stdout).toContain('3 newer rows are not sealed yet');

    const seal = await run('audit', 'seal');
    expect(seal).toMatchObject({ code: 0, stdout: '3 rows sealed\n' });

    const verify = await run('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^3 rows verified\nChain head: seal 3, hash [0-9a-f]{64}\n$/);
  }, 120_000);

  it('exits 1 naming the first altered row', async () => {
    const altered = await withFolder(dataDir, async (db) => {
      const [second] = await db.read((q) => queryRows<{ id: string }>(q, sql`SELECT id FROM audit_events ORDER BY id OFFSET 1 LIMIT 1`));
      await db.transaction((tx) => tx.execute(sql`UPDATE audit_events SET action = 'nothing.happened' WHERE id = ${Number(second!.id)}`));
      return Number(second!.id);
    });

    const verify = await run('audit', 'verify');

    expect(verify.code).toBe(1);
    expect(verify.stdout).toBe(`The audit trail was tampered with: row ${altered} (seal 2) was altered: its content no longer matches its seal\n`);
  }, 120_000);
});
