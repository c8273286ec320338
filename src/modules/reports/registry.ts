/** Every report Homeward can produce, by id. A new table is a new definition here (Tables 2 and 3 come with issue 5). */
import type { ReportDefinition, ReportId } from './framework.ts';
import { TABLE1_REPORT } from './table1-report.ts';
import { COMMITTEE_REPORT } from './committee-report.ts';
import { TABLE2_REPORT, TABLE3_REPORT } from './table23-report.ts';
import { LANGUAGE_REPORT } from '../language/language-report.ts';

export const REPORTS: Partial<Record<ReportId, ReportDefinition>> = {
  table1: TABLE1_REPORT,
  committee: COMMITTEE_REPORT,
  table2: TABLE2_REPORT,
  table3: TABLE3_REPORT,
  language: LANGUAGE_REPORT,
};

export function reportDefinition(id: string): ReportDefinition | null {
  return (REPORTS as Record<string, ReportDefinition | undefined>)[id] ?? null;
}
