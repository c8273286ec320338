import type { Command } from 'commander';

/** `homeward export ...` (issue 4: SSDA903, Annex A, SSD). */
export function registerExportCommands(_program: Command): void {
  // Filled in by the statutory exports work.
}
