/**
 * The real CLI on PGlite data folders: `homeward backup --out` then `homeward restore --from` into a new data
 * folder gives back the same rows in every table; restoring over data and backing up into a used folder are refused
 * in one line, with no stack trace.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { homeward as runCli } from '../support/cli.ts';

const homeward = (dataDir: string, args: string[]) => runCli(dataDir, args, { timeoutMs: 120_000 });

/** Each table file's lines, sorted: the same for two backups of databases holding the same rows. */
async function backupRows(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort()) {
    out[file] = (await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean).sort();
  }
  return out;
}

describe('homeward backup and restore', () => {
  let files: Awaited<ReturnType<typeof tempFolder>>;
  const at = (name: string) => join(files.dir, name);

  beforeAll(async () => {
    files = await tempFolder('homeward-cli-backup-');
    expect((await homeward(at('live'), ['demo', '--empty'])).code).toBe(0);
    const csv = await files.write('notifications.csv', toCsv([notificationCells(), notificationCells({ found_at: '2026-11-20T12:00' })]));
    expect((await homeward(at('live'), ['import', 'notifications', csv, '--authority', '891'])).code).toBe(0);
  }, 180_000);
  afterAll(() => files.cleanup());

  it('restores a backup into a new data folder with every row of every table', async () => {
    const backup = await homeward(at('live'), ['backup', '--out', at('backup')]);
    expect(backup.stdout).toMatch(/^Backed up \d+ tables \(\d+ rows\) to .*backup\n$/);
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(at('backup'), 'manifest.json'), 'utf8')) as { tables: { name: string; rows: number }[] };
    expect(manifest.tables.find((t) => t.name === 'incidents')?.rows).toBe(2);

    const restore = await homeward(at('restored'), ['restore', '--from', at('backup')]);
    expect(restore.stdout).toMatch(/^Restored \d+ tables \(\d+ rows\) from the backup made \d{4}-/);
    expect(restore.code).toBe(0);

    expect((await homeward(at('restored'), ['backup', '--out', at('again')])).code).toBe(0);
    expect(await backupRows(at('again'))).toEqual(await backupRows(at('backup')));
  }, 180_000);

  it('refuses to restore into a data folder that holds data, and to back up into a used folder', async () => {
    const over = await homeward(at('live'), ['restore', '--from', at('backup')]);
    expect(over.stderr).toMatch(/^homeward: The target database already holds data .*nothing was changed\.\n$/);
    expect(over.code).toBe(2);

    const used = await homeward(at('live'), ['backup', '--out', at('backup')]);
    expect(used.stderr).toBe(`homeward: ${at('backup')} is not empty: choose a new or empty folder for the backup\n`);
    expect(used.code).toBe(2);
  }, 180_000);
});
