/** Part 1 of the Philomena Protocol: the profile page, saving it, and the stale-save page. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../modules/access/actor.ts';
import { can } from '../../modules/access/policy.ts';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { answersAsInput, PROFILE_FIELDS } from '../../modules/philomena/profile-form.ts';
import { ProfileChanged, saveProfile, viewProfile, type ProfileView } from '../../modules/philomena/profile.service.ts';
import { postedText, postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { childName, profileLocals, PROFILE_LABELS, staleLocals, type Values } from './present.ts';

type Params = { Params: { id: string } };
const INPUT_FIELDS = ['version', ...PROFILE_FIELDS, 'reviewedOn', 'reviewedBy'] as const;

/** The page for whatever the profile turned out to be: the profile, the explanation, or the record it joined. */
export function renderProfileView(reply: FastifyReply, actor: Actor, view: ProfileView, form: { values?: Values; photoValues?: Values; problems?: FieldProblem[] } = {}): FastifyReply {
  if (view.kind === 'merged') return reply.redirect(urls.childPhilomena(view.mergedInto));
  if (view.kind === 'not-looked-after') {
    return reply.view('philomena/not-looked-after.njk', { title: 'The Philomena Protocol is for children looked after', child: view.child, canRecordCareStatus: can(actor, 'care-status:record') });
  }
  return reply.view('philomena/profile.njk', profileLocals(reply, view, form));
}

export function registerProfileRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.childPhilomena(':id'), async (request, reply) => {
    const actor = requireActor(request);
    return renderProfileView(reply, actor, await viewProfile(db, actor, request.params.id, now()));
  });

  app.post<Params>(urls.childPhilomena(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const id = request.params.id;
    const values = postedText(request, INPUT_FIELDS);
    let changed: string[];
    try {
      ({ changed } = await saveProfile(db, actor, id, { version: postedVersion(values.version), form: values }, now()));
    } catch (error) {
      if (!(error instanceof ProfileChanged) && !(error instanceof ValidationFailed)) throw error;
      const view = await viewProfile(db, actor, id, now());
      if (error instanceof ValidationFailed) return renderProfileView(reply.code(400), actor, view, { values, problems: error.problems });
      if (view.kind !== 'profile') return renderProfileView(reply, actor, view);
      return reply.code(409).view('philomena/stale.njk', {
        title: 'This profile was changed by someone else', heading: 'This profile was changed by someone else while you were editing',
        what: `The Philomena profile of ${childName(view.child)} now`, backHref: urls.childPhilomena(view.child.id), backText: 'Go to the Philomena profile',
        ...staleLocals(PROFILE_LABELS, answersAsInput(view.answers), values),
      });
    }
    request.session.flash = { title: 'Success', text: changed.length ? 'The Philomena profile is saved.' : 'Nothing was changed: the profile already said that.' };
    return reply.redirect(urls.childPhilomena(id));
  });
}

