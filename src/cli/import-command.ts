/** `homeward import notifications <file> --authority 891`: the CSV import, with a progress bar on a terminal. */
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { agencies, authorities } from '../db/schema.ts';
import { systemActor, type Actor } from '../modules/access/actor.ts';
import { importNotificationFile, type ImportReport } from '../modules/missing/csv-import.service.ts';
import { withDatabase } from './data-commands.ts';

/** The CLI acts for the authority, recording the notifications as sent by its police force. */
export async function cliActor(db: Database, authorityCode: string, agencyName?: string): Promise<Actor> {
  return db.read(async (q) => {
    const [authority] = await q.select().from(authorities).where(eq(authorities.code, authorityCode));
    if (!authority) throw new Error(`There is no authority with code ${authorityCode}. Run "homeward demo --empty" or add it first.`);
    const [agency] = await q
      .select()
      .from(agencies)
      .where(and(eq(agencies.authorityCode, authorityCode), agencyName ? sql`lower(${agencies.name}) = lower(${agencyName})` : eq(agencies.kind, 'police')))
      .limit(1);
    if (!agency) throw new Error(agencyName ? `There is no agency called "${agencyName}" in ${authorityCode}` : `Authority ${authorityCode} has no police agency`);
    return { ...systemActor(authorityCode, agency.id, `cli-${randomUUID()}`), displayName: 'Homeward CLI' };
  });
}

function printReport(report: ImportReport): void {
  const verb = report.dryRun ? 'would be' : 'were';
  console.log(`${report.rows} rows: ${report.accepted} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected${report.dryRun ? ' (dry run: nothing saved)' : ''}`);
  for (const w of report.warnings) console.log(`Warning: ${w.message}`);
  for (const r of report.rejected) console.log(`Line ${r.line}: ${r.message}`);
  if (report.rejected.length) console.log(`The rejected rows ${verb} not saved; correct them and import again.`);
}

export function registerImportCommand(program: Command): void {
  const imp = program.command('import').description('import data files');
  imp
    .command('notifications <file>')
    .description('import a CSV file of police missing notifications (police-notifications.md)')
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .option('--agency <name>', 'the police agency that sent the file (default: the authority’s police force)')
    .option('--dry-run', 'check the file and report, saving nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { authority: string; agency?: string; dryRun?: boolean; json?: boolean }) => {
      await access(file).catch(() => {
        throw new Error(`Cannot read ${file}: check the path`);
      });
      const bar = process.stderr.isTTY && !o.json ? new cliProgress.SingleBar({ format: '{phase} {value} rows', stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
      bar?.start(0, 0, { phase: 'Checking' });
      const report = await withDatabase(async (db) =>
        importNotificationFile(db, await cliActor(db, o.authority, o.agency), {
          path: file,
          dryRun: Boolean(o.dryRun),
          onProgress: (phase, done) => bar?.update(done, { phase: phase === 'checking' ? 'Checking' : 'Writing ' }),
        }),
      );
      bar?.stop();
      if (o.json) {
        const { accepted, updated, unchanged, rejected } = report;
        console.log(JSON.stringify({ accepted, updated, unchanged, rejected: rejected.map(({ line, column, message }) => ({ line, column, message })) }));
      } else printReport(report);
      process.exitCode = report.rejected.length ? 1 : 0;
    });
}
