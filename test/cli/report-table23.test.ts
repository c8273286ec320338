/**
 * `homeward report table2|table3`, the real CLI as a child process on its own PGlite data folder holding the
 * hand-built exploitation history of test/db/table23-fixture.ts: the same options as table1.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { loadTable23Fixture } from '../db/table23-fixture.ts';
import { tempFolder } from '../fixtures/notifications.ts';
import { homeward } from '../support/cli.ts';

describe('homeward report table2 and table3', () => {
  let files: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  const run = (...args: string[]) => homeward(dataDir, args);

  beforeAll(async () => {
    files = await tempFolder('homeward-report-table23-');
    dataDir = join(files.dir, 'data');
    expect((await run('demo', '--empty')).code).toBe(0);
    // The CLI is not running: this process may open the data folder to record the history, then close it.
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await loadTable23Fixture(db);
    await db.close();
  }, 180_000);
  afterAll(() => files.cleanup());

  it('prints Table 2 as CSV: the year, then the five-year comparison', async () => {
    const result = await run('report', 'table2', '--fy', '2024/25', '--authority', '891', '--format', 'csv');
    expect([result.code, result.stderr]).toEqual([0, '']);
    const [year, comparison] = result.stdout.split('\r\n\r\n');
    expect(year?.split('\r\n').slice(0, 4)).toEqual([
      '"Table 2: child sexual exploitation, 2024/25"',
      'key,measure,2024/25',
      'children_at_risk,Total children identified as potentially at risk of CSE,2',
      'mash_referrals,New Multi-Agency Safeguarding Hub (MASH) referrals re CSE,1',
    ]);
    expect(year).toContain('\r\nratio_female_male,Female:male ratio,100:0\r\n');
    expect(comparison?.split('\r\n')[1]).toBe('key,measure,2020/21,2021/22,2022/23,2023/24,2024/25');
    expect(comparison).toContain('\r\npanel_children,Children monitored at the Multi Agency Sexual Exploitation (MASE) panel,0,0,0,2,2\r\n');
  });

  it('prints Table 3 as JSON, and hides small numbers with --published', async () => {
    const json = JSON.parse((await run('report', 'table3', '--fy', '2024/25', '--authority', '891')).stdout) as { report: string; tables: { rows: { key: string; values: Record<string, unknown> }[] }[] };
    expect(json.report).toBe('table3');
    expect(json.tables[0]?.rows.find((r) => r.key === 'children_at_risk')?.values).toEqual({ '2024/25': 4 });
    const published = JSON.parse((await run('report', 'table3', '--fy', '2024/25', '--authority', '891', '--published')).stdout) as typeof json;
    expect(published.tables[0]?.rows.find((r) => r.key === 'children_at_risk')?.values).toEqual({ '2024/25': '<5' });
  });

  it('names the tables in its help, and explains a quarter they do not have in one line', async () => {
    expect((await run('report', '--help')).stdout).toMatch(/table1, committee, table2, table3/);
    const result = await run('report', 'table2', '--fy', '2024/25', '--quarter', 'Q1', '--authority', '891');
    expect([result.code, result.stdout, result.stderr]).toEqual([1, '', 'homeward: Table 2: child sexual exploitation is for a whole financial year: leave the quarter out\n']);
  });
});
