/**
 * The records retention is about — a child, a location, a person who may pose a risk — each with its due date
 * under the authority's policy and any legal hold in force.
 */
import type { Tx } from '../../db/database.ts';
import { recordId } from '../children/ids.ts';
import { DomainRuleBroken, NotFound } from '../errors.ts';
import { formatUkDate, londonDate } from '../missing/uk-time.ts';
import * as repo from './retention.repository.ts';
import { activityDueDate, childDueDate, isDue, retentionFromSettings, SUBJECT_TYPES, type DueDate, type RetentionPolicy, type SubjectType } from './retention-rules.ts';

export interface Subject {
  type: SubjectType;
  id: string;
}

export interface SubjectStatus extends Subject {
  /** How the data protection officer recognises the record: a name, and a date of birth or a kind. */
  label: string;
  due: DueDate;
  isDue: boolean;
  hold: repo.HoldEntry | null;
}

/** The graph's starting table for each kind of record. */
export const ROOT_TABLE: Record<SubjectType, string> = { child: 'children', location: 'locations', person: 'persons_of_concern' };

export const SUBJECT_LABELS: Record<SubjectType, string> = { child: 'Child', location: 'Location', person: 'Person who may pose a risk' };

/** A subject as a form or the command line gives it: checked by the services, after the access check. */
export interface SubjectInput {
  type: string;
  id: string;
}

/** A subject from form fields or the command line; anything else is a record that does not exist. */
export function parseSubject(type: string, id: string): Subject {
  if (!(SUBJECT_TYPES as readonly string[]).includes(type)) throw new NotFound('There is no such record');
  return { type: type as SubjectType, id: recordId(id, 'record') };
}

export async function policyFor(tx: Tx, authorityCode: string): Promise<RetentionPolicy> {
  return retentionFromSettings(await repo.authoritySettings(tx, authorityCode));
}

export function childLabel(c: { forename: string; surname: string; dateOfBirth: string }): string {
  return `${c.forename} ${c.surname}, born ${formatUkDate(c.dateOfBirth)}`;
}

export function activityLabel(a: repo.ActivityCandidate): string {
  return a.kind ? `${a.name} (${a.kind.replaceAll('_', ' ')})` : a.name;
}

/** One record's status, for deleting or holding it; 404 outside the authority. */
export async function subjectStatus(tx: Tx, authorityCode: string, subject: Subject, today: string): Promise<SubjectStatus> {
  const policy = await policyFor(tx, authorityCode);
  const [hold] = await repo.activeHolds(tx, authorityCode, subject);
  const status = (label: string, due: DueDate): SubjectStatus => ({ ...subject, label, due, isDue: isDue(due, today), hold: hold ?? null });
  if (subject.type === 'child') {
    const child = await repo.childCandidate(tx, authorityCode, subject.id);
    if (!child) throw new NotFound('There is no such child');
    if (child.mergedInto) {
      throw new DomainRuleBroken(`This record was merged into another child's record (${child.mergedInto}): it is kept and deleted with that record`);
    }
    return status(childLabel(child), childDueDate(child, policy));
  }
  const [found] = await repo.activityCandidates(tx, subject.type, authorityCode, subject.id);
  if (!found) throw new NotFound(`There is no such ${subject.type === 'location' ? 'location' : 'person'}`);
  return status(activityLabel(found), activityDueDate(subject.type, found.lastActivityOn, policy));
}

/** Refuses, with the reason in words, a record that is not due or is on legal hold. */
export function assertDeletable(status: SubjectStatus): void {
  if (status.hold) {
    throw new DomainRuleBroken(`This record is on legal hold (placed ${formatUkDate(londonDate(status.hold.placedAt))} by ${status.hold.placedBy}: ${status.hold.reason}). Release the hold before deleting it.`);
  }
  if (!status.isDue) {
    throw new DomainRuleBroken(`This record is not due for deletion until ${formatUkDate(status.due.dueOn)} (${status.due.ruleText.toLowerCase()}).`);
  }
}
