/** `npx homeward <command>`: the same services as the web app, from a terminal. */
import { Command } from 'commander';
import { registerDataCommands } from './data-commands.ts';
import { registerAlertCommands } from './alerts-command.ts';
import { registerExportCommands } from './export-command.ts';
import { registerReportCommands } from './report-command.ts';
import { registerImportCommand } from './import-command.ts';
import { registerAuditCommands } from './audit-command.ts';
import { registerBackupCommands } from './backup-command.ts';
import { registerDataProtectionCommands } from './data-protection-command.ts';

const program = new Command()
  .name('homeward')
  .description('Homeward: the shared record for children missing from home and care, and children at risk of exploitation')
  .showHelpAfterError();

program
  .command('start')
  .description('start the web app and API (migrates the database; loads the demo partnership on first run)')
  .option('--no-demo', 'do not load the demo partnership into an empty database (also HOMEWARD_SKIP_DEMO=1)')
  .action(async (options: { demo: boolean }) => {
    const { startServer } = await import('../server.ts');
    const { loadConfig } = await import('../config.ts');
    await startServer(loadConfig({ ...process.env, ...(options.demo ? {} : { HOMEWARD_SKIP_DEMO: '1' }) }));
  });

registerDataCommands(program);
registerAlertCommands(program);
registerReportCommands(program);
registerExportCommands(program);
registerImportCommand(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerDataProtectionCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`homeward: ${messageFor(error)}`);
  process.exitCode = 2;
}

/**
 * A clear sentence, never a stack trace. Our own errors are written for people; a database error's message can
 * hold the SQL and its parameters (names, dates of birth), so only its code is shown.
 */
function messageFor(error: unknown): string {
  const databaseCode = sqlStateOf(error);
  if (databaseCode) return `the database refused the change (PostgreSQL error ${databaseCode}); nothing was saved`;
  return error instanceof Error ? error.message : String(error);
}

function sqlStateOf(error: unknown): string | null {
  let fromDatabase = false;
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if ('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    fromDatabase ||= 'query' in e;
    e = 'cause' in e ? e.cause : null;
  }
  return fromDatabase ? 'without a code' : null;
}
