import type { Command } from 'commander';

/** `homeward report ...` (issue 4: reports in every format). */
export function registerReportCommands(_program: Command): void {
  // Filled in by the report renderers work.
}
