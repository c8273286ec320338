/** Boots the real app on a test database and drives it like a browser: cookies, CSRF tokens, forms. */
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { DEMO_AUTHORITIES, DEMO_PASSWORD, DEMO_USERS, demoEmail } from '../../src/modules/demo/reference-data.ts';
import type { Role } from '../../src/modules/access/actor.ts';

/** The app on a test database. `env` adds configuration (e.g. an SMTP server); `backgroundWork` starts the alert sweeps and e-mail delivery. */
export async function buildTestApp(db: Database, now?: () => Date, options: { env?: Record<string, string>; backgroundWork?: boolean; onRoute?: (route: RouteOptions) => void } = {}): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', HOMEWARD_LOG_LEVEL: 'silent', HOMEWARD_SKIP_DEMO: '1', ...options.env });
  const app = await buildApp({ config, db, ...(now ? { now } : {}), backgroundWork: options.backgroundWork ?? false, ...(options.onRoute ? { onRoute: options.onRoute } : {}) });
  await app.ready();
  return app;
}

export function demoUserEmail(role: Role, authorityCode: '891' | '892' = '891'): string {
  const user = DEMO_USERS.find((u) => u.role === role);
  const authority = DEMO_AUTHORITIES.find((a) => a.code === authorityCode);
  if (!user || !authority) throw new Error(`no demo user for ${role} in ${authorityCode}`);
  return demoEmail(user.local, authority.domain);
}

/** The hidden CSRF field of the last page, as a person's browser would send it back. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** A cookie-keeping client over app.inject. */
export class Agent {
  private cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    if (String(res.headers['content-type'] ?? '').includes('text/html')) this.lastHtml = res.body;
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form with the CSRF token of the page last fetched (or the one given). */
  async post(url: string, form: Record<string, string>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? csrfFrom(this.lastHtml) : options.csrf;
    const body = new URLSearchParams({ ...form, ...(csrf ? { _csrf: csrf } : {}) }).toString();
    return this.keep(await this.app.inject({ method: 'POST', url, payload: body, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } }));
  }

  /** Sends any request (a multipart upload, a JSON body) with this agent's cookies, keeping the ones set. */
  async send(options: { method: 'GET' | 'POST'; url: string; payload?: string | Buffer; headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ ...options, headers: { ...options.headers, cookie: this.cookieHeader() } }));
  }

  async signIn(role: Role, authorityCode: '891' | '892' = '891'): Promise<this> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email: demoUserEmail(role, authorityCode), password: DEMO_PASSWORD });
    if (res.statusCode !== 302) throw new Error(`sign-in as ${role} failed with ${res.statusCode}`);
    return this;
  }
}
