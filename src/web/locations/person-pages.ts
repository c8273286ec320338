/** Finding, adding, viewing and changing persons who may pose a risk. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { RecordChanged } from '../../modules/exploitation/locations.service.ts';
import { PERSON_FIELDS, personFormValues, type PersonInput } from '../../modules/exploitation/persons-form.ts';
import { createPerson, listPersons, newPersonForm, personForEdit, updatePerson } from '../../modules/exploitation/persons.service.ts';
import { formLocals, postedText, postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { personRows, unsavedRows } from './present.ts';
import { renderPersonPage } from './record-page.ts';

type Params = { Params: { id: string }; Querystring: { change?: string } };

interface FormPage {
  mode: 'new' | 'edit';
  values: PersonInput;
  person?: { id: string; name: string; version: number };
}

function renderForm(reply: FastifyReply, form: FormPage, problems: FieldProblem[] = []): FastifyReply {
  return reply.view('locations/person-form.njk', {
    title: form.mode === 'new' ? 'Add a person who may pose a risk' : `Change the details of ${form.person?.name ?? 'a person'}`,
    ...form, ...formLocals(reply, problems),
  });
}

export function registerPersonPages(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  app.get<{ Querystring: { q?: string } }>(urls.persons, async (request, reply) => {
    const actor = requireActor(request);
    const q = typeof request.query.q === 'string' ? request.query.q : '';
    const result = await listPersons(db, actor, q);
    return reply.view('locations/persons.njk', { title: 'Persons who may pose a risk', q, result, canEdit: can(actor, 'location:edit') });
  });

  app.get(urls.newPerson, async (request, reply) => {
    return renderForm(reply, { mode: 'new', values: newPersonForm(requireActor(request)) });
  });

  app.post(urls.newPerson, { preHandler: app.csrfProtection }, async (request, reply) => {
    const values = postedText(request, PERSON_FIELDS);
    try {
      const id = await createPerson(db, requireActor(request), values, deps.now());
      request.session.flash = { title: 'Success', text: 'Person added.' };
      return reply.redirect(urls.person(id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderForm(reply.code(400), { mode: 'new', values }, error.problems);
    }
  });

  app.get<Params>(urls.person(':id'), async (request, reply) => {
    const actor = requireActor(request);
    if (request.query.change !== 'details') return renderPersonPage(reply, db, actor, request.params.id);
    const person = await personForEdit(db, actor, request.params.id);
    return renderForm(reply, { mode: 'edit', values: personFormValues(person), person });
  });

  app.post<Params>(urls.person(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, [...PERSON_FIELDS, 'version'] as const);
    const id = request.params.id;
    try {
      await updatePerson(db, actor, id, { version: postedVersion(values.version), form: values }, deps.now());
      request.session.flash = { title: 'Success', text: 'Person’s details saved.' };
      return reply.redirect(urls.person(id));
    } catch (error) {
      if (!(error instanceof ValidationFailed) && !(error instanceof RecordChanged)) throw error;
      const person = await personForEdit(db, actor, id);
      if (error instanceof RecordChanged) {
        return reply.code(409).view('locations/stale.njk', {
          title: 'This person’s details were changed by someone else', kind: 'person', record: person, editUrl: `${urls.person(person.id)}?change=details`,
          current: personRows(person), unsaved: unsavedRows('person', values), csrfToken: reply.generateCsrf(),
        });
      }
      return renderForm(reply.code(400), { mode: 'edit', values, person: { ...person, version: postedVersion(values.version) } }, error.problems);
    }
  });
}
