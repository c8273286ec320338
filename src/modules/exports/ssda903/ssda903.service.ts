/**
 * `homeward export ssda903`: the Missing table of the DfE looked-after children return for one collection
 * year, with the Header and Episodes rows it is checked against. The 19 Missing-table rules run first; a
 * failing return is refused unless the operator forces it. Either way the attempt is audited.
 */
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../access/actor.ts';
import { assertCan } from '../../access/policy.ts';
import { writeAudit } from '../../audit/audit.repository.ts';
import { ValidationFailed } from '../../errors.ts';
import { csvFile, type ExportFile } from '../csv.ts';
import { collectionYear, londonDate, londonStartOf, addDays, type DateWindow } from '../dates.ts';
import { findAuthority, loadExportSource } from '../exports.repository.ts';
import { missingTypeSetting, type MissingTypeSetting } from '../source.ts';
import { extractSsda903 } from './extract.ts';
import { runSsda903Rules } from './rules/index.ts';
import { EPISODES_COLUMNS, HEADER_COLUMNS, MISSING_COLUMNS, type MissingRow, type RuleFailure, type Ssda903Tables } from './tables.ts';

export interface Ssda903Request {
  /** The year the collection ends in: 2024 is the return for 1 April 2023 to 31 March 2024. */
  year: number;
  force: boolean;
  /** Last year's submitted Missing table; null to rebuild it from the records. */
  previousMissing: MissingRow[] | null;
}

export interface Ssda903Result {
  collection: DateWindow;
  asAt: string;
  tables: Ssda903Tables;
  failures: RuleFailure[];
  /** The files to write; empty when the export was refused. */
  files: ExportFile[];
  forced: boolean;
  missingType: MissingTypeSetting;
}

export const REPORT_COLUMNS = ['rule', 'table', 'row', 'child', 'message'] as const;

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ValidationFailed([{ field: 'year', message: 'Enter the year the collection ends in, like 2024 for April 2023 to March 2024' }]);
  }
}

export async function exportSsda903(db: Database, actor: Actor, request: Ssda903Request, now: Date): Promise<Ssda903Result> {
  assertCan(actor, 'statutory-export:produce');
  checkYear(request.year);
  const collection = collectionYear(request.year);
  const previous = collectionYear(request.year - 1);
  const today = londonDate(now);
  const asAt = collection.end < today ? collection.end : today;
  return db.transaction(async (tx) => {
    const authority = await findAuthority(tx, actor.authorityCode);
    const missingType = missingTypeSetting(authority.settings);
    const source = await loadExportSource(tx, authority.code, { from: londonStartOf(previous.start), to: londonStartOf(addDays(collection.end, 1)) });
    const { tables, problems } = extractSsda903(source, { collection, asAt, missingType });
    const missingLast = request.previousMissing ?? extractSsda903(source, { collection: previous, asAt: previous.end, missingType }).tables.missing;
    const failures = [...problems, ...runSsda903Rules({ tables, missingLast, collection })];
    const refused = failures.length > 0 && !request.force;
    const forced = failures.length > 0 && request.force;
    await writeAudit(tx, actor, {
      action: refused ? 'export.ssda903.refused' : 'export.ssda903.produced',
      details: { year: request.year, missingRows: tables.missing.length, children: tables.header.length, failures: failures.length, forced },
    });
    return { collection, asAt, tables, failures, forced, missingType, files: refused ? [] : filesOf(tables, failures) };
  });
}

function filesOf(tables: Ssda903Tables, failures: RuleFailure[]): ExportFile[] {
  return [
    csvFile('missing.csv', MISSING_COLUMNS, tables.missing),
    csvFile('header.csv', HEADER_COLUMNS, tables.header),
    csvFile('episodes.csv', EPISODES_COLUMNS, tables.episodes),
    csvFile('validation-report.csv', REPORT_COLUMNS, failures.map((f) => ({ ...f, row: String(f.row) }))),
  ];
}
