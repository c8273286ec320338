/**
 * The data protection officer restricts a child's record to named users, changes who is named, or lifts the
 * restriction. They see the child's name and date of birth (to be sure of the child), never the record itself.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { children, restrictedRecords, restrictedRecordUsers, users } from '../../db/schema.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { ROLE_LABELS, type Actor, type Role } from './actor.ts';
import { assertCan } from './policy.ts';

export interface RestrictionPage {
  child: { id: string; forename: string; surname: string; dateOfBirth: string };
  restriction: { reason: string; restrictedAt: Date } | null;
  named: Set<string>;
  people: { id: string; name: string; role: string }[];
}

export async function restrictionPage(db: Database, actor: Actor, childId: string): Promise<RestrictionPage> {
  assertCan(actor, 'restriction:manage');
  const id = recordId(childId, 'child');
  return db.read(async (q) => {
    const [child] = await q.select({ id: children.id, forename: children.forename, surname: children.surname, dateOfBirth: children.dateOfBirth })
      .from(children).where(and(eq(children.id, id), eq(children.authorityCode, actor.authorityCode)));
    if (!child) throw new NotFound('There is no such child');
    const [restriction] = await q.select({ reason: restrictedRecords.reason, restrictedAt: restrictedRecords.restrictedAt }).from(restrictedRecords).where(eq(restrictedRecords.childId, id));
    const named = await q.select({ userId: restrictedRecordUsers.userId }).from(restrictedRecordUsers).where(eq(restrictedRecordUsers.childId, id));
    const people = await q.select({ id: users.id, name: users.displayName, role: users.role }).from(users)
      .where(and(eq(users.authorityCode, actor.authorityCode), isNull(users.disabledAt))).orderBy(asc(users.displayName));
    return {
      child, restriction: restriction ?? null, named: new Set(named.map((n) => n.userId)),
      people: people.map((p) => ({ ...p, role: ROLE_LABELS[p.role as Role] ?? p.role })),
    };
  });
}

/** Restricts the record (or changes its reason and named users). At least one person must be named. */
export async function restrictRecord(db: Database, actor: Actor, childId: string, input: { reason: string; userIds: string[] }, now: Date): Promise<void> {
  assertCan(actor, 'restriction:manage');
  const id = recordId(childId, 'child');
  const reason = input.reason.trim();
  const problems = [];
  if (!reason) problems.push({ field: 'reason', message: 'Enter why the record is restricted' });
  if (input.userIds.length === 0) problems.push({ field: 'userIds', message: 'Name at least one person who may open the record' });
  if (problems.length > 0) throw new ValidationFailed(problems);
  await db.transaction(async (tx) => {
    const [child] = await tx.select({ id: children.id }).from(children).where(and(eq(children.id, id), eq(children.authorityCode, actor.authorityCode)));
    if (!child) throw new NotFound('There is no such child');
    const valid = await tx.select({ id: users.id }).from(users).where(and(eq(users.authorityCode, actor.authorityCode), inArray(users.id, input.userIds.filter((u) => /^[0-9a-f-]{36}$/i.test(u)))));
    if (valid.length !== new Set(input.userIds).size) throw new ValidationFailed([{ field: 'userIds', message: 'Choose people from the list' }]);
    await tx.insert(restrictedRecords).values({ childId: id, authorityCode: actor.authorityCode, reason, restrictedBy: actor.id, restrictedAt: now })
      .onConflictDoUpdate({ target: restrictedRecords.childId, set: { reason } });
    await tx.delete(restrictedRecordUsers).where(eq(restrictedRecordUsers.childId, id));
    await tx.insert(restrictedRecordUsers).values(valid.map((u) => ({ childId: id, userId: u.id, addedBy: actor.id, addedAt: now })));
    await writeAudit(tx, actor, { action: 'record.restricted', childId: id, subjectType: 'child', subjectId: id, details: { named: valid.length } });
  });
}

export async function liftRestriction(db: Database, actor: Actor, childId: string): Promise<void> {
  assertCan(actor, 'restriction:manage');
  const id = recordId(childId, 'child');
  await db.transaction(async (tx) => {
    const lifted = await tx.delete(restrictedRecords).where(and(eq(restrictedRecords.childId, id), eq(restrictedRecords.authorityCode, actor.authorityCode))).returning({ childId: restrictedRecords.childId });
    if (lifted.length === 0) throw new NotFound('This record is not restricted');
    await writeAudit(tx, actor, { action: 'record.restriction-lifted', childId: id, subjectType: 'child', subjectId: id, details: {} });
  });
}
