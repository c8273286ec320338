/** Finding, adding, viewing and changing locations of concern. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { LOCATION_FIELDS, locationFormValues, type LocationInput } from '../../modules/exploitation/location-forms.ts';
import {
  createLocation, listLocations, locationFilter, locationForEdit, newLocationForm, RecordChanged, updateLocation,
} from '../../modules/exploitation/locations.service.ts';
import { formLocals, postedText, postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { KIND_ITEMS, locationRows, unsavedRows } from './present.ts';
import { renderLocationPage } from './record-page.ts';

type Params = { Params: { id: string }; Querystring: { change?: string } };
type ListQuery = { Querystring: { q?: string; kind?: string; district?: string } };

interface FormPage {
  mode: 'new' | 'edit';
  districts: { id: number; name: string }[];
  values: LocationInput;
  location?: { id: string; name: string; version: number };
}

function renderForm(reply: FastifyReply, form: FormPage, problems: FieldProblem[] = []): FastifyReply {
  return reply.view('locations/location-form.njk', {
    title: form.mode === 'new' ? 'Add a location' : `Change the details of ${form.location?.name ?? 'a location'}`,
    ...form, kindItems: KIND_ITEMS, ...formLocals(reply, problems),
  });
}

export function registerLocationPages(app: FastifyInstance, deps: RouteDeps): void {
  const { db } = deps;
  app.get<ListQuery>(urls.locations, async (request, reply) => {
    const actor = requireActor(request);
    // A parameter sent twice arrives as a list: only a single value is a search.
    const one = (v: unknown): string => (typeof v === 'string' ? v : '');
    const query = { q: one(request.query.q), kind: one(request.query.kind), district: one(request.query.district) };
    const result = await listLocations(db, actor, locationFilter(query));
    return reply.view('locations/list.njk', { title: 'Locations', query, result, kindItems: KIND_ITEMS, canEdit: can(actor, 'location:edit') });
  });

  app.get(urls.newLocation, async (request, reply) => {
    const { districts } = await newLocationForm(db, requireActor(request));
    return renderForm(reply, { mode: 'new', districts, values: { name: '', address: '', postcode: '', districtId: '', kind: '', notes: '' } });
  });

  app.post(urls.newLocation, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, LOCATION_FIELDS);
    try {
      const id = await createLocation(db, actor, values, deps.now());
      request.session.flash = { title: 'Success', text: 'Location added.' };
      return reply.redirect(urls.location(id));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const { districts } = await newLocationForm(db, actor);
      return renderForm(reply.code(400), { mode: 'new', districts, values }, error.problems);
    }
  });

  app.get<Params>(urls.location(':id'), async (request, reply) => {
    const actor = requireActor(request);
    if (request.query.change !== 'details') return renderLocationPage(reply, db, actor, request.params.id);
    const { location, districts } = await locationForEdit(db, actor, request.params.id);
    return renderForm(reply, { mode: 'edit', districts, values: locationFormValues(location), location });
  });

  app.post<Params>(urls.location(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const values = postedText(request, [...LOCATION_FIELDS, 'version'] as const);
    const id = request.params.id;
    try {
      await updateLocation(db, actor, id, { version: postedVersion(values.version), form: values });
      request.session.flash = { title: 'Success', text: 'Location details saved.' };
      return reply.redirect(urls.location(id));
    } catch (error) {
      if (!(error instanceof ValidationFailed) && !(error instanceof RecordChanged)) throw error;
      const { location, districts } = await locationForEdit(db, actor, id);
      if (error instanceof RecordChanged) {
        return reply.code(409).view('locations/stale.njk', {
          title: 'This location was changed by someone else', kind: 'location', record: location, editUrl: `${urls.location(location.id)}?change=details`,
          current: locationRows(location), unsaved: unsavedRows('location', values, districts), csrfToken: reply.generateCsrf(),
        });
      }
      return renderForm(reply.code(400), { mode: 'edit', districts, values, location: { ...location, version: postedVersion(values.version) } }, error.problems);
    }
  });
}
