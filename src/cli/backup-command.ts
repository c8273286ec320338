import type { Command } from 'commander';

/** Issue 6: filled in by the backup work. */
export function registerBackupCommands(_program: Command): void {
  // Filled in by the backup work.
}
