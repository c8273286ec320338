/**
 * The page of a location or a person: details, linked records (named only where the viewer has a need to know),
 * disruption history, and the forms that add links and disruption. A form sent with problems comes back on this
 * page with its values and its errors, each linking to its field.
 */
import type { FastifyReply } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../modules/access/actor.ts';
import type { FieldProblem } from '../../modules/errors.ts';
import { disruptionKindLabel, type DisruptionInput } from '../../modules/exploitation/disruptions-form.ts';
import type { RecordLinks } from '../../modules/exploitation/links-page.ts';
import type { ChildCandidate } from '../../modules/exploitation/links-targets.ts';
import type { LinkInput } from '../../modules/exploitation/links.service.ts';
import { viewLocation } from '../../modules/exploitation/locations.service.ts';
import { viewPerson } from '../../modules/exploitation/persons.service.ts';
import { formatUkDate } from '../../modules/missing/uk-time.ts';
import { formLocals } from '../incidents/form.ts';
import { concernTypes, DISRUPTION_ITEMS, kindLabel, linkDescription, locationRows, otherChildren, personRows, prefixed } from './present.ts';

export interface RecordForms {
  link?: { values: LinkInput; problems: FieldProblem[]; candidates?: ChildCandidate[]; more?: boolean };
  disruption?: { values: DisruptionInput; problems: FieldProblem[] };
}

function linkedView(links: RecordLinks, kind: 'location' | 'person') {
  const meta = (l: { note: string | null; createdByName: string | null; createdAt: Date }) => ({ note: l.note, by: l.createdByName ?? 'Homeward', at: l.createdAt });
  return {
    children: links.children.map((c) => ({
      id: c.id, name: `${c.forename} ${c.surname}`, laChildId: c.laChildId,
      rows: c.links.map((l) => ({ description: linkDescription(l, kind), ...meta(l) })),
    })),
    hiddenText: links.hiddenChildren > 0 ? otherChildren(links.hiddenChildren) : null,
    persons: links.persons.flatMap((l) => (l.person ? [{ id: l.person.id, name: l.person.name, ...meta(l) }] : [])),
    interviewItems: links.choices.interviews.map((i) => ({
      value: i.id, text: `${i.forename} ${i.surname}: return interview after incident ${i.reference}, returned ${formatUkDate(i.returnedOn)}`,
    })),
    concernItems: links.choices.concerns.map((c) => ({
      value: c.id, text: `${c.forename} ${c.surname}: concern identified ${formatUkDate(c.identifiedOn)} (${concernTypes(c.types)})`,
    })),
  };
}

function formProblems(forms: RecordForms): FieldProblem[] {
  const link = forms.link ? prefixed(forms.link.problems, `link-${forms.link.values.target || 'child'}`) : [];
  const disruption = forms.disruption ? prefixed(forms.disruption.problems, 'disruption') : [];
  return [...link, ...disruption];
}

function shared(reply: FastifyReply, forms: RecordForms) {
  return {
    linkValues: forms.link?.values ?? null,
    candidates: forms.link?.candidates ?? null,
    moreCandidates: forms.link?.more ?? false,
    disruptionValues: forms.disruption?.values ?? { kind: '', description: '', occurredOn: '', agencyId: '' },
    disruptionItems: DISRUPTION_ITEMS,
    ...formLocals(reply, formProblems(forms)),
  };
}

const disruptionView = (list: { kind: string; occurredOn: string; description: string; agencyName: string | null; recordedByName: string | null }[]) =>
  list.map((d) => ({ ...d, kindLabel: disruptionKindLabel(d.kind) }));

export async function renderLocationPage(reply: FastifyReply, db: Database, actor: Actor, id: string, forms: RecordForms = {}): Promise<FastifyReply> {
  const page = await viewLocation(db, actor, id);
  return reply.view('locations/record.njk', {
    title: page.location.name, kind: 'location', record: { id: page.location.id, name: page.location.name, createdAt: page.location.createdAt, createdByName: page.location.createdByName },
    rows: locationRows(page.location), linked: linkedView(page.links, 'location'), disruptions: disruptionView(page.disruptions),
    personItems: page.persons.map((p) => ({ value: p.id, text: p.aliases ? `${p.name} (also known as ${p.aliases})` : p.name })),
    agencyItems: page.agencies.map((a) => ({ value: a.id, text: a.name })), can: page.can, ...shared(reply, forms),
  });
}

export async function renderPersonPage(reply: FastifyReply, db: Database, actor: Actor, id: string, forms: RecordForms = {}): Promise<FastifyReply> {
  const page = await viewPerson(db, actor, id);
  return reply.view('locations/record.njk', {
    title: page.person.name, kind: 'person', record: { id: page.person.id, name: page.person.name, createdAt: page.person.createdAt, createdByName: page.person.createdByName },
    rows: personRows(page.person), linked: linkedView(page.links, 'person'), disruptions: disruptionView(page.disruptions),
    locations: page.locations.map((l) => ({ ...l, kindLabel: kindLabel(l.kind) })), personItems: [],
    agencyItems: page.agencies.map((a) => ({ value: a.id, text: a.name })), can: page.can, ...shared(reply, forms),
  });
}
