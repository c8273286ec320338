/**
 * Every route of the web app and the API, for every role, someone not signed in and a police API key, against the
 * table in access-matrix.ts. Routes are listed as Fastify registers them, so a new route missing from the table
 * fails here. Requests carry real ids (a looked-after child missing now, a return interview, a meeting request,
 * an alert, a task) and valid CSRF tokens, with empty forms: an allowed role gets in and is told what is missing.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { alerts, childAllocations, panelMonitoring, tasks } from '../../src/db/schema.ts';
import { ensurePanels } from '../../src/modules/exploitation/panels-setup.ts';
import { ROLES } from '../../src/modules/access/actor.ts';
import { can } from '../../src/modules/access/policy.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { meetingsOf } from '../db/repeat-missing-support.ts';
import { actorOf, policeAgencyId } from '../fixtures/records.ts';
import { Agent, buildTestApp, csrfFrom } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ACCESS_MATRIX, KNOWN_DISAGREEMENTS, STATIC_PREFIXES, SUBJECTS, type Outcome, type Subject } from './access-matrix.ts';
import { endedOn, FIXED_NOW, newChild, notify } from './children-support.ts';
import { lookedAfterChild } from './philomena-support.ts';
import { foundHoursAgo, interviewsOf } from './return-interview-support.ts';

/** What a person (or the police system) would notice: let in, refused, sent to sign in, or turned away by the API. */
function outcomeOf({ status, location, body }: Answer): Outcome | `unexpected ${number}` {
  if (status === 401) return 'unauthorised';
  if (status === 403) return body.includes('Your form could not be sent') ? 'no-form-token' : 'deny';
  if (status >= 300 && status < 400) return location === '/sign-in' || location?.startsWith('/sign-in?') ? 'sign-in' : 'allow';
  if (status < 300 || [400, 404, 406, 409, 415, 422].includes(status)) return 'allow';
  return `unexpected ${status}`;
}

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

interface Ids {
  childId: string;
  incidentId: string;
  rhiId: string;
  meetingId: string;
  alertId: string;
  taskId: string;
  revocableKeyId: string;
}

/** One of each record a route can name, recorded through the services; ids that need no record are made up. */
async function recordFixtures(db: Database): Promise<Ids> {
  // Sent by the police force, so the police user's scope includes it; high risk raises an alert.
  const main = await lookedAfterChild(db, { role: 'police', cells: { risk_grade: 'high' } });
  const ended = await notify(db, { role: 'police', cells: foundHoursAgo(2) });
  const [rhi] = await interviewsOf(db, ended.incidentId);
  const child = newChild();
  const la = `LA-${randomUUID().slice(0, 8)}`;
  let repeatChildId = '';
  for (const day of ['2026-09-01', '2026-09-15', '2026-09-29', '2026-10-13']) {
    repeatChildId = (await notify(db, { child, cells: endedOn(day, { la_child_id: la }) })).childId;
  }
  const [meeting] = await meetingsOf(db, repeatChildId);
  const [alert] = await db.read((q) => q.select().from(alerts).where(and(eq(alerts.subjectId, main.incidentId), eq(alerts.audienceRole, 'missing_officer'))));
  const [task] = await db.read((q) => q.select().from(tasks).where(eq(tasks.childId, main.childId)));
  const revocable = await createApiKey(db, null, { authorityCode: '891', agencyId: await policeAgencyId(db), name: 'Key to revoke' });
  if (!rhi || !meeting || !alert) throw new Error('the access matrix fixtures are incomplete');
  await giveEveryRoleANeedToKnow(db, main.childId);
  return {
    childId: main.childId, incidentId: main.incidentId, rhiId: rhi.id, meetingId: meeting.id, alertId: alert.id,
    taskId: task?.id ?? randomUUID(), revocableKeyId: revocable.id,
  };
}

/**
 * Exploitation records are need-to-know: the main child is allocated to the social worker and on the Frequently
 * Missing panel (the Missing Officer sits on it), so every role holding exploitation:view may open its records;
 * the police know it from their force's incident, and the lead sees every child.
 */
async function giveEveryRoleANeedToKnow(db: Database, childId: string): Promise<void> {
  const worker = await actorOf(db, 'social_worker');
  await db.transaction(async (tx) => {
    const panelIds = await ensurePanels(tx, '891');
    await tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId, userId: worker.id, allocatedAt: FIXED_NOW, allocatedBy: worker.id });
    await tx.insert(panelMonitoring).values({ id: randomUUID(), panelId: panelIds.fmh, childId, addedOn: '2026-10-01', addedReason: 'Missing four times in 90 days', addedBy: worker.id });
  });
}

/** The real address of a route: each kind of id from the fixtures; an unknown action id or link token is made up. */
function concretePath(pattern: string, ids: Ids): string {
  const byPrefix: [string, string][] = [
    ['/children/', ids.childId], ['/incidents/', ids.incidentId], ['/return-interviews/', ids.rhiId], ['/meetings/', ids.meetingId],
    ['/alerts/', ids.alertId], ['/tasks/', ids.taskId], ['/admin/api-keys/', ids.revocableKeyId], ['/reports/', 'table1'], ['/api/v1/reports/', 'table1'],
  ];
  const id = byPrefix.find(([prefix]) => pattern.startsWith(prefix))?.[1] ?? randomUUID();
  return pattern.replace(':id', id).replace(':actionId', randomUUID()).replace(':token', 'not-a-real-link-token');
}

describeEachDatabase('access: every route × every role', (use) => {
  let app: FastifyInstance;
  let ids: Ids;
  let apiKey: string;
  const registered = new Set<string>();
  const agents = new Map<Subject, { agent: Agent; csrf: string | null }>();

  beforeAll(async () => {
    app = await buildTestApp(use(), () => FIXED_NOW, {
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          if (method !== 'HEAD' && !STATIC_PREFIXES.some((p) => route.url.startsWith(p))) registered.add(`${method} ${route.url}`);
        }
      },
    });
    ids = await recordFixtures(use());
    ({ key: apiKey } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Control room system' }));
    for (const role of ROLES) {
      const agent = await new Agent(app).signIn(role);
      // Any page of the session carries the sign-out form and so a CSRF token (here, the "page not found" page).
      agents.set(role, { agent, csrf: csrfFrom((await agent.get('/no-such-page')).body) });
    }
    const anonymous = new Agent(app);
    agents.set('anonymous', { agent: anonymous, csrf: csrfFrom((await anonymous.get('/sign-in')).body) });
  }, 120_000);
  afterAll(() => app.close());

  it('lists every registered route in the table, and no route that no longer exists', () => {
    expect({ missingFromTable: [...registered].filter((r) => !(r in ACCESS_MATRIX)).sort(), noLongerRegistered: Object.keys(ACCESS_MATRIX).filter((r) => !registered.has(r)).sort() })
      .toEqual({ missingFromTable: [], noLongerRegistered: [] });
  });

  it('allows each route to exactly the roles that policy.ts gives its actions', () => {
    const disagreements: string[] = [];
    for (const [route, { actions, outcomes, apiKeyRole }] of Object.entries(ACCESS_MATRIX)) {
      if (actions.length === 0) continue;
      if (apiKeyRole) {
        const byPolicy = actions.every((a) => can({ role: apiKeyRole }, a));
        if ((outcomes['api-key'] === 'allow') !== byPolicy) disagreements.push(`${route} api-key (${apiKeyRole}): table ${outcomes['api-key']}, policy ${byPolicy ? 'allows' : 'refuses'}`);
        continue;
      }
      for (const role of ROLES) {
        const byPolicy = actions.every((a) => can({ role }, a));
        if ((outcomes[role] === 'allow') !== byPolicy) disagreements.push(`${route} ${role}: table ${outcomes[role]}, policy ${byPolicy ? 'allows' : 'refuses'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  /** The live stream never ends, so it is asked over a real socket and only its status line read. */
  async function openStream(url: string, headers: Record<string, string>): Promise<Answer> {
    const port = (app.server.address() as AddressInfo | null)?.port ?? 0;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: url, headers }, (res) => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: '' });
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
  }

  async function send(subject: Subject, route: string): Promise<Answer> {
    const [method, pattern] = route.split(' ') as ['GET' | 'POST', string];
    const url = concretePath(pattern, ids);
    const session = agents.get(subject);
    const headers: Record<string, string> = subject === 'api-key' ? { authorization: `Bearer ${apiKey}` } : { cookie: session?.agent.cookieHeader() ?? '' };
    if (pattern === '/events') return openStream(url, headers);
    const json = pattern.startsWith('/api/');
    const body = json ? '{}' : new URLSearchParams(session?.csrf ? { _csrf: session.csrf } : {}).toString();
    const res = await app.inject({
      method, url, headers: { ...headers, ...(method === 'POST' ? { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' } : {}) },
      ...(method === 'POST' ? { payload: body } : {}),
    });
    return { status: res.statusCode, location: typeof res.headers.location === 'string' ? res.headers.location : undefined, body: res.body };
  }

  it('gives every role, someone not signed in and an API key the outcome the table expects on every route', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    // Signing out ends the session the other requests use, so it goes last.
    const routes = Object.keys(ACCESS_MATRIX).sort((a, b) => Number(a === 'POST /sign-out') - Number(b === 'POST /sign-out'));
    const wrong: string[] = [];
    for (const route of routes) {
      for (const subject of SUBJECTS) {
        const expected = KNOWN_DISAGREEMENTS[route]?.[subject] ?? ACCESS_MATRIX[route]?.outcomes[subject];
        const answer = await send(subject, route);
        const actual = outcomeOf(answer);
        if (actual !== expected) wrong.push(`${route} as ${subject}: expected ${expected}, got ${actual} (${answer.status}${answer.location ? ` → ${answer.location}` : ''})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

