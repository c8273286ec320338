/**
 * Server-sent events: an open page hears that its authority's board or alerts changed and fetches them again.
 * Events carry a topic only, never data about a child; what the page then fetches is access-checked as usual.
 */
import type { FastifyInstance } from 'fastify';
import { can } from '../../modules/access/policy.ts';
import type { LiveTopic } from '../../modules/live/announce.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';

const HEARTBEAT_MS = 25_000;

export function registerLiveRoutes(app: FastifyInstance, { live }: RouteDeps): void {
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(urls.liveEvents, async (request, reply) => {
    const actor = requireActor(request);
    const topics = new Set<LiveTopic>([...(can(actor, 'dashboard:view') ? ['incidents' as const] : []), ...(can(actor, 'alert:view') ? ['alerts' as const] : [])]);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Tells the browser how long to wait before reconnecting, and that the stream is open.
    res.write('retry: 5000\n: connected\n\n');
    const unsubscribe = live.subscribe((event) => {
      if (event.authorityCode === actor.authorityCode && topics.has(event.topic)) res.write(`event: ${event.topic}\ndata: {}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });
}
