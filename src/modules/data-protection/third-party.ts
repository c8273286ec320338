/**
 * Third-party information in a subject access export, marked for the data protection officer to review before
 * release (UK GDPR Article 15(4); Data Protection Act 2018, Schedule 2 paragraph 16). Nothing is removed: the
 * marks say where someone else can be identified, and why; the officer decides what to redact.
 *
 * Declared per table and column, plus every row reached through a link to a person who may pose a risk. Names of
 * staff are marked only for police and charity staff: local authority, health and education staff acting in their
 * work are presumed reasonable to disclose (DPA 2018 Schedule 2 paragraph 17: the health, social work and education
 * data tests), while police officers and charity workers fall under no such presumption: the officer decides.
 */
import type { Row } from './graph.ts';

export interface RedactionMark {
  table: string;
  /** The row's primary key ('/' between the parts of a composite key). */
  id: string;
  column: string;
  reason: string;
}

interface ThirdPartyRule {
  table: string;
  /** '*' marks every column that holds a value, except the row's own id and bookkeeping (NOT_ABOUT_ANYONE). */
  columns: readonly string[] | '*';
  reason: string;
  /** When only some rows of the table are about someone else. */
  when?: (row: Row, context: MarkContext) => boolean;
  /** When the columns depend on the row (which side of a pair is the other child). */
  columnsOf?: (row: Row, context: MarkContext) => readonly string[];
}

export interface MarkContext {
  /** The child and any duplicate records merged into them. */
  childIds: ReadonlySet<string>;
}

export const REASONS = {
  person: 'A person who may pose a risk to the child: their personal data',
  personLink: 'Reached through a link to a person who may pose a risk',
  stayedWith: 'Who the child stayed with, and where: may identify another person or their home',
  seenBy: 'Who saw what was reported: a third party who may not expect to be named to the child',
  associates: 'The names, nicknames and contact details of other people the child spends time with',
  addressOfConcern: 'An address of concern: may identify the people who live there',
  otherChild: 'Another child (a possible match that may not be the same child)',
  restriction: 'Why the record is restricted: may identify a member of staff related to the child',
  staff: 'Names police or charity staff: check before release (no presumption of disclosure under DPA 2018 Sch. 2 para. 17)',
} as const;

const RULES: readonly ThirdPartyRule[] = [
  { table: 'persons_of_concern', columns: '*', reason: REASONS.person },
  { table: 'person_links', columns: ['person_id', 'note'], reason: REASONS.personLink },
  { table: 'location_links', columns: ['person_id'], reason: REASONS.personLink, when: (row) => row.person_id != null },
  { table: 'return_interviews', columns: ['stayed_with', 'where_stayed'], reason: REASONS.stayedWith },
  { table: 'exploitation_concerns', columns: ['seen_by'], reason: REASONS.seenBy },
  { table: 'philomena_profiles', columns: ['associates'], reason: REASONS.associates },
  { table: 'philomena_changes', columns: ['old_value', 'new_value'], reason: REASONS.associates, when: (row) => row.field === 'associates' },
  { table: 'locations', columns: ['name', 'address', 'postcode', 'notes'], reason: REASONS.addressOfConcern, when: (row) => row.kind === 'address_of_concern' },
  {
    table: 'possible_matches', columns: [], reason: REASONS.otherChild,
    columnsOf: (row, context) => [context.childIds.has(String(row.child_id)) ? 'candidate_child_id' : 'child_id', 'reason'],
  },
  { table: 'restricted_records', columns: ['reason'], reason: REASONS.restriction },
];

// The row's own id and bookkeeping say nothing about anyone: they are never marked.
const NOT_ABOUT_ANYONE = new Set(['id', 'authority_code', 'version']);

/** Tables whose rows the export follows outward from the child's links, to show who and where they are. */
export const LINKED_TABLES: readonly string[] = ['persons_of_concern', 'locations'];

/** The columns of this row that hold third-party information, with the reason for each. */
export function thirdPartyMarks(table: string, id: string, row: Row, context: MarkContext): RedactionMark[] {
  const marks: RedactionMark[] = [];
  for (const rule of RULES) {
    if (rule.table !== table || (rule.when && !rule.when(row, context))) continue;
    const columns = rule.columnsOf ? rule.columnsOf(row, context) : rule.columns === '*' ? Object.keys(row).filter((c) => !NOT_ABOUT_ANYONE.has(c)) : rule.columns;
    for (const column of columns) {
      const value = row[column];
      if (value === null || value === undefined || value === '') continue;
      if (!marks.some((m) => m.column === column)) marks.push({ table, id, column, reason: rule.reason });
    }
  }
  return marks;
}

/** Agencies whose staff's names are marked for review. */
export function staffNameNeedsReview(agencyKind: string | null): boolean {
  return agencyKind === 'police' || agencyKind === 'charity';
}
