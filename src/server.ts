/** Start-up only: configuration, database, migrations, demo data on first run, listen. */
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { loadDemoIfEmpty, demoSignInLines } from './modules/demo/load.ts';

export async function startServer(config: Config = loadConfig()): Promise<void> {
  const db = await openDatabase(config.database);
  const applied = await migrate(db);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.dataDir}`;
  console.log(`Database: ${where}${applied.length ? `; applied migrations ${applied.join(', ')}` : ''}`);
  if (config.loadDemo) {
    const loaded = await loadDemoIfEmpty(db, { log: (line) => console.log(line) });
    if (loaded) console.log('Demo partnership loaded.');
  }
  const app = await buildApp({ config, db, backgroundWork: true });
  const shutdown = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close();
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to another number`, { cause: error });
    }
    throw error;
  }
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`\nHomeward is running at ${address}\n`);
  console.log(config.mail.smtpUrl ? 'Alert e-mails: on (HOMEWARD_SMTP_URL).' : 'Alert e-mails: off. Alerts show in the app; set HOMEWARD_SMTP_URL to send them by e-mail too.');
  if (config.loadDemo) for (const line of demoSignInLines()) console.log(line);
}
