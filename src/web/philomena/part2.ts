/** Part 2 of the Philomena Protocol for one incident: its page, saving it, and the stale-save page. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { LAST_SEEN_LABEL, PART2_QUESTIONS } from '../../modules/philomena/part2-form.ts';
import { Part2Changed, savePart2, viewPart2, type Part2Page } from '../../modules/philomena/part2.service.ts';
import { formLocals, postedText, postedVersion } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { childName, staleLocals, summaryRows, type Values } from './present.ts';

type Params = { Params: { id: string } };
const INPUT_FIELDS = ['version', 'clothing', 'lastSeenPlace', 'lastSeenAt', 'otherInformation'] as const;
const LABELS: Record<string, string> = {
  clothing: PART2_QUESTIONS[0].label, lastSeenPlace: PART2_QUESTIONS[1].label, lastSeenAt: LAST_SEEN_LABEL, otherInformation: PART2_QUESTIONS[2].label,
};

function storedValues(page: Part2Page): Values {
  const a = page.answers;
  return {
    version: String(page.version), clothing: a.clothing ?? '', lastSeenPlace: a.lastSeenPlace ?? '',
    lastSeenAt: formatUkDateTime(a.lastSeenAt), otherInformation: a.otherInformation ?? '',
  };
}

function renderPart2(reply: FastifyReply, page: Part2Page, values: Values = storedValues(page), problems: FieldProblem[] = []): FastifyReply {
  if (!page.lookedAfter) return reply.view('philomena/not-looked-after.njk', { title: 'The Philomena Protocol is for children looked after', child: page.child, canRecordCareStatus: false });
  const stored = storedValues(page);
  return reply.view('philomena/part2.njk', {
    title: `Part 2, incident ${page.incident.policeReference}: ${childName(page.child)}`, page, values, questions: PART2_QUESTIONS,
    lastSeenLabel: LAST_SEEN_LABEL, policeLastSeen: formatUkDateTime(page.incident.lastSeenAt),
    rows: summaryRows(Object.entries(LABELS).map(([f, label]) => ({ label, value: stored[f] || 'Not known' }))),
    ...formLocals(reply, problems),
  });
}

export function registerPart2Routes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incidentPhilomena(':id'), async (request, reply) => {
    return renderPart2(reply, await viewPart2(db, requireActor(request), request.params.id, now()));
  });

  app.post<Params>(urls.incidentPhilomena(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const id = request.params.id;
    const values = postedText(request, INPUT_FIELDS);
    try {
      await savePart2(db, actor, id, { version: postedVersion(values.version), form: values }, now());
    } catch (error) {
      if (!(error instanceof Part2Changed) && !(error instanceof ValidationFailed)) throw error;
      const page = await viewPart2(db, actor, id, now());
      if (error instanceof ValidationFailed) return renderPart2(reply.code(400), page, values, error.problems);
      return reply.code(409).view('philomena/stale.njk', {
        title: 'Part 2 was changed by someone else', heading: 'Part 2 was changed by someone else while you were editing',
        what: `Part 2 for incident ${page.incident.policeReference} now`, backHref: urls.incidentPhilomena(page.incident.id), backText: 'Go to Part 2',
        ...staleLocals(LABELS, storedValues(page), values),
      });
    }
    request.session.flash = { title: 'Success', text: 'Part 2 is saved.' };
    return reply.redirect(urls.incidentPhilomena(id));
  });
}
