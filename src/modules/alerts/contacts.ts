/** Each authority's contacts for children looked after by other authorities, matched by name or code. */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { authorityContacts } from '../../db/schema.ts';

export const contactKey = (nameOrCode: string) => nameOrCode.trim().toLowerCase().replace(/\s+/g, ' ');

export async function contactFor(tx: Tx, authorityCode: string, responsible: string | null): Promise<{ name: string; email: string } | null> {
  if (!responsible || !responsible.trim()) return null;
  const [row] = await tx.select({ name: authorityContacts.name, email: authorityContacts.email }).from(authorityContacts)
    .where(and(eq(authorityContacts.authorityCode, authorityCode), eq(authorityContacts.matchKey, contactKey(responsible))));
  return row ?? null;
}

/** Adds or replaces contacts (demo data, administration). A code and a name may both be keys for one contact. */
export async function saveContacts(tx: Tx, authorityCode: string, contacts: { keys: string[]; name: string; email: string }[]): Promise<void> {
  const rows = contacts.flatMap((c) => c.keys.map((k) => ({ authorityCode, matchKey: contactKey(k), name: c.name, email: c.email })));
  if (rows.length === 0) return;
  await tx.insert(authorityContacts).values(rows).onConflictDoUpdate({
    target: [authorityContacts.authorityCode, authorityContacts.matchKey],
    set: { name: sql`excluded.name`, email: sql`excluded.email` },
  });
}
