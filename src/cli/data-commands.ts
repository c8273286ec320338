/** CLI commands for the database: migrate, demo, user add. */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { ROLES, type Role } from '../modules/access/actor.ts';
import { loadDemo, demoSignInLines } from '../modules/demo/load.ts';
import { loadReferenceData } from '../modules/demo/reference-data.ts';
import { addUser } from '../modules/users/users.service.ts';
import { ValidationFailed } from '../modules/errors.ts';

/** Opens the configured database, migrated, runs `fn`, and always closes it. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(loadConfig().database);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerDataCommands(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const db = await openDatabase(loadConfig().database);
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied migrations ${applied.join(', ')}` : 'The database is up to date');
      } finally {
        await db.close();
      }
    });

  program
    .command('demo')
    .description('load the synthetic demo partnership (authorities, districts, agencies, users, five years of incidents)')
    .option('--empty', 'load only authorities, districts, agencies and users')
    .action(async (options: { empty?: boolean }) => {
      await withDatabase(async (db) => {
        if (options.empty) await loadReferenceData(db);
        else await loadDemo(db, { log: (line) => console.log(line) });
      });
      for (const line of demoSignInLines()) console.log(line);
    });

  const user = program.command('user').description('manage users');
  user
    .command('add')
    .description('add a user')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .requiredOption('--agency <name>', 'the agency the user works for, as recorded in Homeward')
    .option('--password <password>', 'at least 12 characters (default: read HOMEWARD_NEW_USER_PASSWORD)')
    .option('--team <team>', "the team they work in, e.g. 'North locality team' (colleagues' allocated children are within their need to know)")
    .action(async (o: { email: string; name: string; role: string; authority: string; agency: string; password?: string; team?: string }) => {
      const password = o.password ?? process.env.HOMEWARD_NEW_USER_PASSWORD ?? '';
      await withDatabase(async (db) => {
        try {
          await addUser(db, null, { email: o.email, displayName: o.name, role: o.role as Role, authorityCode: o.authority, agencyName: o.agency, password, team: o.team ?? null });
          console.log(`Added ${o.email.toLowerCase()} (${o.role}, authority ${o.authority})`);
        } catch (error) {
          if (error instanceof ValidationFailed) throw new Error(error.problems.map((p) => p.message).join('; '), { cause: error });
          throw error;
        }
      });
    });
}
