/**
 * Working an incident: its page (audited), and every change a person makes to it — re-grading risk, marking
 * found — saved with history and an optimistic version check, so nobody's change is overwritten silently.
 */
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertNotRestricted } from '../access/restriction.ts';
import { assertCan, scopeOf, type Action } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { CLASSIFICATION_LABELS, isCareStatus } from './classification.ts';
import { actorUserId } from './intake.service.ts';
import type { IncidentRow, NewIncident } from './intake.repository.ts';
import { displayValue, fieldLabel, storedValue } from './incident-fields.ts';
import * as repo from './incident.repository.ts';
import { incidentsChanged } from './incident-events.ts';
import { checkFound, cleanText, IncidentChanged, type FoundForm } from './incident-rules.ts';
import { RISK_GRADES, type RiskGrade } from './notification.ts';
import { formatUkDateTime } from './uk-time.ts';

export { IncidentChanged };

/** The child was already recorded as found: the form must say so rather than record it twice. */
export class AlreadyFound extends Conflict {
  constructor(readonly incidentId: string, readonly foundAt: Date) {
    super(`The child was already recorded as found at ${formatUkDateTime(foundAt)}`);
    this.name = 'AlreadyFound';
  }
}

export const SOURCE_LABELS: Record<string, string> = {
  regrade: 'Risk re-grade', found: 'Found details', correction: 'Correction', classification: 'Classification change',
  api: 'Police system', csv: 'File upload', form: 'Notification form', demo: 'Demonstration data',
};

export interface HistoryEntry { at: Date; by: string | null; source: string; field: string; oldValue: string; newValue: string; reason: string | null }

async function loadPage(tx: Tx, actor: Actor, incident: IncidentRow) {
  const context = await repo.incidentContext(tx, incident.id);
  const districts = await repo.authorityDistricts(tx, actor.authorityCode);
  const names = new Map(districts.map((d) => [d.id, d.name]));
  const history: HistoryEntry[] = (await repo.incidentHistory(tx, incident.id)).map(({ change: c, userName, agencyName }) => ({
    at: c.changedAt, by: userName ?? agencyName, source: SOURCE_LABELS[c.source] ?? c.source, field: fieldLabel(c.field),
    oldValue: displayValue(c.field, c.oldValue, names), newValue: displayValue(c.field, c.newValue, names), reason: c.reason,
  }));
  const basis = await repo.recordedClassificationBasis(tx, incident);
  return { incident, ...context, districts, history, classification: { label: classificationLabel(incident.classification), howDecided: howDecided(incident, basis, history) } };
}

export type IncidentPage = Awaited<ReturnType<typeof loadPage>>;

export const classificationLabel = (c: string) => (isCareStatus(c) ? CLASSIFICATION_LABELS[c] : c);

function howDecided(incident: IncidentRow, basis: string | null, history: HistoryEntry[]): string {
  if (incident.classificationOverrideReason) {
    const last = history.find((h) => h.field === fieldLabel('classification') && h.reason === incident.classificationOverrideReason);
    const who = last ? ` by ${last.by ?? 'a user'} on ${formatUkDateTime(last.at)}` : '';
    return `Changed by hand${who}. Reason: ${incident.classificationOverrideReason}`;
  }
  if (basis === 'care_status') return 'From the care status the local authority held for the child when they were last seen.';
  return `From the police report (missing from “${incident.reportedMissingFrom}”): the local authority held no care status for the child when they were last seen.`;
}

/** An incident's page, audited as `incident.viewed`. `options.for` also checks the action a form is for. */
export async function viewIncident(db: Database, actor: Actor, id: string, options: { for?: Action } = {}): Promise<IncidentPage> {
  assertCan(actor, 'child:view');
  if (options.for) assertCan(actor, options.for);
  const incidentId = recordId(id, 'incident');
  return db.transaction(async (tx) => {
    const incident = await repo.findIncident(tx, scopeOf(actor), incidentId);
    if (!incident) throw new NotFound('There is no such incident');
    await assertNotRestricted(tx, actor, incident.childId);
    const page = await loadPage(tx, actor, incident);
    await writeAudit(tx, actor, { action: 'incident.viewed', childId: incident.childId, subjectType: 'incident', subjectId: incident.id, details: options.for ? { form: options.for } : {} });
    return page;
  });
}

export interface IncidentEdit {
  patch: Partial<NewIncident>;
  source: 'regrade' | 'found' | 'correction' | 'classification';
  reason: string | null;
  audit: string;
}

/**
 * Runs one change to an incident: scope and version checks, the edit's own rules (`build`, on the locked row),
 * history rows for each changed field and the audit row, all in one transaction. `guard` runs before the
 * version check, for states that explain themselves better than "changed by someone else".
 */
export async function editIncident(db: Database, actor: Actor, args: {
  id: string; action: Action; version: number; now: Date;
  guard?: (incident: IncidentRow) => void;
  build: (incident: IncidentRow, tx: Tx) => Promise<IncidentEdit>;
}): Promise<IncidentRow> {
  assertCan(actor, args.action);
  const incidentId = recordId(args.id, 'incident');
  return db.transaction(async (tx) => {
    const incident = await repo.findIncident(tx, scopeOf(actor), incidentId, { lock: true });
    if (!incident) throw new NotFound('There is no such incident');
    // A restricted child's incidents still come in from the police feed; by hand, only named users change them.
    await assertNotRestricted(tx, actor, incident.childId);
    args.guard?.(incident);
    if (incident.version !== args.version) throw new IncidentChanged(incident.id);
    const edit = await args.build(incident, tx);
    const current = incident as unknown as Record<string, Date | string | number | null>;
    const changes = Object.entries(edit.patch)
      .map(([field, value]) => ({ field, oldValue: storedValue(current[field] ?? null), newValue: storedValue((value ?? null) as Date | string | number | null) }))
      .filter((c) => c.oldValue !== c.newValue)
      .map((c) => ({ ...c, incidentId: incident.id, changedAt: args.now, changedByUser: actorUserId(actor), changedByAgency: actor.agencyId, source: edit.source, reason: edit.reason }));
    await repo.saveIncidentEdit(tx, { id: incident.id, expectedVersion: args.version, patch: { ...edit.patch, updatedAt: args.now }, changes });
    await writeAudit(tx, actor, { action: edit.audit, childId: incident.childId, subjectType: 'incident', subjectId: incident.id, details: { fields: changes.map((c) => c.field) } });
    const ended = !incident.foundAt && Boolean(edit.patch.foundAt);
    await incidentsChanged(tx, actor, { childIds: [incident.childId], endedIncidentIds: ended ? [incident.id] : [], now: args.now });
    return { ...incident, ...edit.patch, version: incident.version + 1 } as IncidentRow;
  });
}

/** Re-grades the risk; the grading at first notification (`initial_risk_grade`) never changes. */
export async function regradeRisk(db: Database, actor: Actor, id: string, input: { version: number; riskGrade: string; reason: string }, now: Date): Promise<IncidentRow> {
  assertCan(actor, 'incident:regrade');
  const grade = (RISK_GRADES as readonly string[]).includes(input.riskGrade) ? (input.riskGrade as RiskGrade) : null;
  if (!grade) throw new ValidationFailed([{ field: 'riskGrade', message: 'Select the new risk grade' }]);
  return editIncident(db, actor, {
    id, action: 'incident:regrade', version: input.version, now,
    build: async (incident) => {
      if (incident.riskGrade === grade) throw new ValidationFailed([{ field: 'riskGrade', message: `The risk is already graded ${grade}: select a different grade` }]);
      return { patch: { riskGrade: grade }, source: 'regrade', reason: cleanText(input.reason, 500), audit: 'incident.regraded' };
    },
  });
}

/** Records when, where and by whom the child was found, and whether they came to harm. */
export async function markFound(db: Database, actor: Actor, id: string, input: FoundForm & { version: number }, now: Date): Promise<IncidentRow> {
  return editIncident(db, actor, {
    id, action: 'incident:mark-found', version: input.version, now,
    guard: (incident) => {
      if (incident.foundAt) throw new AlreadyFound(incident.id, incident.foundAt);
    },
    build: async (incident) => {
      const checked = checkFound(input, incident.lastSeenAt, now);
      if (!checked.ok) throw new ValidationFailed(checked.problems);
      return { patch: checked.value, source: 'found', reason: null, audit: 'incident.found' };
    },
  });
}
