/** Small helpers the rules share: reading cells as the validator does, and building failures. */
import { parseUkDateCell, ukDate } from '../../dates.ts';
import { lineOf, type MissingRow, type RuleFailure, type RuleInput, type Ssda903Rule, type TableName } from '../tables.ts';

/** A cell's date as `yyyy-mm-dd`, or null when blank or not `dd/mm/yyyy` (the validator's `errors="coerce"`). */
export const dateOf = parseUkDateCell;

export const isBlank = (cell: string | undefined): boolean => (cell ?? '').trim() === '';

/** `2024-06-05` → `05/06/2024`, for messages. */
export const shown = (date: string): string => ukDate(date);

export function failure(rule: Pick<Ssda903Rule, 'code'>, table: TableName, index: number, child: string, message: string): RuleFailure {
  return { rule: rule.code, table, row: lineOf(index), child, message };
}

/**
 * A rule that looks at one Missing row at a time: `explain` returns why the row fails, or null when it passes.
 */
export function missingRowRule(code: string, message: string, explain: (row: MissingRow, input: RuleInput) => string | null): Ssda903Rule {
  const rule: Ssda903Rule = {
    code,
    message,
    check: (input) => input.tables.missing.flatMap((row, index) => {
      const why = explain(row, input);
      return why === null ? [] : [failure(rule, 'Missing', index, row.CHILD, why)];
    }),
  };
  return rule;
}

/** Rows of a table grouped by CHILD, each with its index in the table. */
export function byChild<R extends { CHILD: string }>(rows: readonly R[]): Map<string, { row: R; index: number }[]> {
  const groups = new Map<string, { row: R; index: number }[]>();
  rows.forEach((row, index) => {
    const list = groups.get(row.CHILD) ?? [];
    list.push({ row, index });
    groups.set(row.CHILD, list);
  });
  return groups;
}

/** Orders dates with blanks last, as pandas sorts missing values. */
export function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
