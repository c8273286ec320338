/**
 * The real CLI, run as a child process against a PGlite data folder: `homeward export ssda903` writing a
 * clean return, refusing a failing one (exit 1, nothing written) and writing it with --force; the Annex A
 * and ssd_missing exports; mistakes explained in one line.
 */
import { randomUUID } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { carePeriods, children, incidents } from '../../src/db/schema.ts';
import { tempFolder } from '../fixtures/notifications.ts';
import { homeward } from '../support/cli.ts';

/** A child looked after by 891 since `careFrom`, missing from care over each [from, to]. */
async function lookedAfterChild(db: Database, la: string, careFrom: string, episodes: [string, string][]): Promise<void> {
  const childId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(children).values({ id: childId, authorityCode: '891', forename: 'Test', surname: `Child ${la}`, forenameNorm: 'test', surnameNorm: `child ${la.toLowerCase()}`, dateOfBirth: '2007-02-02', sex: 'male', laChildId: la });
    await tx.insert(carePeriods).values({ id: randomUUID(), authorityCode: '891', childId, status: 'own_care', startsAt: new Date(careFrom) });
    for (const [i, [from, to]] of episodes.entries()) {
      const lastSeenAt = new Date(from);
      await tx.insert(incidents).values({
        id: randomUUID(), authorityCode: '891', childId, policeReference: `${la}-${i}`, reportedAt: lastSeenAt, notifiedAt: lastSeenAt, lastSeenAt,
        foundAt: new Date(to), riskGrade: 'high', initialRiskGrade: 'high', reportedMissingFrom: 'care', classification: 'own_care',
      });
    }
  });
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe('homeward export', () => {
  let files: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  const run = (...args: string[]) => homeward(dataDir, args);

  beforeAll(async () => {
    files = await tempFolder('homeward-export-');
    dataDir = join(files.dir, 'data');
    expect((await run('demo', '--empty')).code).toBe(0);
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await lookedAfterChild(db, 'CLI1', '2022-05-01T00:00:00Z', [['2023-10-01T18:00:00Z', '2023-10-03T09:00:00Z']]);
      // Two police reports of one child that overlap: rule 574 fails the 2019-20 return.
      await lookedAfterChild(db, 'CLI2', '2019-01-01T00:00:00Z', [['2019-06-01T10:00:00Z', '2019-06-10T10:00:00Z'], ['2019-06-05T10:00:00Z', '2019-06-07T10:00:00Z']]);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => files.cleanup());

  it('writes a return that passes every rule, and says so', async () => {
    const out = join(files.dir, 'clean');
    const result = await run('export', 'ssda903', '--year', '2024', '--authority', '891', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'SSDA903 Missing table for 01/04/2023 to 31/03/2024, as at 31/03/2024: 1 missing episodes of 2 looked-after children',
      'Incidents graded "no apparent risk" throughout are reported as A (away from placement without authorisation) (setting ssda903.noApparentRiskAs)',
      'All 19 Missing-table rules pass',
      `Wrote ${join(out, 'missing.csv')} (1 row)`,
      `Wrote ${join(out, 'header.csv')} (2 rows)`,
      `Wrote ${join(out, 'episodes.csv')} (2 rows)`,
      `Wrote ${join(out, 'validation-report.csv')} (0 rows)`,
      '',
    ]);
    expect(await readFile(join(out, 'missing.csv'), 'utf8')).toBe('CHILD,DOB,MISSING,MIS_START,MIS_END\r\nCLI1,02/02/2007,M,01/10/2023,03/10/2023\r\n');
  });

  it('refuses a return that fails a rule: lists the failure, writes nothing, exits 1', async () => {
    const out = join(files.dir, 'refused');
    const result = await run('export', 'ssda903', '--year', '2020', '--authority', '891', '--out', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Rule 574, Missing line 2, child CLI2: The episode starts on 01/06/2019, before another episode of this child (05/06/2019 to 07/06/2019, line 3) ended');
    expect(result.stderr).toBe('homeward: The return failed the checks (1 failure): nothing was written. Correct the records, or use --force to write it anyway.\n');
    expect(await exists(out)).toBe(false);
  });

  it('writes a failing return with --force, says it was forced, and lists the failure in the report', async () => {
    const out = join(files.dir, 'forced');
    const result = await run('export', 'ssda903', '--year', '2020', '--authority', '891', '--out', out, '--force');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Forced: written with 1 failure, listed in validation-report.csv');
    expect((await readFile(join(out, 'validation-report.csv'), 'utf8')).split('\r\n')[1]).toMatch(/^574,Missing,2,CLI2,"The episode starts on 01\/06\/2019, before/);
    expect((await readFile(join(out, 'missing.csv'), 'utf8')).split('\r\n')).toHaveLength(4);
  });

  it('writes the Annex A List 8 missing columns and ssd_missing', async () => {
    const out = join(files.dir, 'inspection');
    const annex = await run('export', 'annex-a', '--as-at', '31/03/2024', '--authority', '891', '--out', out);
    expect(annex.code).toBe(0);
    expect((await readFile(join(out, 'annex-a-list-8-missing.csv'), 'utf8')).split('\r\n').slice(1)).toEqual(['CLI1,1,0,c) Unknown,c) Unknown', 'CLI2,0,0,,', '']);
    const ssd = await run('export', 'ssd-missing', '--authority', '891', '--out', out, '--years', '10');
    expect(ssd.code).toBe(0);
    const rows = (await readFile(join(out, 'ssd_missing.csv'), 'utf8')).split('\r\n');
    expect(rows[0]).toBe('miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted');
    expect(rows.slice(1, -1).map((r) => r.split(',').slice(1, 5))).toEqual([
      ['CLI2', '2019-06-01 11:00:00', 'M', '2019-06-10 11:00:00'],
      ['CLI2', '2019-06-05 11:00:00', 'M', '2019-06-07 11:00:00'],
      ['CLI1', '2023-10-01 19:00:00', 'M', '2023-10-03 10:00:00'],
    ]);
  });

  it('explains a mistake in one line and exits 1', async () => {
    const out = join(files.dir, 'mistakes');
    const badYear = await run('export', 'ssda903', '--year', '23/24', '--authority', '891', '--out', out);
    expect([badYear.code, badYear.stdout, badYear.stderr]).toEqual([1, '', 'homeward: Enter --year as the year the collection ends in, like 2024 for April 2023 to March 2024\n']);
    const noAuthority = await run('export', 'annex-a', '--year', '2024', '--authority', '999', '--out', out);
    expect([noAuthority.code, noAuthority.stderr]).toEqual([1, 'homeward: There is no authority with code 999\n']);
    const noPrevious = await run('export', 'ssda903', '--year', '2024', '--authority', '891', '--out', out, '--previous', join(out, 'none.csv'));
    expect([noPrevious.code, noPrevious.stderr]).toEqual([1, `homeward: Cannot read ${join(out, 'none.csv')}: check the path\n`]);
    expect(await exists(out)).toBe(false);
  });
});
