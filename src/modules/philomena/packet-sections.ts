/**
 * The police packet as headed sections of labelled lines (pure), so the printable page and the PDF say the
 * same things in the same order: the incident and Part 2 first, because that is what the police act on.
 */
import { capitalise } from '../missing/incident-rules.ts';
import { formatUkDate, formatUkDateTime, londonDate } from '../missing/uk-time.ts';
import type { MissingHistory } from './history.ts';
import type { PolicePacket } from './packet.service.ts';
import { LAST_SEEN_LABEL, PART2_QUESTIONS } from './part2-form.ts';
import type { PhilomenaChild } from './philomena-child.ts';
import { PROFILE_QUESTIONS, PROFILE_SECTIONS } from './profile-form.ts';

export interface PacketLine { label: string; value: string }
export interface PacketSection { id: string; title: string; lines: PacketLine[]; note?: string }

export const NOT_KNOWN = 'Not known';
const line = (label: string, value: string | null | undefined): PacketLine => ({ label, value: value?.trim() ? value : NOT_KNOWN });

function incidentSection(p: PolicePacket): PacketSection {
  const i = p.incident;
  return {
    id: 'incident', title: 'The incident',
    lines: [
      line('Police reference', i.policeReference),
      line('Risk grade', capitalise(i.riskGrade)),
      line('Reported to the police', formatUkDateTime(i.reportedAt)),
      line('Last seen (police report)', formatUkDateTime(i.lastSeenAt)),
      line('Found', i.foundAt ? formatUkDateTime(i.foundAt) : 'Not yet found'),
      line('Notification sent by', i.reportedBy),
    ],
  };
}

function part2Section(p: PolicePacket): PacketSection {
  const lines = PART2_QUESTIONS.map((q) => line(q.label, p.part2[q.name]));
  lines.splice(2, 0, line(LAST_SEEN_LABEL, formatUkDateTime(p.part2.lastSeenAt)));
  const section: PacketSection = { id: 'part-2', title: 'Part 2: when the child went missing', lines };
  return p.part2Saved ? section : { ...section, note: 'Part 2 has not been filled in for this incident yet: the time last seen is the police report’s.' };
}

function childSection(c: PhilomenaChild): PacketSection {
  const care = c.careNow
    ? [c.careNow.label, c.careNow.placement, c.careNow.responsibleAuthority ? `responsible authority: ${c.careNow.responsibleAuthority}` : null].filter(Boolean).join(', ')
    : null;
  return {
    id: 'child', title: 'The child',
    lines: [
      line('Name', `${c.forename} ${c.surname}`),
      line('Date of birth', `${formatUkDate(c.dateOfBirth)} (age ${c.age})`),
      line('Sex', c.sex ? capitalise(c.sex) : null),
      line('Care status', care),
      line('Local authority child id', c.laChildId),
      line('Police person id', c.policePersonId),
    ],
  };
}

function profileSections(p: PolicePacket): PacketSection[] {
  return PROFILE_SECTIONS.map((title) => ({
    id: title.toLowerCase().replace(/\W+/g, '-'), title,
    lines: PROFILE_QUESTIONS.filter((q) => q.section === title).map((q) => line(q.label, p.answers?.[q.name])),
  }));
}

/** The history as lines: the count, then each incident of the last 12 months. */
export function historySection(h: MissingHistory): PacketSection {
  const lines = h.lastTwelveMonths.map((e) => ({
    label: e.policeReference,
    value: `Last seen ${formatUkDateTime(e.lastSeenAt)}; ${e.foundAt ? `found ${formatUkDateTime(e.foundAt)}${e.foundLocation ? ` at ${e.foundLocation}` : ''}` : 'not yet found'}`,
  }));
  return {
    id: 'history', title: 'Missing history',
    lines: [{ label: 'Missing incidents recorded', value: String(h.count) }, ...lines],
    note: lines.length ? `Incidents since ${formatUkDate(londonDate(h.since))}, newest first.` : 'No incidents in the last 12 months.',
  };
}

/** Every section of the packet, in order. */
export function packetSections(p: PolicePacket): PacketSection[] {
  const reviewed = p.answers?.reviewedOn ? `${formatUkDate(p.answers.reviewedOn)} by ${p.answers.reviewedBy ?? ''}` : 'Not recorded';
  return [
    incidentSection(p), part2Section(p), childSection(p.child), ...profileSections(p), historySection(p.history),
    { id: 'review', title: 'Profile review', lines: [{ label: 'Last reviewed', value: reviewed }] },
  ];
}

/** The PDF's file name: the police reference, never the child's name. */
export function packetFileName(policeReference: string): string {
  const safe = policeReference.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `police-packet-${safe || 'incident'}.pdf`;
}
