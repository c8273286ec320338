/** HTTP for the load test: signing in as a browser does, probing a route, and running the load clients. */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { urls } from '../../src/web/urls.ts';
import type { LoadJob, LoadResult } from './load-client.ts';
import { percentile } from './report.ts';

export interface RouteResult {
  route: string;
  /** What one request answered before the load: status, page title, size. */
  note: string;
  /** Whether the figure is judged against the target, or shown for information. */
  judged: boolean;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
}

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const LOAD_CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

/** Signs in with a real form POST, as a browser: the CSRF token from the page, the session cookie kept. */
export async function signIn(origin: string, email: string): Promise<string> {
  const page = await fetch(`${origin}${urls.signIn}`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const first = cookiesOf(page);
  if (!token || !first) throw new Error('the sign-in page gave no CSRF token or session cookie');
  const body = new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token });
  const res = await fetch(`${origin}${urls.signIn}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: first } });
  const cookie = cookiesOf(res);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed with status ${res.status}`);
  return cookie;
}

/** What one request to the route answers before the load: so a stub or a redirect is named, not hidden. */
export async function probe(origin: string, path: string, cookie: string | undefined): Promise<string> {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const text = await res.text();
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1]?.trim().replace(/\s+/g, ' ');
  return `${res.status}${title ? ` "${title}"` : ''}, ${Math.round(text.length / 1024)} KiB`;
}

function runClients(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Through bin/run-ts.mjs, which registers tsx in the worker's thread as it does for the main one.
    const worker = new Worker(RUN_TS, { workerData: job, argv: [LOAD_CLIENT] });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load worker exited with ${code}`))));
  });
}

export interface RouteLoad {
  route: string;
  paths: string[];
  cookies: string[];
  judged: boolean;
}

/** Probes the route, then runs the clients against it for a 2 s warm-up and the measured seconds. */
export async function measureRoute(port: number, r: RouteLoad, o: { concurrency: number; seconds: number }): Promise<RouteResult> {
  const note = await probe(`http://127.0.0.1:${port}`, r.paths[0] ?? '/', r.cookies[0]);
  const result = await runClients({ port, paths: r.paths, cookies: r.cookies, concurrency: o.concurrency, warmupMs: 2000, durationMs: o.seconds * 1000 });
  const lat = result.latenciesMs;
  const errors = Object.entries(result.statuses).filter(([s]) => !s.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
  return {
    route: r.route, note, judged: r.judged, requests: lat.length, requestsPerSecond: lat.length / (result.windowMs / 1000),
    p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99), errors, statuses: result.statuses,
  };
}
