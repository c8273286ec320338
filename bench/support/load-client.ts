/**
 * Load clients, run in a worker thread so their own work does not sit in the server's event loop: `concurrency`
 * clients each send one request at a time over keep-alive connections, rotating through `paths`, for a warm-up
 * and then a measured window. Bounded in time; loopback only.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadJob {
  port: number;
  paths: string[];
  /** Session cookies: client k sends cookies[k % length]; none for a route that needs no session. */
  cookies: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  latenciesMs: Float64Array;
  statuses: Record<string, number>;
  windowMs: number;
}

function request(agent: http.Agent, port: number, path: string, cookie: string | undefined): Promise<{ status: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: String(res.statusCode ?? 0), ms: performance.now() - start }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'error', ms: performance.now() - start }));
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const begin = performance.now();
  const measureFrom = begin + job.warmupMs;
  const stopAt = measureFrom + job.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const client = async (_: unknown, k: number) => {
    const cookie = job.cookies.length ? job.cookies[k % job.cookies.length] : undefined;
    while (performance.now() < stopAt) {
      const path = job.paths[next++ % job.paths.length] ?? '/';
      const sentAt = performance.now();
      const { status, ms } = await request(agent, job.port, path, cookie);
      if (sentAt >= measureFrom && sentAt < stopAt) {
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, client));
  const windowMs = performance.now() - measureFrom;
  agent.destroy();
  return { latenciesMs: Float64Array.from(latencies), statuses, windowMs };
}

if (parentPort) {
  const port = parentPort;
  const result = await run(workerData as LoadJob);
  port.postMessage(result);
}
