/** Locations and persons as their pages show them: summary-list rows, link descriptions, labels. */
import type { FieldProblem } from '../../modules/errors.ts';
import { DISRUPTION_KIND_HINTS, DISRUPTION_KIND_LABELS, DISRUPTION_KINDS } from '../../modules/exploitation/disruptions-form.ts';
import { LOCATION_KIND_LABELS, LOCATION_LABELS, isLocationKind, type LocationField } from '../../modules/exploitation/location-forms.ts';
import type { VisibleLink } from '../../modules/exploitation/links.repository.ts';
import type { LocationRow } from '../../modules/exploitation/locations.repository.ts';
import { PERSON_LABELS, type PersonField } from '../../modules/exploitation/persons-form.ts';
import type { PersonRow } from '../../modules/exploitation/persons.repository.ts';
import { formatUkDate } from '../../modules/missing/uk-time.ts';

type Row = { key: { text: string }; value: { text: string } };
const row = (key: string, value: string | null): Row => ({ key: { text: key }, value: { text: value && value.trim() ? value : 'Not recorded' } });

export const kindLabel = (kind: string): string => (isLocationKind(kind) ? LOCATION_KIND_LABELS[kind] : kind);

export const KIND_ITEMS = Object.entries(LOCATION_KIND_LABELS).map(([value, text]) => ({ value, text }));
export const DISRUPTION_ITEMS = DISRUPTION_KINDS.map((k) => ({ value: k, text: DISRUPTION_KIND_LABELS[k], ...(DISRUPTION_KIND_HINTS[k] ? { hint: { text: DISRUPTION_KIND_HINTS[k] } } : {}) }));

export function locationRows(l: Pick<LocationRow, 'name' | 'address' | 'postcode' | 'districtName' | 'kind' | 'notes'>): Row[] {
  return [
    row('Name or place', l.name), row('Kind of place', kindLabel(l.kind)), row('Address', l.address), row('Postcode', l.postcode),
    row('District', l.districtName ?? 'Not known'), row('Notes', l.notes),
  ];
}

export function personRows(p: Pick<PersonRow, 'name' | 'aliases' | 'dateOfBirth' | 'description' | 'notes'>): Row[] {
  return [
    row('Name', p.name), row('Other names and nicknames', p.aliases), row('Date of birth', p.dateOfBirth ? formatUkDate(p.dateOfBirth) : null),
    row('Description', p.description), row('Notes', p.notes),
  ];
}

/** What a stale form asked for, as summary rows, so nothing typed is lost from sight. */
export function unsavedRows(kind: 'location' | 'person', values: Record<string, string>, districts: { id: number; name: string }[] = []): Row[] {
  const labels: Record<string, string> = kind === 'location' ? LOCATION_LABELS : PERSON_LABELS;
  return Object.entries(labels).map(([field, label]) => {
    const value = values[field as LocationField | PersonField] ?? '';
    if (field === 'kind') return row(label, value ? kindLabel(value) : null);
    if (field === 'districtId') return row(label, districts.find((d) => String(d.id) === value)?.name ?? 'Not known');
    return row(label, value);
  });
}

const CONCERN_TYPES: Record<string, string> = {
  sexual: 'sexual exploitation', criminal: 'criminal exploitation', county_lines: 'county lines', trafficking: 'trafficking',
  online: 'online harm', serious_violence: 'serious violence', radicalisation: 'radicalisation', other: 'other harm outside the home',
};

export const concernTypes = (types: string[]): string => types.map((t) => CONCERN_TYPES[t] ?? t).join(', ');

/** "Where found: incident T1/2, last seen 20/11/2026", in the words of a location or of a person. */
export function linkDescription(link: VisibleLink, kind: 'location' | 'person'): string {
  const location = kind === 'location';
  if (link.incident) return `${location ? 'Where found' : 'Found with'}: incident ${link.incident.reference}, last seen ${formatUkDate(link.incident.lastSeenOn)}`;
  if (link.rhi) return `${location ? 'Where stayed' : 'Stayed with'}: return interview after incident ${link.rhi.reference}, returned ${formatUkDate(link.rhi.returnedOn)}`;
  if (link.concern) return `Named in a concern identified ${formatUkDate(link.concern.identifiedOn)} (${concernTypes(link.concern.types)})`;
  return 'Linked to the child';
}

/** Problems of one form on a page with several: each field id carries the form's prefix, so the summary links to it. */
export function prefixed(problems: FieldProblem[], prefix: string): FieldProblem[] {
  return problems.map((p) => ({ ...p, field: `${prefix}-${p.field}` }));
}

export const otherChildren = (n: number): string => (n === 1 ? '1 other child you do not have access to' : `${n} other children you do not have access to`);
