/**
 * `homeward report <table1|committee|table2|table3|...> --fy 2023/24 [--quarter Q1] --authority 891 --format <format> [--out file]
 * [--published]`: the same reports as the web app's Reports section, produced for the authority by an operator.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { REPORTS } from '../modules/reports/registry.ts';
import { FORMATS, isReportFormat, isTextFormat, renderReport } from '../modules/reports/render/index.ts';
import { produceOutputReport } from '../modules/reports/render/output.service.ts';
import { withDatabase } from './data-commands.ts';
import { cliActor } from './import-command.ts';

interface ReportOptions {
  fy: string;
  quarter?: string;
  authority: string;
  format: string;
  out?: string;
  published?: boolean;
}

async function runReport(name: string, o: ReportOptions): Promise<void> {
  const format = o.format.toLowerCase();
  if (!isReportFormat(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  // Binary bytes on a terminal are noise at best; redirected to a file or a pipe they are fine.
  if (!o.out && !isTextFormat(format) && process.stdout.isTTY) throw new Error(`${format} is a binary file: give --out <file> to write it`);
  const file = await withDatabase(async (db) => {
    const actor = await cliActor(db, o.authority);
    const report = await produceOutputReport(db, actor, { report: name, fy: o.fy, quarter: o.quarter ?? null, published: Boolean(o.published) }, new Date());
    return renderReport(report, format);
  });
  if (o.out) {
    await writeFile(o.out, file.body);
    console.error(`Wrote ${o.out} (${file.body.length.toLocaleString('en-GB')} bytes${o.published ? ', small numbers hidden for publication' : ', operational figures: not for publication'})`);
  } else {
    process.stdout.write(file.body);
  }
}

export function registerReportCommands(program: Command): void {
  program
    .command('report <report>')
    .description(`produce a report (${Object.keys(REPORTS).join(', ')}) for a financial year or quarter, in JSON, CSV, XLSX, DOCX or HTML`)
    .requiredOption('--fy <year>', 'financial year, e.g. 2023/24')
    .option('--quarter <quarter>', 'Q1 (April-June) to Q4 (January-March); only for reports by quarter (committee)')
    .requiredOption('--authority <code>', 'three-digit local authority code, e.g. 891')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'json')
    .option('--out <file>', 'write to this file instead of standard output (needed for xlsx and docx on a terminal)')
    .option('--published', 'for publication: hide counts under 5 (or the authority\'s setting) and the cells they could be worked out from. Without it the figures are operational: every number shown, not for publication')
    .action(async (name: string, o: ReportOptions) => {
      try {
        await runReport(name, o);
      } catch (error) {
        console.error(`homeward: ${oneLine(error)}`);
        process.exitCode = 1;
      }
    });
}

/**
 * One line for a person: our errors are already sentences. A database error's message can hold the SQL and its
 * parameters, so only that it happened is said (as the other commands do).
 */
function oneLine(error: unknown): string {
  if (typeof error === 'object' && error !== null && ('query' in error || 'cause' in error)) return 'the database could not produce the report; nothing was written';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
