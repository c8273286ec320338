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
  .action(async () => {
    const { startServer } = await import('../server.ts');
    await startServer();
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
