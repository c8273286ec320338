/**
 * CSV import of police notifications (police-notifications.md): the whole file is checked first, streamed so a
 * large file is never held in memory; then the valid rows are written in one transaction, in chunks.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { applyNotifications, isUniqueViolation, type IntakeRow } from './intake.service.ts';
import { mapHeaders, parseNotification } from './notification-parse.ts';
import type { FieldError } from './notification.ts';

export interface RowProblem extends FieldError {
  line: number;
}

export interface ImportReport {
  rows: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
  warnings: RowProblem[];
  dryRun: boolean;
}

export interface ImportOptions {
  path: string;
  dryRun?: boolean;
  now?: Date;
  source?: 'csv' | 'demo';
  /** Called as rows are checked and written: for a progress bar. */
  onProgress?: (phase: 'checking' | 'writing', rowsDone: number) => void;
}

const CHUNK = 1000;

type Parsed = { line: number; ok: true; row: IntakeRow } | { line: number; ok: false; errors: FieldError[] };

/** Streams the file's data rows, each validated; the header problems come first as line 1. */
async function* readRows(path: string, warnings: RowProblem[]): AsyncGenerator<Parsed> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false }),
  );
  let columns: (string | null)[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!columns) {
      const mapped = mapHeaders(record);
      warnings.push(...mapped.warnings.map((w) => ({ ...w, line: info.lines })));
      if (mapped.errors.length) {
        yield { line: info.lines, ok: false, errors: mapped.errors };
        return;
      }
      columns = mapped.columns;
      continue;
    }
    if (record.length !== columns.length) {
      yield { line: info.lines, ok: false, errors: [{ column: '', message: `the row has ${record.length} fields but the header has ${columns.length}` }] };
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((name, i) => {
      if (name) values[name] = record[i] ?? '';
    });
    const result = parseNotification(values);
    yield result.ok ? { line: info.lines, ok: true, row: { line: info.lines, input: result.value } } : { line: info.lines, ok: false, errors: result.errors };
  }
  if (!columns) yield { line: 1, ok: false, errors: [{ column: '', message: 'the file is empty: it needs a header row and at least one notification' }] };
}

/** Pass 1: every row checked, nothing written. Returns the rejected rows and how many rows there were. */
async function checkFile(options: ImportOptions, report: ImportReport): Promise<Set<number>> {
  const rejectedLines = new Set<number>();
  try {
    for await (const item of readRows(options.path, report.warnings)) {
      report.rows += 1;
      if (!item.ok) {
        rejectedLines.add(item.line);
        report.rejected.push(...item.errors.map((e) => ({ ...e, line: item.line })));
      }
      if (report.rows % CHUNK === 0) options.onProgress?.('checking', report.rows);
    }
  } catch (error) {
    // csv-parse reports broken quoting with the line it reached; nothing is written for such a file.
    const line = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : 0;
    report.rejected.push({ line, column: '', message: `the file is not valid CSV near line ${line}: check the quotes` });
    rejectedLines.add(-1);
  }
  return rejectedLines;
}

class DryRunRollback extends Error {}

/** Imports a CSV file of notifications. Idempotent: the same file again changes nothing. */
export async function importNotificationFile(db: Database, actor: Actor, options: ImportOptions): Promise<ImportReport> {
  assertCan(actor, 'notification:import');
  const report: ImportReport = { rows: 0, accepted: 0, updated: 0, unchanged: 0, rejected: [], warnings: [], dryRun: Boolean(options.dryRun) };
  const rejectedLines = await checkFile(options, report);
  if (rejectedLines.has(-1) || report.rejected.some((r) => r.line === 1)) return report;
  const now = options.now ?? new Date();
  const rejectedBefore = report.rejected.length;
  const write = () =>
    writeValidRows(db, actor, options, { rejectedLines, report, now }).catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
  try {
    await write();
  } catch (error) {
    // The same file imported twice at the same moment: one transaction wins each reference; the other is run
    // once more and now finds those incidents, so each row is still written exactly once.
    if (!isUniqueViolation(error)) throw error;
    Object.assign(report, { accepted: 0, updated: 0, unchanged: 0 });
    report.rejected.length = rejectedBefore;
    await write();
  }
  return finish(report);
}

function finish(report: ImportReport): ImportReport {
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/** Pass 2: the valid rows, streamed again and written in chunks inside one transaction. */
async function writeValidRows(
  db: Database,
  actor: Actor,
  options: ImportOptions,
  state: { rejectedLines: Set<number>; report: ImportReport; now: Date },
): Promise<void> {
  const { report, rejectedLines, now } = state;
  await db.transaction(async (tx) => {
    let chunk: IntakeRow[] = [];
    let written = 0;
    const flush = async (rows: IntakeRow[]) => {
      const outcomes = await applyNotifications(tx, actor, rows, { source: options.source ?? 'csv', now });
      for (const o of outcomes) {
        if (o.status === 'rejected') report.rejected.push(...o.errors.map((e) => ({ ...e, line: o.line })));
        else report[o.status] += 1;
      }
      written += rows.length;
      options.onProgress?.('writing', written);
    };
    // The next chunk is read and checked while the database writes the previous one; chunks are still written
    // one after another, in file order.
    let writing: Promise<void> = Promise.resolve();
    for await (const item of readRows(options.path, [])) {
      if (!item.ok || rejectedLines.has(item.line)) continue;
      chunk.push(item.row);
      if (chunk.length < CHUNK) continue;
      const rows = chunk;
      chunk = [];
      await writing;
      writing = flush(rows);
      // Awaited before the next chunk or at the end; this only stops an early failure being reported twice.
      writing.catch(() => undefined);
    }
    await writing;
    if (chunk.length) await flush(chunk);
    await writeAudit(tx, actor, { action: 'notifications.imported', details: { accepted: report.accepted, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected.length } });
    if (options.dryRun) throw new DryRunRollback();
  });
}
