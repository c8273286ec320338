import type { Command } from 'commander';

/** Issue 6: filled in by the audit work. */
export function registerAuditCommands(_program: Command): void {
  // Filled in by the audit work.
}
