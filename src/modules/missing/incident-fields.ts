/**
 * How incident fields and their recorded changes read to a person: labels, and values as stored in
 * incident_changes (ISO timestamps, district ids, codes) turned into UK dates, names and plain words.
 */
import { CLASSIFICATION_LABELS, isCareStatus } from './classification.ts';
import { formatUkDateTime } from './uk-time.ts';

export const FIELD_LABELS: Record<string, string> = {
  reportedAt: 'Reported to the police',
  notifiedAt: 'Local authority told',
  lastSeenAt: 'Last seen',
  foundAt: 'Found',
  riskGrade: 'Risk grade',
  reportedMissingFrom: 'Police said missing from',
  classification: 'Missing from (classification)',
  responsibleAuthority: 'Responsible authority',
  districtId: 'District',
  missingFromPostcode: 'Postcode of home or placement',
  foundLocation: 'Where found',
  foundPostcode: 'Postcode where found',
  foundBy: 'Found by',
  harm: 'Harm during the incident',
  harmNotes: 'Notes about harm',
  circumstances: 'Circumstances',
};

export const HARM_LEVELS = ['none', 'suspected', 'confirmed'] as const;
export type HarmLevel = (typeof HARM_LEVELS)[number];

export const HARM_LABELS: Record<HarmLevel, string> = {
  none: 'No harm known',
  suspected: 'Harm suspected',
  confirmed: 'Harm confirmed',
};

/** Who found or returned the child: neutral words that never suggest blame. */
export const FOUND_BY_OPTIONS = [
  'Police',
  'Parent or family member',
  'Carer or placement staff',
  'Another professional',
  'Returned without help',
] as const;

const TIMESTAMP_FIELDS = new Set(['reportedAt', 'notifiedAt', 'lastSeenAt', 'foundAt']);

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A stored change value as a person reads it; `districtNames` maps district ids to names. */
export function displayValue(field: string, value: string | null, districtNames: Map<number, string>): string {
  if (value === null || value === '') return '(blank)';
  if (TIMESTAMP_FIELDS.has(field)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : formatUkDateTime(d);
  }
  if (field === 'districtId') return districtNames.get(Number(value)) ?? `District ${value}`;
  if (field === 'classification' && isCareStatus(value)) return CLASSIFICATION_LABELS[value];
  if (field === 'harm' && value in HARM_LABELS) return HARM_LABELS[value as HarmLevel];
  if (field === 'riskGrade') return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}

/** The form a value takes in incident_changes, the same as intake writes it. */
export function storedValue(value: Date | string | number | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}
