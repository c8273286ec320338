/** What a repeated notification changes on an incident it already created (same police reference). */
import { careStatusFromPoliceReport } from './classification.ts';
import type { IncidentRow, NewIncident } from './intake.repository.ts';
import type { NotificationInput } from './notification.ts';

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

type Comparable = Date | string | number | null;

function show(value: Comparable): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

export function incidentPatchFromNotification(
  existing: IncidentRow,
  input: NotificationInput,
  districtIds: Map<string, number>,
): { patch: Partial<NewIncident>; changes: FieldChange[] } {
  const next: Record<string, Comparable> = {
    reportedAt: input.reportedAt,
    notifiedAt: input.notifiedAt,
    lastSeenAt: input.lastSeenAt,
    foundAt: input.foundAt,
    riskGrade: input.riskGrade,
    reportedMissingFrom: input.missingFrom,
    responsibleAuthority: input.responsibleAuthority,
    districtId: input.district ? (districtIds.get(input.district.toLowerCase()) ?? null) : null,
    missingFromPostcode: input.missingFromPostcode,
    foundLocation: input.foundLocation,
    foundPostcode: input.foundPostcode,
    circumstances: input.circumstances,
  };
  // A notification never blanks what the authority already holds: only values it sends count as changes.
  // So a replayed first notification (no found_at) cannot reopen an incident someone has marked found;
  // reopening is a correction a person makes, with a reason.
  const patch: Record<string, Comparable> = {};
  const changes: FieldChange[] = [];
  const current = existing as unknown as Record<string, Comparable>;
  for (const [field, value] of Object.entries(next)) {
    if (value === null) continue;
    const before = current[field] ?? null;
    if (show(before) === show(value)) continue;
    patch[field] = value;
    changes.push({ field, oldValue: show(before), newValue: show(value) });
  }
  // The police's "missing from" re-classifies only an incident not already classified by a person's override.
  if ('reportedMissingFrom' in patch && !existing.classificationOverrideReason) {
    patch.classification = careStatusFromPoliceReport(input.missingFrom);
  }
  return { patch: patch as Partial<NewIncident>, changes };
}
