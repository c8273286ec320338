/**
 * The injection tests must be able to fail: a small app with the faults they look for (a script put back into the
 * page unescaped, a payload in a link's address, a server error, the database's error text, a slept query, a
 * stored script shown on another page) is crawled and attacked exactly as Homeward is, and each fault is reported.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attackFields, check, newTally, type Session } from './attempts.ts';
import { Client } from './client.ts';
import { crawl, distinctForms, queryParameters } from './crawl.ts';
import { patternMatcher } from './fixtures.ts';
import { problemsOf, SQL_PAYLOADS, XSS_PAYLOADS } from './payloads.ts';

let stored = '';
const page = (body: string) => `<!DOCTYPE html><html><head><title>Faulty</title></head><body>${body}</body></html>`;

function faultyApp(): FastifyInstance {
  const app = Fastify();
  void app.register(formbody);
  app.get('/form', async (_, reply) => reply.type('text/html').send(page(`
    <a href="/search?q=owl">Search</a>
    <form method="post" action="/echo"><input type="hidden" name="_csrf" value="t0k3n">
      <input name="name" value=""><textarea name="note"></textarea><input name="code"><input name="sleepy">
      <select name="kind"><option value="">Choose</option><option value="a">A</option></select>
      <input type="radio" name="yes" value="y"><input type="radio" name="yes" value="n"><button>Save</button></form>`)));
  app.post<{ Body: Record<string, string> }>('/echo', async (request, reply) => {
    const b = request.body;
    if ((b.note ?? '').includes("'")) return reply.code(500).send('boom');
    if ((b.code ?? '').includes('1')) return reply.code(400).type('text/html').send(page(`error: syntax error at or near "${(b.code ?? '').replace(/</g, '&lt;')}"`));
    if ((b.sleepy ?? '').includes('pg_sleep')) await new Promise((r) => setTimeout(r, 2600));
    if ((b.kind ?? '').includes('<')) stored = b.kind ?? '';
    return reply.code(400).type('text/html').send(page(`<p>Hello ${b.name ?? ''}</p>`));
  });
  app.get<{ Querystring: { q?: string } }>('/search', async (request, reply) => reply.type('text/html').send(page(`<a href="${(request.query.q ?? '').replace(/"/g, '&quot;')}">again</a>`)));
  app.get('/board', async (_, reply) => reply.type('text/html').send(page(`<td>${stored}</td>`)));
  return app;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = faultyApp();
  await app.ready();
});
afterAll(() => app.close());

it('reports every kind of fault the injection tests look for', async () => {
  const client = new Client(app);
  const routes = { get: patternMatcher(['/form', '/search', '/board']), post: patternMatcher(['/echo']) };
  const session: Session = { subject: 'tester', client: () => client, resume: async () => undefined };
  const { pages, forms } = await crawl('tester', client, ['/form'], routes);
  const tally = newTally();
  // Every payload on every field, so each fault meets the payload that shows it.
  const payloads = [SQL_PAYLOADS[0], SQL_PAYLOADS[3], XSS_PAYLOADS[0]];
  for (const seen of distinctForms(forms)) await attackFields(session, seen, () => payloads, { n: 0 }, tally);
  for (const q of queryParameters(pages)) await check(session, () => client.get(`/search?${q.name}=${encodeURIComponent(XSS_PAYLOADS[2])}`), tally, XSS_PAYLOADS[2]);
  const board = problemsOf(await client.get('/board'));
  const found = [...tally.problems, ...board].join('\n');
  expect(found).toContain('POST /echo → 500: server error');
  expect(found).toContain('the page contains <script>alert("hw-xss") unescaped');
  expect(found).toContain('the answer shows database error text "syntax error at or near"');
  expect(found).toMatch(/POST \/echo → 400: took 2\d{3} ms/);
  expect(found).toContain('GET /search?q=javascript');
  expect(found).toContain('the page has <a href="javascript:alert("hw-xss")">');
  expect(board.join('\n')).toContain('GET /board → 200: the page contains <script>alert("hw-xss") unescaped');
}, 60_000);
