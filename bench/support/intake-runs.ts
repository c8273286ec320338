/**
 * Timed imports of one CSV file through the real intake service, as `homeward import notifications` runs it:
 * `importNotificationFile` with the CLI's actor, the file read from disk, both passes, one transaction.
 */
import { count } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { children, incidents } from '../../src/db/schema.ts';
import { cliActor } from '../../src/cli/import-command.ts';
import { importNotificationFile, type ImportReport } from '../../src/modules/missing/csv-import.service.ts';
import { openPgliteBench, openPostgresBench, rawCopy, type OpenBench } from './bench-databases.ts';
import { median, timed } from './report.ts';

export const AUTHORITY = '891';

export interface ImportRun {
  ms: number;
  rowsPerSecond: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  incidents: number;
  children: number;
}

export interface Series {
  label: string;
  runs: ImportRun[];
  medianMs: number;
  medianRowsPerSecond: number;
}

/** Imports the file into a prepared database and checks what landed. */
export async function timeImport(db: Database, csvPath: string, rows: number): Promise<{ run: ImportRun; report: ImportReport }> {
  const actor = await cliActor(db, AUTHORITY);
  const { result: report, ms } = await timed(() => importNotificationFile(db, actor, { path: csvPath }));
  const [counted] = await db.read(async (q) => {
    const [i] = await q.select({ n: count() }).from(incidents);
    const [c] = await q.select({ n: count() }).from(children);
    return [{ incidents: i?.n ?? 0, children: c?.n ?? 0 }];
  });
  const run = {
    ms, rowsPerSecond: rows / (ms / 1000), accepted: report.accepted, updated: report.updated,
    unchanged: report.unchanged, rejected: report.rejected.length, incidents: counted?.incidents ?? 0, children: counted?.children ?? 0,
  };
  return { run, report };
}

export function series(label: string, runs: ImportRun[]): Series {
  return { label, runs, medianMs: median(runs.map((r) => r.ms)), medianRowsPerSecond: median(runs.map((r) => r.rowsPerSecond)) };
}

async function once(open: () => Promise<OpenBench>, csvPath: string, rows: number): Promise<ImportRun> {
  const bench = await open();
  try {
    const { run, report } = await timeImport(bench.db, csvPath, rows);
    // A rejected row would mean the generator or the parser is wrong: say which line, once.
    const first = report.rejected[0];
    if (first) console.warn(`  warning: ${report.rejected.length} rows rejected, first line ${first.line}: ${first.message}`);
    return run;
  } finally {
    await bench.dispose();
  }
}

type Log = (line: string) => void;

/** Intake and raw COPY on PostgreSQL, interleaved, each on a fresh database, `repeats` times. */
export async function postgresSeries(adminUrl: string, csvPath: string, rows: number, repeats: number, log: Log) {
  const intake: ImportRun[] = [];
  const copy: ImportRun[] = [];
  for (let r = 1; r <= repeats; r += 1) {
    const run = await once(() => openPostgresBench(adminUrl, 'intake'), csvPath, rows);
    intake.push(run);
    log(`  PostgreSQL intake run ${r}/${repeats}: ${(run.ms / 1000).toFixed(1)} s (${Math.round(run.rowsPerSecond)} rows/s; ${run.accepted} new, ${run.updated} updated, ${run.rejected} rejected)`);
    const c = await rawCopy(adminUrl, csvPath);
    copy.push({ ms: c.ms, rowsPerSecond: rows / (c.ms / 1000), accepted: c.rows, updated: 0, unchanged: 0, rejected: rows - c.rows, incidents: 0, children: 0 });
    log(`  PostgreSQL raw COPY run ${r}/${repeats}: ${(c.ms / 1000).toFixed(2)} s (${c.rows} rows)`);
  }
  return { intake: series('PostgreSQL: intake service', intake), copy: series('PostgreSQL: raw COPY, bare table', copy) };
}

/** Intake on PGlite; repeated only while one run stays under `fastMs` (PGlite is single-threaded and slow). */
export async function pgliteSeries(where: 'memory' | 'disk', csvPath: string, rows: number, repeats: number, fastMs: number, log: Log): Promise<Series> {
  const runs: ImportRun[] = [];
  for (let r = 1; r <= repeats; r += 1) {
    const run = await once(() => openPgliteBench(where), csvPath, rows);
    runs.push(run);
    log(`  PGlite (${where}) run ${r}: ${(run.ms / 1000).toFixed(1)} s (${Math.round(run.rowsPerSecond)} rows/s; ${run.rejected} rejected)`);
    if (run.ms > fastMs) break;
  }
  return series(`PGlite (${where === 'memory' ? 'in memory' : 'data dir on disk'}): intake service`, runs);
}
