/** The history of changes to the protocol's forms, as people read it: labels, UK dates, newest first. */
import type { Tx } from '../../db/database.ts';
import { formatUkDate, formatUkDateTime } from '../missing/uk-time.ts';
import * as repo from './philomena.repository.ts';

export interface ChangeEntry { at: Date; by: string | null; field: string; oldValue: string | null; newValue: string | null }

/** Stored values are data (ISO dates and times); people read them in UK form. */
function shown(field: string, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'reviewedOn' || field === 'photo') return formatUkDate(value);
  if (field === 'lastSeenAt') return formatUkDateTime(new Date(value));
  return value;
}

export async function changeEntries(q: Tx, of: { childId: string } | { incidentId: string }, label: (field: string) => string): Promise<ChangeEntry[]> {
  return (await repo.changesWithAuthors(q, of)).map(({ change: c, by }) => ({
    at: c.changedAt, by, field: label(c.field), oldValue: shown(c.field, c.oldValue), newValue: shown(c.field, c.newValue),
  }));
}
