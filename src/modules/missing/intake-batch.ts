/**
 * Decides what each notification in a batch does — create a child, link to one, create or update an
 * incident, or reject — against what is already known, with no I/O. The service loads the known records,
 * runs this in file order, then writes the result in one go.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor.ts';
import type { AuditEntry } from '../audit/audit.repository.ts';
import {
  nearMatchReason,
  normaliseName,
  swapDayAndMonth,
  type MatchableChild,
  type MatchBasis,
} from '../children/child-matching.ts';
import { classifyIncident, type CarePeriodLike } from './classification.ts';
import type { CandidateChild, IncidentRow, IntakeWrites, NewIncident } from './intake.repository.ts';
import type { FieldError, NotificationInput } from './notification.ts';
import { incidentPatchFromNotification } from './incident-diff.ts';

export type IntakeSource = 'form' | 'api' | 'csv' | 'demo';
export type IntakeStatus = 'accepted' | 'updated' | 'unchanged' | 'rejected';

export interface IntakeRow {
  line: number;
  input: NotificationInput;
}

export interface IntakeOutcome {
  line: number;
  status: IntakeStatus;
  incidentId: string | null;
  childId: string | null;
  errors: FieldError[];
}

export interface Known {
  incidentsByRef: Map<string, IncidentRow>;
  children: CandidateChild[];
  /** Other names of candidate children, by which a notification is a near match only. */
  knownNames: { childId: string; forenameNorm: string; surnameNorm: string; dateOfBirth: string }[];
  carePeriodsByChild: Map<string, CarePeriodLike[]>;
  openIncidentByChild: Map<string, string>;
  districtIds: Map<string, number>;
}

export interface PendingUpdate {
  id: string;
  patch: Partial<NewIncident>;
}

/** Everything a batch will write; filled in by `decide`, written by the service. */
export interface BatchResult extends IntakeWrites {
  updates: PendingUpdate[];
  audit: AuditEntry[];
  outcomes: IntakeOutcome[];
}

type Indexed = CandidateChild;

/** Index of known children, kept up to date as the batch creates new ones. */
class ChildIndex {
  private byLa = new Map<string, Indexed>();
  private byPolice = new Map<string, Indexed>();
  private byDob = new Map<string, Indexed[]>();
  private aliases: Known['knownNames'];

  constructor(children: Indexed[], aliases: Known['knownNames']) {
    children.forEach((c) => this.add(c));
    this.aliases = aliases;
  }

  add(c: Indexed): void {
    if (c.laChildId) this.byLa.set(c.laChildId, c);
    if (c.policePersonId && !this.byPolice.has(c.policePersonId)) this.byPolice.set(c.policePersonId, c);
    this.byDob.set(c.dateOfBirth, [...(this.byDob.get(c.dateOfBirth) ?? []), c]);
  }

  find(input: NotificationInput, key: MatchableChild): { child: Indexed; basis: MatchBasis } | null {
    const byLa = input.laChildId ? this.byLa.get(input.laChildId) : undefined;
    if (byLa) return { child: byLa, basis: 'la_child_id' };
    const byPolice = input.policePersonId ? this.byPolice.get(input.policePersonId) : undefined;
    if (byPolice) return { child: byPolice, basis: 'police_person_id' };
    // An LA id we do not hold means a different child, even when the names agree: never link on names then.
    if (input.laChildId) return null;
    const exact = (this.byDob.get(key.dateOfBirth) ?? []).find(
      (c) => c.forenameNorm === key.forenameNorm && c.surnameNorm === key.surnameNorm,
    );
    return exact ? { child: exact, basis: 'name_and_date_of_birth' } : null;
  }

  nearMatches(key: MatchableChild): { candidate: { id: string }; reason: string }[] {
    const swapped = swapDayAndMonth(key.dateOfBirth);
    const pool = [...(this.byDob.get(key.dateOfBirth) ?? []), ...(swapped ? (this.byDob.get(swapped) ?? []) : [])];
    const byName = pool.flatMap((candidate) => {
      const reason = nearMatchReason(key, candidate);
      return reason ? [{ candidate: { id: candidate.id }, reason }] : [];
    });
    const byAlias = this.aliases
      .filter((a) => a.dateOfBirth === key.dateOfBirth && a.forenameNorm === key.forenameNorm && a.surnameNorm === key.surnameNorm)
      .filter((a) => !byName.some((m) => m.candidate.id === a.childId))
      .map((a) => ({ candidate: { id: a.childId }, reason: 'Same date of birth and a name the child is known by' }));
    return [...byName, ...byAlias];
  }
}

export class IntakeBatch {
  private index: ChildIndex;
  private createdHere = new Set<string>();
  readonly result: BatchResult = {
    children: [], incidents: [], changes: [], possibleMatches: [], tasks: [], updates: [], audit: [], outcomes: [],
  };

  constructor(
    private readonly known: Known,
    private readonly ctx: { actor: Actor; source: IntakeSource; now: Date; actorUserId: string | null },
  ) {
    this.index = new ChildIndex(known.children, known.knownNames);
  }

  decide(row: IntakeRow): void {
    const existing = this.known.incidentsByRef.get(row.input.policeReference);
    const outcome = existing ? this.update(row, existing) : this.create(row);
    this.result.outcomes.push(outcome);
  }

  private reject(row: IntakeRow, column: string, message: string): IntakeOutcome {
    return { line: row.line, status: 'rejected', incidentId: null, childId: null, errors: [{ column, message }] };
  }

  private update(row: IntakeRow, existing: IncidentRow): IntakeOutcome {
    const { actor } = this.ctx;
    if (actor.role === 'police' && existing.sourceAgencyId && existing.sourceAgencyId !== actor.agencyId) {
      return this.reject(row, 'police_reference', 'police_reference belongs to a notification sent by another force');
    }
    const { patch, changes } = incidentPatchFromNotification(existing, row.input, this.known.districtIds);
    if (changes.length === 0) return { line: row.line, status: 'unchanged', incidentId: existing.id, childId: existing.childId, errors: [] };
    if (patch.foundAt) this.known.openIncidentByChild.delete(existing.childId);
    // An incident created earlier in this batch is not in the database yet: the patch goes into its insert row.
    Object.assign(existing, patch);
    if (!this.createdHere.has(existing.id)) this.result.updates.push({ id: existing.id, patch: { ...patch, updatedAt: this.ctx.now } });
    for (const c of changes) {
      this.result.changes.push({ incidentId: existing.id, changedByUser: this.ctx.actorUserId, changedByAgency: actor.agencyId, source: this.ctx.source, field: c.field, oldValue: c.oldValue, newValue: c.newValue, reason: 'Updated by a police notification' });
    }
    this.result.audit.push({ action: 'incident.updated', childId: existing.childId, subjectType: 'incident', subjectId: existing.id, details: { source: this.ctx.source, fields: changes.map((c) => c.field) } });
    return { line: row.line, status: 'updated', incidentId: existing.id, childId: existing.childId, errors: [] };
  }

  private create(row: IntakeRow): IntakeOutcome {
    const input = row.input;
    const key: MatchableChild = { id: '', forenameNorm: normaliseName(input.forename), surnameNorm: normaliseName(input.surname), dateOfBirth: input.dateOfBirth };
    const match = this.index.find(input, key);
    const childId = match?.child.id ?? randomUUID();
    const openRef = this.known.openIncidentByChild.get(childId);
    if (!input.foundAt && openRef) {
      return this.reject(row, 'police_reference', `the child is already recorded as missing under ${openRef}; send found_at for that incident first`);
    }
    if (!match) this.createChild(input, { ...key, id: childId });
    const periods = this.known.carePeriodsByChild.get(childId) ?? [];
    const cls = classifyIncident(periods, input.lastSeenAt, input.missingFrom);
    const incident = this.newIncident(input, childId, cls);
    this.known.incidentsByRef.set(input.policeReference, incident);
    this.createdHere.add(incident.id);
    if (!input.foundAt) this.known.openIncidentByChild.set(childId, input.policeReference);
    this.result.audit.push({ action: 'incident.recorded', childId, subjectType: 'incident', subjectId: incident.id, details: { source: this.ctx.source, match: match?.basis ?? 'new', classificationBasis: cls.basis } });
    this.maybeTaskForResponsibleAuthority(incident);
    return { line: row.line, status: 'accepted', incidentId: incident.id, childId, errors: [] };
  }

  private newIncident(input: NotificationInput, childId: string, cls: ReturnType<typeof classifyIncident>): IncidentRow {
    const incident: IncidentRow = {
      id: randomUUID(), authorityCode: this.ctx.actor.authorityCode, childId, sourceAgencyId: this.ctx.actor.agencyId,
      policeReference: input.policeReference, reportedAt: input.reportedAt, notifiedAt: input.notifiedAt,
      lastSeenAt: input.lastSeenAt, foundAt: input.foundAt, riskGrade: input.riskGrade, initialRiskGrade: input.riskGrade,
      reportedMissingFrom: input.missingFrom, classification: cls.classification,
      responsibleAuthority: cls.classification === 'ola_care' ? (cls.responsibleAuthority ?? input.responsibleAuthority) : null,
      districtId: this.districtId(input.district), missingFromPostcode: input.missingFromPostcode,
      foundLocation: input.foundLocation, foundPostcode: input.foundPostcode, circumstances: input.circumstances,
      classificationOverrideReason: null, foundBy: null, harm: null, harmNotes: null, version: 1,
      createdAt: this.ctx.now, updatedAt: this.ctx.now,
    };
    this.result.incidents.push(incident);
    return incident;
  }

  private createChild(input: NotificationInput, key: MatchableChild): void {
    const near = this.index.nearMatches(key);
    const child = {
      id: key.id, authorityCode: this.ctx.actor.authorityCode, forename: input.forename, surname: input.surname,
      forenameNorm: key.forenameNorm, surnameNorm: key.surnameNorm, dateOfBirth: input.dateOfBirth, sex: input.sex,
      laChildId: input.laChildId, policePersonId: input.policePersonId, districtId: this.districtId(input.district),
      createdVia: this.ctx.source, createdAt: this.ctx.now, updatedAt: this.ctx.now,
    };
    this.result.children.push(child);
    this.index.add(child);
    for (const { candidate, reason } of near) {
      this.result.possibleMatches.push({ id: randomUUID(), authorityCode: child.authorityCode, childId: child.id, candidateChildId: candidate.id, reason });
    }
    this.result.audit.push({ action: 'child.created', childId: child.id, subjectType: 'child', subjectId: child.id, details: { source: this.ctx.source, possibleMatches: near.length } });
  }

  private districtId(name: string | null): number | null {
    return name ? (this.known.districtIds.get(name.toLowerCase()) ?? null) : null;
  }

  /** A missing child looked after by another authority: that authority must be told (domain.md step 1). */
  private maybeTaskForResponsibleAuthority(incident: IncidentRow): void {
    if (incident.classification !== 'ola_care') return;
    // A backlog import of incidents that ended more than a week ago is history, not a task to act on.
    const weekAgo = this.ctx.now.getTime() - 7 * 24 * 3600 * 1000;
    if (incident.foundAt && incident.foundAt.getTime() < weekAgo) return;
    this.result.tasks.push({
      id: randomUUID(), authorityCode: incident.authorityCode, kind: 'notify_responsible_authority', childId: incident.childId,
      incidentId: incident.id, description: `Tell ${incident.responsibleAuthority ?? 'the responsible authority'} that their looked-after child was reported missing (${incident.policeReference})`,
    });
  }
}
