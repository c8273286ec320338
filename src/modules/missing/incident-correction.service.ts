/** Corrections to an incident with a reason, and a person's override of its classification. */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.ts';
import { tasks } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { DomainRuleBroken, ValidationFailed, type FieldProblem } from '../errors.ts';
import { isCareStatus } from './classification.ts';
import { checkCorrection } from './incident-correction.ts';
import { storedValue } from './incident-fields.ts';
import { cleanText } from './incident-rules.ts';
import * as repo from './incident.repository.ts';
import { classificationLabel, editIncident } from './incident.service.ts';
import type { IncidentRow } from './intake.repository.ts';

/** Corrects one field; the reason is required and kept with the change. */
export async function correctIncident(db: Database, actor: Actor, id: string, input: { version: number; field: string; value: string; reason: string }, now: Date): Promise<IncidentRow> {
  return editIncident(db, actor, {
    id, action: 'incident:correct', version: input.version, now,
    build: async (incident, tx) => {
      const { child } = await repo.incidentContext(tx, incident.id);
      const districts = await repo.authorityDistricts(tx, actor.authorityCode);
      const checked = checkCorrection(input, { ...incident, dateOfBirth: child.dateOfBirth, districtIds: new Set(districts.map((d) => d.id)), now });
      if (!checked.ok) throw new ValidationFailed(checked.problems);
      const { field, value, reason } = checked.value;
      const current = (incident as unknown as Record<string, Date | string | number | null>)[field] ?? null;
      if (storedValue(current) === storedValue(value)) throw new ValidationFailed([{ field: 'value', message: 'The new value is the same as the one recorded: enter the corrected value' }]);
      if (field === 'foundAt' && value === null) {
        const open = await repo.otherOpenIncident(tx, incident.childId, incident.id);
        if (open) throw new DomainRuleBroken(`The child already has an open missing incident (${open.policeReference}). Record that one as found before this one can be open again.`);
      }
      return { patch: { [field]: value }, source: 'correction', reason, audit: 'incident.corrected' };
    },
  });
}

function checkClassification(input: { classification: string; responsibleAuthority: string; reason: string }) {
  const problems: FieldProblem[] = [];
  const classification = isCareStatus(input.classification) ? input.classification : null;
  if (!classification) problems.push({ field: 'classification', message: 'Select where the child was missing from' });
  const responsibleAuthority = classification === 'ola_care' ? cleanText(input.responsibleAuthority, 100) : null;
  if (classification === 'ola_care' && !responsibleAuthority) problems.push({ field: 'responsibleAuthority', message: 'Enter the authority responsible for the child' });
  const reason = cleanText(input.reason, 500);
  if (!reason) problems.push({ field: 'reason', message: 'Enter the reason for changing the classification' });
  if (!classification || !reason || problems.length) throw new ValidationFailed(problems);
  return { classification, responsibleAuthority, reason };
}

/** The responsible authority must be told when their child goes missing (domain.md step 1). */
async function taskForResponsibleAuthority(tx: Tx, incident: IncidentRow, responsibleAuthority: string, now: Date): Promise<void> {
  // An incident that ended more than a week ago is history, as at intake.
  if (incident.foundAt && incident.foundAt.getTime() < now.getTime() - 7 * 24 * 3600 * 1000) return;
  await tx.insert(tasks).values({
    id: randomUUID(), authorityCode: incident.authorityCode, kind: 'notify_responsible_authority', childId: incident.childId, incidentId: incident.id,
    description: `Tell ${responsibleAuthority} that their looked-after child was reported missing (${incident.policeReference})`,
  }).onConflictDoNothing();
}

/** Overrides where the child was counted as missing from; the reason is kept on the incident and in its history. */
export async function overrideClassification(db: Database, actor: Actor, id: string, input: { version: number; classification: string; responsibleAuthority: string; reason: string }, now: Date): Promise<IncidentRow> {
  assertCan(actor, 'incident:classify');
  const checked = checkClassification(input);
  return editIncident(db, actor, {
    id, action: 'incident:classify', version: input.version, now,
    build: async (incident, tx) => {
      if (incident.classification === checked.classification && incident.responsibleAuthority === checked.responsibleAuthority) {
        throw new ValidationFailed([{ field: 'classification', message: `The incident is already classified as “${classificationLabel(checked.classification)}”` }]);
      }
      if (checked.responsibleAuthority) await taskForResponsibleAuthority(tx, incident, checked.responsibleAuthority, now);
      return {
        patch: { classification: checked.classification, responsibleAuthority: checked.responsibleAuthority, classificationOverrideReason: checked.reason },
        source: 'classification', reason: checked.reason, audit: 'incident.classified',
      };
    },
  });
}
