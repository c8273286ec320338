/**
 * manifest.json: what a backup holds and how to check it. A restore trusts nothing in the folder that the
 * manifest does not vouch for with a SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';

const manifestSchema = z.object({
  format: z.literal('homeward-backup'),
  formatVersion: z.literal(1),
  homewardVersion: z.string(),
  createdAt: z.string(),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.object({ version: z.number().int(), name: z.string() })),
  tables: z.array(z.object({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), file: z.string().regex(/^[a-z0-9_]+\.jsonl$/), rows: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestTable = Manifest['tables'][number];

/** A backup that must not be restored; the message says why, in words an operator can act on. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function homewardVersion(): Promise<string> {
  const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
  const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data.version : 'unknown';
}

/** Reads the manifest and checks every table file against its hash; returns the manifest and each file's text. */
export async function readCheckedBackup(dir: string): Promise<{ manifest: Manifest; files: Map<string, string> }> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => {
    throw new BackupRefused(`${dir} has no ${MANIFEST_FILE}: it is not a Homeward backup folder`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupRefused(`${join(dir, MANIFEST_FILE)} is not valid JSON: the backup is damaged`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupRefused(`${join(dir, MANIFEST_FILE)} is not a Homeward backup manifest this version can read`);
  const files = new Map<string, string>();
  for (const table of parsed.data.tables) {
    const bytes = await readFile(join(dir, table.file)).catch(() => {
      throw new BackupRefused(`The backup is incomplete: ${table.file} is missing. Nothing was restored.`);
    });
    if (sha256(bytes) !== table.sha256) {
      throw new BackupRefused(`The backup is damaged: ${table.file} does not match the SHA-256 in the manifest. Nothing was restored.`);
    }
    files.set(table.name, bytes.toString('utf8'));
  }
  return { manifest: parsed.data, files };
}
