/** Security headers with a per-request CSP nonce, and pages that are never cached. */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Pages under HTTPS in production: the header is harmless on plain HTTP development servers.
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  // Case pages hold special category data: no browser or proxy may keep a copy.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/assets/') && !request.url.startsWith('/moj/')) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
  });
}
