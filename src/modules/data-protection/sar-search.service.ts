/**
 * Finding the child a subject access request is about. The data protection officer cannot search records
 * (no child:search), so this asks for both the surname and the date of birth the requester gave, and lists only
 * exact matches (and records merged into them are reached from those).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { children } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { normaliseName } from '../children/child-matching.ts';
import { ValidationFailed, type FieldProblem } from '../errors.ts';
import { parseUkDate } from '../missing/uk-time.ts';

export interface SarSearchHit {
  id: string;
  name: string;
  dateOfBirth: string;
}

export async function findChildForSubjectAccess(db: Database, actor: Actor, input: { surname: string; dateOfBirth: string }): Promise<SarSearchHit[]> {
  assertCan(actor, 'sar:produce');
  const surname = normaliseName(input.surname);
  const dob = parseUkDate(input.dateOfBirth);
  const problems: FieldProblem[] = [];
  if (!surname) problems.push({ field: 'surname', message: 'Enter the surname the request gives' });
  if (!dob.ok) problems.push({ field: 'dateOfBirth', message: 'Enter the date of birth the request gives, like 27/03/2011' });
  if (problems.length > 0 || !dob.ok) throw new ValidationFailed(problems);
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth }).from(children)
      .where(and(eq(children.authorityCode, actor.authorityCode), eq(children.surnameNorm, surname), eq(children.dateOfBirth, dob.value), isNull(children.mergedInto)))
      .orderBy(asc(children.forename)).limit(20);
    await writeAudit(tx, actor, { action: 'sar.searched', details: { resultCount: rows.length } });
    return rows.map((r) => ({ id: r.id, name: `${r.forename} ${r.surname}`, dateOfBirth: r.dateOfBirth }));
  });
}
