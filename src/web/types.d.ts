import type { Actor } from '../modules/access/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user or API client; null on public pages. */
    actor: Actor | null;
  }
  interface FastifyReply {
    /** Values every template sees (set by web/plugins/locals.ts). */
    locals: Record<string, unknown>;
  }
  interface Session {
    userId?: string;
    /** Where to go after signing in. */
    returnTo?: string;
    /** One-time message for the next page (GOV.UK notification banner). */
    flash?: { title: string; html?: string; text?: string };
  }
}
