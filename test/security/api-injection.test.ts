/**
 * SQL injection and cross-site scripting attempts on every operation of the API, read from its own OpenAPI
 * description: every parameter and every JSON body property (each payload in turn, everything else valid; then a
 * list and an object where one value belongs), a payload as a property name, as the whole body, and in the key
 * and correlation headers. The API must refuse with a 4xx or accept the payload as a plain value; never a server
 * error, the database's error text or a slept query; a payload it accepts is shown escaped on the incident's
 * page; the tables keep their rows.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { policeAgencyId } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { Client, type Answer } from './client.ts';
import { FIXED_NOW } from './fixtures.ts';
import { lostTables, tableCounts } from './harness.ts';
import { baseBody, operationsOf, propertyPaths, withValue, type Operation } from './openapi-walk.ts';
import { problemsOf, sendTimed, SQL_PAYLOADS, XSS_PAYLOADS } from './payloads.ts';

const ALL = [...SQL_PAYLOADS, ...XSS_PAYLOADS];

describeEachDatabase('injection: every API operation, parameter and body property', (use, backend) => {
  let app: FastifyInstance;
  let api: Client;
  let apiKey = '';
  let officer: Client;
  let operations: Operation[];
  let before: Map<string, number>;
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  let attempts = 0;
  let accepted = 0;

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW);
    const { key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Control room system' });
    apiKey = key;
    api = new Client(app, { authorization: `Bearer ${key}` });
    officer = new Client(app);
    officer.adopt((await new Agent(app).signIn('missing_officer')).cookieHeader());
    operations = operationsOf(JSON.parse((await api.get('/api/openapi.json')).body));
    before = await tableCounts(use());
  }, 120_000);
  afterAll(() => app.close());

  /** A refusal is fine; an acceptance must be JSON, and the incident it made must show the payload escaped. */
  async function judge(send: () => Promise<Answer>, payload: string, label: string): Promise<void> {
    const answer = await sendTimed(send);
    attempts += 1;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const tag = (p: string) => `${p} [${label}, payload ${JSON.stringify(payload)}]`;
    problems.push(...problemsOf(answer).map(tag));
    if (answer.status >= 200 && answer.status < 300 && answer.url.startsWith('/api/v1/')) {
      if (!answer.contentType.includes('json')) problems.push(tag(`${answer.url} answered ${answer.contentType}, not JSON`));
      const incidentId = (JSON.parse(answer.body) as { incidentId?: string }).incidentId;
      if (incidentId) {
        accepted += 1;
        problems.push(...problemsOf(await sendTimed(() => officer.get(`/incidents/${incidentId}`))).map(tag));
      }
    }
  }

  function urlOf(op: Operation, values: Record<string, string>): string {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
    const query = op.parameters.filter((p) => p.in === 'query' && values[p.name] !== undefined).map((p) => [p.name, values[p.name] ?? '']);
    return query.length ? `${path}?${new URLSearchParams(query).toString()}` : path;
  }

  const validParameters = (op: Operation) => Object.fromEntries(op.parameters.filter((p) => p.required || p.in === 'path').map((p) => [p.name, String(p.schema?.enum?.[0] ?? p.schema?.examples?.[0] ?? p.schema?.default ?? '')]));

  function send(op: Operation, values: Record<string, string>, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const client = Object.keys(headers).length ? new Client(app, headers) : api;
    return client.request(op.method === 'GET' ? 'GET' : 'POST', urlOf(op, values), body === undefined ? undefined : { json: body });
  }

  it('describes operations with parameters and a JSON body to attack', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['POST /api/v1/missing-notifications', 'GET /api/v1/reports/{id}']));
    expect(operations.flatMap((o) => (o.body ? propertyPaths(o.body) : [])).length).toBeGreaterThan(10);
  });

  it('answers every payload in every parameter with a refusal or a plain value', async () => {
    for (const op of operations) {
      const body = op.body ? baseBody(op.body) : undefined;
      for (const p of op.parameters.filter((x) => x.in === 'path' || x.in === 'query')) {
        for (const payload of ALL) await judge(() => send(op, { ...validParameters(op), [p.name]: payload }, body), payload, `${op.method} ${op.path} ${p.in} ${p.name}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('answers every payload in every body property, as a property name and as the body, with a refusal or a plain value', async () => {
    for (const op of operations.filter((o) => o.body)) {
      const schema = op.body ?? {};
      for (const path of propertyPaths(schema)) {
        for (const payload of ALL) await judge(() => send(op, validParameters(op), withValue(baseBody(schema), schema, path, payload)), payload, `${op.method} ${op.path} body ${path.join('.')}`);
        // A list or an object where the schema wants one value: a crafted request can always send one.
        for (const odd of [[XSS_PAYLOADS[0], SQL_PAYLOADS[0]], { value: XSS_PAYLOADS[0] }]) {
          await judge(() => send(op, validParameters(op), withValue(baseBody(schema), schema, path, odd)), JSON.stringify(odd), `${op.method} ${op.path} body ${path.join('.')} (wrong type)`);
        }
      }
      for (const payload of ALL) {
        await judge(() => send(op, validParameters(op), { ...baseBody(schema), [payload]: payload }), payload, `${op.method} ${op.path} body property name`);
        await judge(() => send(op, validParameters(op), payload), payload, `${op.method} ${op.path} body as a string`);
      }
    }
    console.log(`[security ${backend}] API: ${operations.length} operations, ${attempts} attempts so far, ${accepted} accepted and checked on the incident page; statuses ${JSON.stringify(statuses)}`);
    expect(problems).toEqual([]);
  }, 300_000);

  it('answers payloads in the key and correlation headers without a server error or a leak', async () => {
    for (const op of operations) {
      const body = op.body ? baseBody(op.body) : undefined;
      for (const payload of ALL) {
        await judge(() => send(op, validParameters(op), body, { authorization: `Bearer ${payload}` }), payload, `${op.method} ${op.path} Authorization header`);
        await judge(() => send(op, validParameters(op), body, { 'x-api-key': payload }), payload, `${op.method} ${op.path} X-Api-Key header`);
        await judge(() => send(op, validParameters(op), body, { authorization: `Bearer ${apiKey}`, 'x-correlation-id': payload }), payload, `${op.method} ${op.path} X-Correlation-Id header`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('keeps every table and its rows', async () => {
    expect(lostTables(before, await tableCounts(use()))).toEqual([]);
    console.log(`[security ${backend}] API: ${attempts} attempts in all; statuses ${JSON.stringify(statuses)}`);
  });
});
