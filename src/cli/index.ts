/** `npx homeward <command>`: the same services as the web app, from a terminal. */
import { Command } from 'commander';
import { registerDataCommands } from './data-commands.ts';
import { registerImportCommand } from './import-command.ts';

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
registerImportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A clear sentence, never a stack trace: the services' errors are written for people.
  console.error(`homeward: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
