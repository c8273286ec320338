/**
 * The SSDA903 tables as the DfE validator reads them (uk-standards.md 1.1): exact column names in order,
 * every cell text, dates `dd/mm/yyyy`, a blank cell for a value not held or an episode still open.
 */
import type { DateWindow } from '../dates.ts';

export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const;
export const EPISODES_COLUMNS = [
  'CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN',
] as const;
export const MISSING_COLUMNS = ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'] as const;

export type HeaderRow = Record<(typeof HEADER_COLUMNS)[number], string>;
export type EpisodeRow = Record<(typeof EPISODES_COLUMNS)[number], string>;
export type MissingRow = Record<(typeof MISSING_COLUMNS)[number], string>;

export interface Ssda903Tables {
  header: HeaderRow[];
  episodes: EpisodeRow[];
  missing: MissingRow[];
}

export type TableName = 'Header' | 'Episodes' | 'Missing';

/** What a rule is given: this year's tables, last year's Missing table (rule 576) and the collection year. */
export interface RuleInput {
  tables: Ssda903Tables;
  missingLast: MissingRow[];
  collection: DateWindow;
}

export interface RuleFailure {
  /** The DfE rule code (`574`, `INT04`), or `CHILD` for Homeward's own check that every child has an id. */
  rule: string;
  table: TableName;
  /** The line in that table's CSV file, counting the line of column names as 1 (as a spreadsheet shows it). */
  row: number;
  /** The CHILD cell of the row. */
  child: string;
  message: string;
}

export interface Ssda903Rule {
  code: string;
  /** The validator's message, in plain English. */
  message: string;
  check(input: RuleInput): RuleFailure[];
}

/** The line in the file of the row at `index` (0-based) in its table. */
export const lineOf = (index: number): number => index + 2;
