/** The incident's details as summary-list rows (GOV.UK summary list), values escaped here. */
import { HARM_LABELS, type HarmLevel } from '../../modules/missing/incident-fields.ts';
import type { IncidentPage } from '../../modules/missing/incident.service.ts';
import { formatUkDate, formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { durationSince } from '../format.ts';
import { urls } from '../urls.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

type Row = { key: { text: string }; value: { html: string } };

const row = (key: string, ...lines: (string | null)[]): Row => ({
  key: { text: key },
  value: { html: lines.filter((l): l is string => l !== null && l !== '').map(escapeHtml).join('<br>') || 'Not recorded' },
});

function foundRows(page: IncidentPage): Row[] {
  const i = page.incident;
  if (!i.foundAt) return [];
  const harm = i.harm && i.harm in HARM_LABELS ? HARM_LABELS[i.harm as HarmLevel] : null;
  return [
    row('Found by', i.foundBy),
    row('Where found', i.foundLocation),
    row('Postcode where found', i.foundPostcode),
    row('Harm during the incident', harm, i.harmNotes),
  ];
}

export function incidentRows(page: IncidentPage, now: Date): Row[] {
  const i = page.incident;
  const child = page.child;
  const risk = i.riskGrade.charAt(0).toUpperCase() + i.riskGrade.slice(1);
  return [
    { key: { text: 'Child' }, value: { html: `<a class="govuk-link" href="${urls.child(child.id)}">${escapeHtml(`${child.forename} ${child.surname}`)}</a>, born ${escapeHtml(formatUkDate(child.dateOfBirth))}` } },
    row('Police reference', i.policeReference),
    row('Last seen', formatUkDateTime(i.lastSeenAt)),
    row('Reported to the police', formatUkDateTime(i.reportedAt)),
    row('Local authority told', formatUkDateTime(i.notifiedAt), `${durationSince(i.reportedAt, i.notifiedAt)} after the report`),
    row('Found', i.foundAt ? formatUkDateTime(i.foundAt) : 'Not yet found'),
    row(i.foundAt ? 'Missing for' : 'Missing for so far', durationSince(i.lastSeenAt, i.foundAt ?? now)),
    row('Risk grade', risk, i.initialRiskGrade !== i.riskGrade ? `Graded ${i.initialRiskGrade} when first reported` : null),
    row('Police said missing from', i.reportedMissingFrom),
    row('Counted as', page.classification.label, page.classification.howDecided),
    ...(i.classification === 'ola_care' || i.responsibleAuthority ? [row('Responsible authority', i.responsibleAuthority)] : []),
    row('District', page.districtName),
    row('Postcode of home or placement', i.missingFromPostcode),
    row('Circumstances', i.circumstances),
    ...foundRows(page),
    row('Notification sent by', page.agencyName),
  ];
}
