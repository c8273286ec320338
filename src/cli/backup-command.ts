/** `homeward backup --out DIR` and `homeward restore --from DIR` (docs/operations.md, "Backup and restore"). */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createBackup } from '../modules/backup/backup.service.ts';
import { restoreBackup } from '../modules/backup/restore.service.ts';
import { withDatabase } from './data-commands.ts';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write every table, with a manifest of row counts and SHA-256 hashes, to a new or empty folder')
    .requiredOption('--out <dir>', 'the folder to write (must be new or empty)')
    .action(async (o: { out: string }) => {
      const manifest = await withDatabase((db) => createBackup(db, o.out));
      const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`Backed up ${manifest.tables.length} tables (${rows} rows) to ${o.out}`);
    });

  program
    .command('restore')
    .description('load a backup into a new, empty database (refuses one that holds data; there is no --force)')
    .requiredOption('--from <dir>', 'the backup folder written by "homeward backup"')
    .action(async (o: { from: string }) => {
      // Not withDatabase: the schema is brought to the backup's migration level first, not straight to the latest.
      const db = await openDatabase(loadConfig().database);
      try {
        const report = await restoreBackup(db, o.from);
        console.log(`Restored ${report.manifest.tables.length} tables (${report.rows} rows) from the backup made ${report.manifest.createdAt}`);
        if (report.laterMigrations.length) console.log(`Then applied newer migrations ${report.laterMigrations.join(', ')}`);
      } finally {
        await db.close();
      }
    });
}
