/**
 * One soak client: a person's browser (cookies, the CSRF token of the page last opened) or the police system
 * (an API key), over a keep-alive connection from its own loopback address, so per-address limits (sign-in: 20 a
 * minute) apply to each client as they would to each person's machine.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';

export interface Reply {
  method: string;
  path: string;
  status: number;
  location: string | undefined;
  body: string;
  ms: number;
}

export class SoakClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly cookies = new Map<string, string>();

  constructor(private readonly port: number, readonly address: string, private readonly headers: Record<string, string> = {}) {}

  request(method: 'GET' | 'POST', path: string, body?: { form?: Record<string, string> | [string, string][]; json?: unknown }): Promise<Reply> {
    const payload = body?.form ? new URLSearchParams(body.form).toString() : body?.json !== undefined ? JSON.stringify(body.json) : undefined;
    const headers: Record<string, string> = { ...this.headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (payload !== undefined) {
      headers['content-type'] = body?.form ? 'application/x-www-form-urlencoded' : 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const start = performance.now();
    return new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, localAddress: this.address, path, method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          for (const c of res.headers['set-cookie'] ?? []) {
            const [pair = ''] = c.split(';');
            const at = pair.indexOf('=');
            this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
          }
          resolve({ method, path, status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - start });
        });
      });
      // A refused or reset connection is an error the soak counts, not a crash.
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ method, path, status: 0, location: undefined, body: error.code ?? error.message, ms: performance.now() - start }));
      req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('timed out after 60 s'), { code: 'TIMEOUT' })));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  /** Signs in with the form, as a person does; fails loudly if a second factor or anything else is asked. */
  async signIn(email: string): Promise<void> {
    const page = await this.get('/sign-in');
    const res = await this.request('POST', '/sign-in', { form: { email, password: DEMO_PASSWORD, _csrf: csrfOf(page.body) } });
    if (res.status !== 302 || !res.location || res.location.startsWith('/sign-in')) {
      throw new Error(`signing in as ${email} from ${this.address} gave ${res.status}${res.location ? ` → ${res.location}` : ''}`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}
