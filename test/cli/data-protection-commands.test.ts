/**
 * The real CLI on a PGlite data folder: `homeward retention review` lists what is due (ids, never names),
 * `homeward sar` writes the JSON and the PDF, `homeward retention delete` refuses a record not yet due and deletes
 * one that is, and `homeward audit verify` still passes afterwards.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { auditEvents, children } from '../../src/db/schema.ts';
import { childBornOn } from '../db/retention-support.ts';
import { homeward } from '../support/cli.ts';

async function withFolder<T>(dataDir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

describe('homeward sar and homeward retention', () => {
  let dir: string;
  let dataDir: string;
  let due: string;
  let young: string;
  const run = (...args: string[]) => homeward(dataDir, args, { timeoutMs: 180_000 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'homeward-data-protection-'));
    dataDir = join(dir, 'data');
    expect((await run('demo', '--empty')).code).toBe(0);
    ({ due, young } = await withFolder(dataDir, async (db) => ({ due: await childBornOn(db, '1990-05-05'), young: await childBornOn(db, '2015-01-01') })));
  }, 240_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the records past their date by id and rule, naming nobody', async () => {
    const review = await run('retention', 'review', '--authority', '891');
    expect(review.code).toBe(0);
    expect(review.stdout).toMatch(/^Authority 891: 1 record due for deletion on \d\d\/\d\d\/\d{4}\n/);
    expect(review.stdout).toContain(`  due 05/05/2015  child ${due}  Kept until the 25th birthday\n`);
    expect(review.stdout).not.toContain(young);
    expect(review.stdout).not.toMatch(/Robin|Oldrecord/);
  }, 240_000);

  it('writes the subject access JSON and PDF, named by id', async () => {
    const out = join(dir, 'sar');
    const sar = await run('sar', '--child', young, '--out', out);
    expect(sar.code).toBe(0);
    const names = (await readdir(out)).sort();
    expect(names).toEqual([`subject-access-${young}-${today()}.json`, `subject-access-${young}-${today()}.pdf`]);
    const json = JSON.parse(await readFile(join(out, names[0] ?? ''), 'utf8')) as { childId: string; records: { children: { date_of_birth: string }[] } };
    expect(json.childId).toBe(young);
    expect(json.records.children[0]?.date_of_birth).toBe('2015-01-01');
    expect((await readFile(join(out, names[1] ?? ''))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sar.stdout).toContain('THIRD PARTY — review before release');
  }, 240_000);

  it('refuses to delete a record not yet due, with exit status 1 and the reason', async () => {
    const refused = await run('retention', 'delete', '--child', young);
    expect(refused).toMatchObject({ code: 1, stderr: 'homeward: This record is not due for deletion until 01/01/2040 (kept until the 25th birthday).\n' });
  }, 240_000);

  it('deletes a record that is due, and the audit trail still verifies', async () => {
    const deleted = await run('retention', 'delete', '--child', due);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`Deleted child ${due} (kept until the 25th birthday, due 05/05/2015): 1 row\n  children: 1\n`);
    expect((await run('audit', 'seal')).code).toBe(0);
    const verify = await run('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^\d+ rows verified\nChain head: seal \d+, hash [0-9a-f]{64}\n$/);
    await withFolder(dataDir, async (db) => {
      expect(await db.read((q) => q.select().from(children).where(eq(children.id, due)))).toEqual([]);
      const audit = await db.read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.subjectId, due), eq(auditEvents.action, 'record.deleted'))));
      expect(audit).toHaveLength(1);
      const produced = await db.read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.childId, young), eq(auditEvents.action, 'sar.produced'))));
      expect(produced.map((p) => p.details?.format).sort()).toEqual(['json', 'pdf']);
    });
  }, 240_000);
});
