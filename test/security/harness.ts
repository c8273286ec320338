/**
 * The app for the injection tests: built with every registered route noted, the fixtures recorded, every role
 * signed in (and someone not signed in), and the tables counted so an attempt that dropped or emptied one shows.
 */
import type { FastifyInstance } from 'fastify';
import { count, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.ts';
import type { Database } from '../../src/db/database.ts';
import { ROLES, type Role } from '../../src/modules/access/actor.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { Client } from './client.ts';
import { patternMatcher, recordFixtures, FIXED_NOW, type Ids } from './fixtures.ts';
import type { Routes } from './crawl.ts';

export const STATIC_PREFIXES = ['/assets/', '/static/', '/moj/'];

export interface Harness {
  app: FastifyInstance;
  ids: Ids;
  /** Registered routes as `GET /children/:id`, static files left out. */
  registered: string[];
  routes: Routes;
  sessions: Map<string, Client>;
  /** Signs the subject in again if an attempt ended its session (a redirect to sign in). */
  resume: (subject: string) => Promise<Client>;
}

async function signedIn(app: FastifyInstance, subject: string): Promise<Client> {
  const client = new Client(app);
  if (subject === 'anonymous') return client;
  const agent = await new Agent(app).signIn(subject as Role);
  client.adopt(agent.cookieHeader());
  return client;
}

export async function startHarness(db: Database): Promise<Harness> {
  const registered = new Set<string>();
  const app = await buildTestApp(db, () => FIXED_NOW, {
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && !STATIC_PREFIXES.some((p) => route.url.startsWith(p))) registered.add(`${method} ${route.url}`);
      }
    },
  });
  const ids = await recordFixtures(db, app);
  const patterns = (method: string) => [...registered].filter((r) => r.startsWith(`${method} `)).map((r) => r.slice(method.length + 1));
  const routes = { get: patternMatcher(patterns('GET')), post: patternMatcher(patterns('POST')) };
  const sessions = new Map<string, Client>();
  for (const subject of ['anonymous', ...ROLES]) sessions.set(subject, await signedIn(app, subject));
  const resume = async (subject: string) => {
    const client = await signedIn(app, subject);
    sessions.set(subject, client);
    return client;
  };
  return { app, ids, registered: [...registered].sort(), routes, sessions, resume };
}

/** Row counts of every table the schema declares, by name; a table that cannot be counted (dropped) is left out. */
export async function tableCounts(db: Database): Promise<Map<string, number>> {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
  const counts = new Map<string, number>();
  for (const table of tables) {
    const n = await db.read(async (q) => (await q.select({ n: count() }).from(table))[0]?.n).catch(() => undefined);
    if (n !== undefined) counts.set(getTableName(table), n);
  }
  return counts;
}

/** Tables that person-facing work only ever adds to: an attempt must never leave them missing or with fewer rows. */
export const KEPT_TABLES = ['children', 'incidents', 'users', 'agencies', 'authorities', 'audit_events', 'return_interviews'];

export function lostTables(before: Map<string, number>, after: Map<string, number>): string[] {
  const lost = [...before.keys()].filter((t) => !after.has(t)).map((t) => `${t}: no longer exists`);
  for (const t of KEPT_TABLES) {
    const [b, a] = [before.get(t), after.get(t)];
    if (b !== undefined && a !== undefined && a < b) lost.push(`${t}: ${b} rows before, ${a} after`);
  }
  return lost;
}
