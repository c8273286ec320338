/**
 * One place where errors become responses: GOV.UK error pages for people, application/problem+json for the
 * API. Nobody ever sees a stack trace; unexpected errors are logged with the request id only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { can } from '../modules/access/policy.ts';
import { Conflict, DomainRuleBroken, Forbidden, NotFound, ValidationFailed } from '../modules/errors.ts';
import { NeedToKnowRequired } from '../modules/exploitation/need-to-know.ts';

export class ApiUnauthorised extends Error {
  constructor() {
    super('A valid API key is needed: send it as "Authorization: Bearer <key>"');
    this.name = 'ApiUnauthorised';
  }
}

interface Mapped {
  status: number;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

function mapError(error: unknown): Mapped {
  if (error instanceof NotFound) return { status: 404, title: 'Page not found', detail: error.message };
  if (error instanceof Forbidden) return { status: 403, title: 'You do not have permission to see this', detail: error.message };
  if (error instanceof Conflict) return { status: 409, title: 'This could not be saved', detail: error.message };
  if (error instanceof DomainRuleBroken) return { status: 422, title: 'This could not be saved', detail: error.message };
  if (error instanceof ValidationFailed) return { status: 400, title: 'There is a problem', detail: error.message, errors: error.problems };
  if (error instanceof ApiUnauthorised) return { status: 401, title: 'Unauthorised', detail: error.message };
  // A form or query the route's schema cannot read (a field sent twice, a value far too long): the request's fault.
  if (error instanceof ZodError) {
    return { status: 400, title: 'There is a problem with the request', detail: 'Some of what was sent could not be read: a field was repeated or too long. Go back, check the form and try again.' };
  }
  const fe = error as Partial<FastifyError>;
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, title: 'Your form could not be sent', detail: 'The form had expired or was not sent from Homeward. Go back, reload the page and try again.' };
  }
  if (fe.statusCode === 429) return { status: 429, title: 'Too many requests', detail: 'Too many requests were made. Wait a minute and try again.' };
  if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') return { status: 413, title: 'The file is too large', detail: 'The file is larger than Homeward accepts.' };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, title: 'There is a problem with the request', detail: fe.message ?? 'Bad request' };
  return { status: 500, title: 'Sorry, there is a problem with the service', detail: 'Try again later. If it keeps happening, tell your administrator and quote the reference below.' };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, m: Mapped): FastifyReply {
  return reply
    .code(m.status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: m.title, status: m.status, detail: m.detail, instance: request.url, correlationId: request.id, ...(m.errors ? { errors: m.errors } : {}) });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    const m = mapError(error);
    if (m.status >= 500) request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    if (request.url.startsWith('/api/')) return sendProblem(request, reply, m);
    // Without a need to know, someone who may break the glass is offered it (with a reason, reviewed).
    const breakGlassHref = error instanceof NeedToKnowRequired && request.actor && can(request.actor, 'break-glass:use')
      ? `/children/${error.childId}/break-glass` : null;
    return reply.code(m.status).view('views/error.njk', { title: m.title, detail: m.detail, reference: request.id, breakGlassHref });
  });
  app.setNotFoundHandler(async (request, reply) => {
    const m = { status: 404, title: 'Page not found', detail: 'If you typed the web address, check it is correct.' };
    if (request.url.startsWith('/api/')) return sendProblem(request, reply, m);
    return reply.code(404).view('views/error.njk', { title: m.title, detail: m.detail, reference: request.id });
  });
}
