/** Runs the real CLI (`node bin/homeward.mjs ...`) as an operator would: its own PGlite data folder, no PostgreSQL URL. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  /** The exit code (1 when the process failed without one, e.g. killed). */
  code: number;
  stdout: string;
  stderr: string;
}

export function homeward(dataDir: string, args: string[], options: { timeoutMs?: number } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_DATA_DIR: dataDir, HOMEWARD_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/homeward.mjs', ...args], { cwd: ROOT, env, timeout: options.timeoutMs ?? 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
