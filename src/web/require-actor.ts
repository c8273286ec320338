import type { FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/actor.ts';
import { Forbidden } from '../modules/errors.ts';

/** The signed-in actor; the auth hook has already redirected anyone else, so this is a guard, not a flow. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new Forbidden('Sign in to continue');
  return request.actor;
}
