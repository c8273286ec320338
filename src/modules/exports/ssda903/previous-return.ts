/**
 * Last year's Missing table as it was submitted (`--previous missing.csv`), for rule 576. Without it the
 * export rebuilds last year's table from today's records, which can only disagree when records were changed.
 */
import { parse } from 'csv-parse/sync';
import { ValidationFailed } from '../../errors.ts';
import { MISSING_COLUMNS, type MissingRow } from './tables.ts';

export function readMissingTable(text: string): MissingRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch {
    throw new ValidationFailed([{ field: 'previous', message: 'Last year’s Missing table is not a readable CSV file' }]);
  }
  const [columns, ...rows] = records;
  if (!columns || columns.map((c) => c.trim()).join(',') !== MISSING_COLUMNS.join(',')) {
    throw new ValidationFailed([{ field: 'previous', message: `Last year’s Missing table must have the columns ${MISSING_COLUMNS.join(',')}` }]);
  }
  return rows.map((cells) => ({ CHILD: cells[0] ?? '', DOB: cells[1] ?? '', MISSING: cells[2] ?? '', MIS_START: cells[3] ?? '', MIS_END: cells[4] ?? '' }));
}
