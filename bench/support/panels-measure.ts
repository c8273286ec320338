/**
 * Timing the panel through the app, as the exploitation lead uses it: the real app (production settings:
 * templates cached, quiet logs) driven with app.inject, signed in with the sign-in form. Each run generates the
 * agenda (POST, as the meeting page's button) and renders every agenda child's pen picture (the full HTML of the
 * pen pictures page). Statements sent to the database are counted by wrapping the driver.
 */
import { randomBytes } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { planMeeting } from '../../src/modules/exploitation/panel-meetings.service.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { actorForUser } from '../../src/modules/users/users.service.ts';
import { urls } from '../../src/web/urls.ts';
import { timed } from './report.ts';

export interface PanelRuns { agendaMs: number[]; picturesMs: number[]; totalMs: number[]; pictures: number; htmlKiB: number; statements: { agenda: number; pictures: number } }

/** Counts the statements the app sends (PGlite, transactions included; PostgreSQL, BEGIN and COMMIT included). */
function statementCounter(db: Database): { take: () => number } {
  let n = 0;
  const counted = <T extends { query: (...args: never[]) => unknown }>(target: T) => {
    const query = target.query.bind(target) as (...args: unknown[]) => unknown;
    Object.assign(target, { query: (...args: unknown[]) => ((n += 1), query(...args)) });
  };
  if (db.raw.kind === 'pglite') {
    const client: PGlite = db.raw.client;
    counted(client);
    const transaction = client.transaction.bind(client);
    Object.assign(client, {
      transaction: <T>(fn: (tx: Transaction) => Promise<T>) => transaction((tx) => {
        counted(tx);
        return fn(tx);
      }),
    });
  } else {
    // pool.query borrows a client too: counting the clients alone counts each statement once.
    const pool: pg.Pool = db.raw.pool;
    const seen = new WeakSet<object>();
    pool.on('acquire', (client) => {
      if (seen.has(client)) return;
      seen.add(client);
      counted(client);
    });
  }
  return {
    take: () => {
      const taken = n;
      n = 0;
      return taken;
    },
  };
}

async function startApp(db: Database): Promise<FastifyInstance> {
  const config = loadConfig({
    NODE_ENV: 'production', HOMEWARD_SESSION_SECRET: randomBytes(32).toString('hex'), HOMEWARD_SECURE_COOKIES: '0',
    HOMEWARD_LOG_LEVEL: 'warn', HOMEWARD_SKIP_DEMO: '1',
  });
  const app = await buildApp({ config, db });
  await app.ready();
  return app;
}

/** A browser's session over app.inject: cookies kept, the CSRF token of the last page sent back with forms. */
class Session {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly app: FastifyInstance) {}
  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? this.csrf;
    return res;
  }
  private get cookie() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async get(url: string) { return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } })); }
  async post(url: string, form: Record<string, string>) {
    const payload = new URLSearchParams({ ...form, _csrf: this.csrf }).toString();
    return this.keep(await this.app.inject({ method: 'POST', url, payload, headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' } }));
  }
}

/** Plans today's meeting of the panel, signs the lead in, then times `runs` runs after `warmUp` untimed ones. */
export async function measurePanel(db: Database, o: { panelId: string; leadId: string; now: Date; runs: number; warmUp: number }): Promise<PanelRuns> {
  const lead = await actorForUser(db, o.leadId, 'bench');
  if (!lead) throw new Error('no exploitation lead');
  const meeting = await planMeeting(db, lead, o.panelId, { meetsOn: o.now.toISOString().slice(0, 10) });
  const app = await startApp(db);
  try {
    const session = new Session(app);
    await session.get(urls.signIn);
    const signedIn = await session.post(urls.signIn, { email: 'exploitation.lead@county.example', password: DEMO_PASSWORD });
    if (signedIn.statusCode !== 302) throw new Error(`the lead could not sign in (${signedIn.statusCode})`);
    await session.get(urls.panelMeeting(meeting.id));
    const counter = statementCounter(db);
    const out: PanelRuns = { agendaMs: [], picturesMs: [], totalMs: [], pictures: 0, htmlKiB: 0, statements: { agenda: 0, pictures: 0 } };
    for (let k = 0; k < o.warmUp + o.runs; k += 1) {
      counter.take();
      const agenda = await timed(() => session.post(urls.panelMeetingAgenda(meeting.id), {}));
      const agendaStatements = counter.take();
      const pictures = await timed(() => session.get(urls.panelMeetingPenPictures(meeting.id)));
      if (agenda.result.statusCode !== 302 || pictures.result.statusCode !== 200) throw new Error(`run ${k}: agenda ${agenda.result.statusCode}, pen pictures ${pictures.result.statusCode}`);
      out.statements = { agenda: agendaStatements, pictures: counter.take() };
      if (k < o.warmUp) continue;
      out.agendaMs.push(agenda.ms);
      out.picturesMs.push(pictures.ms);
      out.totalMs.push(agenda.ms + pictures.ms);
      out.pictures = (pictures.result.body.match(/<article class="app-pen-picture"/g) ?? []).length;
      out.htmlKiB = Math.round(pictures.result.body.length / 1024);
    }
    return out;
  } finally {
    await app.close();
  }
}
