/**
 * The real CLI, run as a child process against a PGlite data folder: `homeward import notifications`, its JSON
 * report and exit status, `--dry-run`, a missing file; `homeward migrate` and `homeward user add`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { signIn } from '../../src/modules/users/users.service.ts';
import { notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { homeward } from '../support/cli.ts';

describe('homeward CLI', () => {
  let files: Awaited<ReturnType<typeof tempFolder>>;
  let dataDir: string;
  const run = (...args: string[]) => homeward(dataDir, args);
  const importJson = (path: string, ...more: string[]) => run('import', 'notifications', path, '--authority', '891', '--json', ...more);

  beforeAll(async () => {
    files = await tempFolder('homeward-cli-');
    dataDir = join(files.dir, 'data');
    const demo = await run('demo', '--empty');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('missing.officer@county.example');
  });
  afterAll(() => files.cleanup());

  it('prints exactly the JSON report and exits 1 when some rows were rejected', async () => {
    const bad = notificationCells({ found_at: '2026-11-20T07:00' });
    const path = await files.write('mixed.csv', toCsv([notificationCells(), bad, notificationCells()]));

    const result = await importJson(path);

    expect(result.stdout).toBe('{"accepted":2,"updated":0,"unchanged":0,"rejected":[{"line":3,"column":"found_at","message":"found_at is before last_seen_at"}]}\n');
    expect(result.code).toBe(1);
  });

  it('exits 0 when nothing was rejected, and reports the same file again as unchanged', async () => {
    const path = await files.write('good.csv', toCsv([notificationCells(), notificationCells({ found_at: '2026-11-20T12:00' })]));

    const first = await importJson(path);
    const second = await importJson(path);

    expect([first.code, first.stdout]).toEqual([0, '{"accepted":2,"updated":0,"unchanged":0,"rejected":[]}\n']);
    expect([second.code, second.stdout]).toEqual([0, '{"accepted":0,"updated":0,"unchanged":2,"rejected":[]}\n']);
  });

  it('saves nothing with --dry-run', async () => {
    const path = await files.write('dry.csv', toCsv([notificationCells()]));

    const dry = await importJson(path, '--dry-run');
    const real = await importJson(path);

    expect(dry.stdout).toBe('{"accepted":1,"updated":0,"unchanged":0,"rejected":[]}\n');
    // Had the dry run saved the row, the real import would find it unchanged.
    expect(real.stdout).toBe('{"accepted":1,"updated":0,"unchanged":0,"rejected":[]}\n');
  });

  it('explains a missing file in one line, with no stack trace, and exits non-zero', async () => {
    const path = join(files.dir, 'no-such-file.csv');
    const result = await importJson(path);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`homeward: Cannot read ${path}: check the path\n`);
  });

  it('explains an unknown authority in one line', async () => {
    const path = await files.write('other.csv', toCsv([notificationCells()]));
    const result = await run('import', 'notifications', path, '--authority', '999', '--json');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe('homeward: There is no authority with code 999. Run "homeward demo --empty" or add it first.\n');
  });

  it('prints a readable report without --json', async () => {
    const path = await files.write('text.csv', toCsv([notificationCells(), notificationCells({ risk_grade: '' })]));
    const result = await run('import', 'notifications', path, '--authority', '891');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '2 rows: 1 new, 0 updated, 0 unchanged, 1 rejected',
      'Line 3: risk_grade is missing',
      'The rejected rows were not saved; correct them and import again.',
      '',
    ]);
  });

  it('migrates a new data folder, then says it is up to date', async () => {
    const fresh = join(files.dir, 'fresh');
    const first = await homeward(fresh, ['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied migrations 1(, \d+)*\n$/);
    const again = await homeward(fresh, ['migrate']);
    expect([again.code, again.stdout]).toEqual([0, 'The database is up to date\n']);
  });

  it('adds a user who can then sign in, and refuses a short password in one line', async () => {
    const email = 'new.officer@county.example';
    const added = await run('user', 'add', '--email', email, '--name', 'New Officer', '--role', 'missing_officer', '--authority', '891', '--agency', 'Demo County Children’s Services', '--password', 'a-long-enough-password');
    expect([added.code, added.stdout]).toEqual([0, `Added ${email} (missing_officer, authority 891)\n`]);

    const short = await run('user', 'add', '--email', 'short@county.example', '--name', 'Short', '--role', 'social_worker', '--authority', '891', '--agency', 'Demo County Children’s Services', '--password', 'short');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toBe('homeward: The password must be at least 12 characters\n');

    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await signIn(db, email, 'a-long-enough-password', 'cli-test')).toMatchObject({ ok: true });
      expect(await signIn(db, 'short@county.example', 'short', 'cli-test')).toMatchObject({ ok: false });
    } finally {
      await db.close();
    }
  });

  it('runs one pass of the alert work and says that e-mail is off without an SMTP server', async () => {
    const result = await run('alerts', 'run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Overdue return interview alerts raised: \d+; alerts escalated: \d+$/m);
    expect(result.stdout).toContain('E-mail is off (HOMEWARD_SMTP_URL is not set)');
  });
});
