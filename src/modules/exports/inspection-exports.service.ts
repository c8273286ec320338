/**
 * `homeward export annex-a` and `homeward export ssd-missing`: the inspection and dataset exports that carry
 * return interview data (which the 903 does not). Record-level, so only for those who prepare statutory
 * returns; each export is audited.
 */
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { ValidationFailed } from '../errors.ts';
import { ANNEX_A_MISSING_COLUMNS, annexAList8Missing } from './annex-a.ts';
import { csvFile, type ExportFile } from './csv.ts';
import { addDays, londonDate, londonStartOf, twelveMonthsTo, yearsBefore, type DateWindow } from './dates.ts';
import { findAuthority, loadExportSource } from './exports.repository.ts';
import { missingTypeSetting, type MissingTypeSetting } from './source.ts';
import { SSD_MISSING_COLUMNS, ssdMissingRows } from './ssd-missing.ts';

export interface InspectionExport {
  file: ExportFile;
  window: DateWindow;
  missingType: MissingTypeSetting;
  /** Rows written without a local authority child id (Homeward's own id or a blank stands in). */
  withoutChildId: number;
}

/** Annex A List 8's missing columns for the twelve months ending on `asAt` (`yyyy-mm-dd`). */
export async function exportAnnexA(db: Database, actor: Actor, request: { asAt: string }, now: Date): Promise<InspectionExport> {
  assertCan(actor, 'statutory-export:produce');
  if (request.asAt > londonDate(now)) throw new ValidationFailed([{ field: 'asAt', message: 'The date the twelve months end on must be today or in the past' }]);
  const window = twelveMonthsTo(request.asAt);
  return db.transaction(async (tx) => {
    const authority = await findAuthority(tx, actor.authorityCode);
    const missingType = missingTypeSetting(authority.settings);
    const source = await loadExportSource(tx, authority.code, { from: londonStartOf(window.start), to: londonStartOf(addDays(window.end, 1)) });
    const rows = annexAList8Missing(source, { window, missingType });
    await writeAudit(tx, actor, { action: 'export.annex-a.produced', details: { asAt: request.asAt, children: rows.length } });
    const withoutChildId = rows.filter((r) => r['Child Unique ID'] === '').length;
    return { file: csvFile('annex-a-list-8-missing.csv', ANNEX_A_MISSING_COLUMNS, rows), window, missingType, withoutChildId };
  });
}

/** `ssd_missing`: the episodes that ended in the last `years` years (the SSD's own timeframe, 6 by default) or are open. */
export async function exportSsdMissing(db: Database, actor: Actor, request: { years: number }, now: Date): Promise<InspectionExport> {
  assertCan(actor, 'statutory-export:produce');
  if (!Number.isInteger(request.years) || request.years < 1 || request.years > 50) {
    throw new ValidationFailed([{ field: 'years', message: 'Enter the number of years to include, a whole number from 1 to 50' }]);
  }
  const today = londonDate(now);
  const window = { start: yearsBefore(today, request.years), end: today };
  return db.transaction(async (tx) => {
    const authority = await findAuthority(tx, actor.authorityCode);
    const missingType = missingTypeSetting(authority.settings);
    const source = await loadExportSource(tx, authority.code, { from: londonStartOf(window.start), to: londonStartOf(addDays(today, 1)) });
    const rows = ssdMissingRows(source, missingType);
    await writeAudit(tx, actor, { action: 'export.ssd-missing.produced', details: { years: request.years, episodes: rows.length } });
    const childIds = new Set(source.children.map((c) => c.laChildId));
    const withoutChildId = rows.filter((r) => !childIds.has(r.miss_person_id)).length;
    return { file: csvFile('ssd_missing.csv', SSD_MISSING_COLUMNS, rows), window, missingType, withoutChildId };
  });
}
