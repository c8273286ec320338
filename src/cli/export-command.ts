/**
 * `homeward export ssda903 | annex-a | ssd-missing`: statutory and inspection files written to a folder.
 * The CLI acts as the system for the authority's children's services; every export is audited.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { agencies, authorities } from '../db/schema.ts';
import { systemActor, type Actor } from '../modules/access/actor.ts';
import { DomainRuleBroken, Forbidden, NotFound, ValidationFailed } from '../modules/errors.ts';
import type { ExportFile } from '../modules/exports/csv.ts';
import { parseUkDateCell, ukDate } from '../modules/exports/dates.ts';
import { exportAnnexA, exportSsdMissing, type InspectionExport } from '../modules/exports/inspection-exports.service.ts';
import type { MissingTypeSetting } from '../modules/exports/source.ts';
import { readMissingTable } from '../modules/exports/ssda903/previous-return.ts';
import { SSDA903_RULES } from '../modules/exports/ssda903/rules/index.ts';
import { exportSsda903, type Ssda903Result } from '../modules/exports/ssda903/ssda903.service.ts';
import { withDatabase } from './data-commands.ts';

/** A problem with what the operator typed or pointed at, told in one line. */
class ExportInputError extends Error {}

async function exportActor(db: Database, authorityCode: string): Promise<Actor> {
  return db.read(async (q) => {
    const [authority] = await q.select().from(authorities).where(eq(authorities.code, authorityCode));
    if (!authority) throw new ExportInputError(`There is no authority with code ${authorityCode}`);
    const [agency] = await q.select().from(agencies).where(and(eq(agencies.authorityCode, authorityCode), eq(agencies.kind, 'local_authority'))).limit(1);
    if (!agency) throw new ExportInputError(`Authority ${authorityCode} has no children's services agency recorded`);
    return { ...systemActor(authorityCode, agency.id, `cli-export-${randomUUID()}`), displayName: 'Homeward CLI' };
  });
}

async function writeFiles(dir: string, files: ExportFile[]): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    for (const file of files) await writeFile(join(dir, file.name), file.content, 'utf8');
  } catch (error) {
    throw new ExportInputError(`Cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}`, { cause: error });
  }
  for (const file of files) console.log(`Wrote ${join(dir, file.name)} (${file.rows} ${file.rows === 1 ? 'row' : 'rows'})`);
}

/** Runs an export; a problem the operator can fix is one line on stderr and exit status 1. */
function handled<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (error) {
      const ours = [ExportInputError, ValidationFailed, NotFound, Forbidden, DomainRuleBroken].some((k) => error instanceof k);
      if (!ours) throw error;
      console.error(`homeward: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  };
}

function typeSettingLine(setting: MissingTypeSetting): string {
  const meaning = setting.noApparentRiskAs === 'A' ? 'A (away from placement without authorisation)' : 'M (missing)';
  return `Incidents graded "no apparent risk" throughout are reported as ${meaning} (setting ssda903.noApparentRiskAs)`;
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new ExportInputError('Enter --year as the year the collection ends in, like 2024 for April 2023 to March 2024');
  return Number(text);
}

async function readPrevious(path: string | undefined) {
  if (!path) return null;
  const text = await readFile(path, 'utf8').catch(() => {
    throw new ExportInputError(`Cannot read ${path}: check the path`);
  });
  return readMissingTable(text);
}

function printSsda903(result: Ssda903Result): void {
  const { collection, asAt, failures } = result;
  console.log(`SSDA903 Missing table for ${ukDate(collection.start)} to ${ukDate(collection.end)}, as at ${ukDate(asAt)}: ${result.tables.missing.length} missing episodes of ${result.tables.header.length} looked-after children`);
  console.log(typeSettingLine(result.missingType));
  for (const f of failures) console.log(`Rule ${f.rule}, ${f.table} line ${f.row}, child ${f.child || '(no id)'}: ${f.message}`);
  if (failures.length === 0) console.log(`All ${SSDA903_RULES.length} Missing-table rules pass`);
}

interface Ssda903Options { year: string; authority: string; out: string; force?: boolean; previous?: string }

async function runSsda903(o: Ssda903Options): Promise<void> {
  const year = parseYear(o.year);
  const previousMissing = await readPrevious(o.previous);
  const result = await withDatabase(async (db) => exportSsda903(db, await exportActor(db, o.authority), { year, force: Boolean(o.force), previousMissing }, new Date()));
  printSsda903(result);
  const count = `${result.failures.length} ${result.failures.length === 1 ? 'failure' : 'failures'}`;
  if (result.files.length === 0) {
    console.error(`homeward: The return failed the checks (${count}): nothing was written. Correct the records, or use --force to write it anyway.`);
    process.exitCode = 1;
    return;
  }
  await writeFiles(o.out, result.files);
  if (result.forced) console.log(`Forced: written with ${count}, listed in validation-report.csv`);
}

function printInspection(title: (window: string) => string, result: InspectionExport, withoutId: string): void {
  console.log(title(`${ukDate(result.window.start)} to ${ukDate(result.window.end)}`));
  console.log(typeSettingLine(result.missingType));
  if (result.withoutChildId) console.log(`${result.withoutChildId} ${withoutId}`);
}

async function runAnnexA(o: { year?: string; asAt?: string; authority: string; out: string }): Promise<void> {
  if (Boolean(o.year) === Boolean(o.asAt)) throw new ExportInputError('Give either --year (the twelve months to 31 March) or --as-at (the twelve months to that date)');
  const asAt = o.year ? `${parseYear(o.year)}-03-31` : parseUkDateCell(o.asAt);
  if (!asAt) throw new ExportInputError('Enter --as-at as a date like 31/03/2024');
  const result = await withDatabase(async (db) => exportAnnexA(db, await exportActor(db, o.authority), { asAt }, new Date()));
  printInspection((w) => `Annex A List 8 missing columns for ${w}`, result, 'children have no local authority child id: their Child Unique ID is blank');
  await writeFiles(o.out, [result.file]);
}

async function runSsdMissing(o: { years: string; authority: string; out: string }): Promise<void> {
  if (!/^\d{1,2}$/.test(o.years.trim())) throw new ExportInputError('Enter --years as a whole number, like 6');
  const result = await withDatabase(async (db) => exportSsdMissing(db, await exportActor(db, o.authority), { years: Number(o.years) }, new Date()));
  printInspection((w) => `SSD ssd_missing: episodes that ended ${w}, and those still open`, result, 'episodes are of children with no local authority child id: Homeward’s own id stands in for miss_person_id');
  await writeFiles(o.out, [result.file]);
}

export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('statutory and inspection exports: SSDA903 Missing table, Ofsted Annex A, SSD ssd_missing');
  exp.command('ssda903')
    .description('the SSDA903 Missing table (with Header and Episodes), checked against the 19 DfE Missing-table rules first')
    .requiredOption('--year <year>', 'the year the collection ends in: 2024 for 1 April 2023 to 31 March 2024')
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .requiredOption('--out <dir>', 'the folder to write missing.csv, header.csv, episodes.csv and validation-report.csv to')
    .option('--force', 'write the files even though some rules fail (the failures go in validation-report.csv)')
    .option('--previous <file>', 'last year’s submitted Missing table, for rule 576 (default: rebuilt from the records)')
    .action(handled(runSsda903));
  exp.command('annex-a')
    .description('Ofsted ILACS Annex A List 8 missing and return interview columns, by Child Unique ID')
    .option('--year <year>', 'the twelve months to 31 March of this year')
    .option('--as-at <date>', 'the twelve months to this date (dd/mm/yyyy), as an inspection asks')
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .requiredOption('--out <dir>', 'the folder to write annex-a-list-8-missing.csv to')
    .action(handled(runAnnexA));
  exp.command('ssd-missing')
    .description('the Standard Safeguarding Dataset table ssd_missing: episodes ended in the last years, and open ones')
    .option('--years <n>', 'how many years back to include', '6')
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .requiredOption('--out <dir>', 'the folder to write ssd_missing.csv to')
    .action(handled(runSsdMissing));
}
