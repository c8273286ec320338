/**
 * A PostgreSQL 15 cluster for one benchmark run: initdb in a temporary folder, started on a free port on
 * 127.0.0.1, stopped and deleted at the end. Used when BENCH_DATABASE_URL is not set. As root the server runs
 * as the `postgres` user (PostgreSQL refuses to run as root); otherwise as the current user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PG_BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  /** An admin URL (superuser, trust authentication) on which databases can be created and dropped. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** A port nobody is listening on now, chosen by the operating system. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** Runs a PostgreSQL program, as the postgres user when we are root. */
function pgCommand(ids: { uid: number; gid: number } | null, program: string, args: string[]) {
  const path = join(PG_BIN, program);
  return ids ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const ids = await postgresIds();
  const root = await mkdtemp(join(tmpdir(), 'homeward-bench-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  if (ids) {
    await chown(root, ids.uid, ids.gid);
    await chmod(root, 0o700);
  }
  await pgCommand(ids, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  await pgCommand(ids, 'pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
  let stopped = false;
  // If the run dies before it can stop the cluster (an uncaught error), stop it as the process exits.
  const stopOnExit = () => {
    if (stopped) return;
    const path = join(PG_BIN, 'pg_ctl');
    const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
    try {
      if (ids) execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'ignore' });
      else execFileSync(path, args, { stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopOnExit);
      await pgCommand(ids, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
