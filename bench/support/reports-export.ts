/**
 * The same rows in DuckDB: each table the reports read is copied out of PostgreSQL (COPY ... TO STDOUT) or
 * PGlite (COPY ... TO '/dev/blob') as CSV files with UTC timestamps, then read into an in-memory DuckDB with the
 * column types declared. Export and DuckDB load are timed separately.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../src/db/database.ts';
import { timed } from './report.ts';

interface TableSpec {
  name: string;
  /** [column, DuckDB type]; booleans are exported as text ('true'/'false'). */
  columns: [string, string][];
}

const TABLES: TableSpec[] = [
  { name: 'authorities', columns: [['code', 'VARCHAR']] },
  { name: 'children', columns: [['id', 'UUID'], ['authority_code', 'VARCHAR'], ['sex', 'VARCHAR'], ['date_of_birth', 'DATE'], ['district_id', 'INTEGER']] },
  {
    name: 'incidents',
    columns: [['id', 'UUID'], ['authority_code', 'VARCHAR'], ['child_id', 'UUID'], ['reported_at', 'TIMESTAMPTZ'], ['notified_at', 'TIMESTAMPTZ'],
      ['last_seen_at', 'TIMESTAMPTZ'], ['found_at', 'TIMESTAMPTZ'], ['risk_grade', 'VARCHAR'], ['initial_risk_grade', 'VARCHAR'],
      ['classification', 'VARCHAR'], ['district_id', 'INTEGER']],
  },
  {
    name: 'return_interviews',
    columns: [['id', 'UUID'], ['authority_code', 'VARCHAR'], ['incident_id', 'UUID'], ['child_id', 'UUID'], ['returned_at', 'TIMESTAMPTZ'],
      ['offered_at', 'TIMESTAMPTZ'], ['completed_at', 'TIMESTAMPTZ'], ['closed_at', 'TIMESTAMPTZ'], ['outcome', 'VARCHAR'],
      ['not_attempted_reason', 'VARCHAR'], ['offer_met', 'BOOLEAN'], ['completion_met', 'BOOLEAN']],
  },
  { name: 'return_interview_factors', columns: [['return_interview_id', 'UUID'], ['code', 'VARCHAR']] },
  { name: 'return_interview_risks', columns: [['return_interview_id', 'UUID'], ['code', 'VARCHAR']] },
  {
    name: 'meeting_requests',
    columns: [['id', 'UUID'], ['authority_code', 'VARCHAR'], ['child_id', 'UUID'], ['status', 'VARCHAR'], ['requested_for', 'TIMESTAMPTZ'],
      ['held_at', 'TIMESTAMPTZ'], ['completed_at', 'TIMESTAMPTZ'], ['cancelled_at', 'TIMESTAMPTZ']],
  },
];

// Our own constant table and column names: safe to put in the statements.
const selectOf = (t: TableSpec) => `SELECT ${t.columns.map(([c, type]) => (type === 'BOOLEAN' ? `${c}::text` : c)).join(', ')} FROM ${t.name}`;

/** One table's rows as a CSV file, timestamps in UTC. */
async function exportTable(db: Database, t: TableSpec, file: string): Promise<void> {
  const copy = `COPY (${selectOf(t)}) TO`;
  if (db.raw.kind === 'postgres') {
    const client = await db.raw.pool.connect();
    try {
      await client.query("SET TimeZone = 'UTC'");
      await pipeline(client.query(copyTo(`${copy} STDOUT (FORMAT csv)`)), createWriteStream(file));
    } finally {
      await client.query('RESET TimeZone');
      client.release();
    }
    return;
  }
  const client = db.raw.client;
  await client.query("SET TimeZone = 'UTC'");
  try {
    const result = await client.query(`${copy} '/dev/blob' (FORMAT csv)`);
    await writeFile(file, Buffer.from(await (result.blob ?? new Blob([])).arrayBuffer()));
  } finally {
    await client.query('RESET TimeZone');
  }
}

export interface DuckLoad {
  duck: DuckDBConnection;
  rows: Record<string, number>;
  csvBytes: number;
  exportMs: number;
  loadMs: number;
  close(): void;
}

/** Copies every table the reports read into a new in-memory DuckDB; the CSV files are removed afterwards. */
export async function loadIntoDuckDb(db: Database): Promise<DuckLoad> {
  const dir = await mkdtemp(join(tmpdir(), 'homeward-bench-duckdb-'));
  try {
    let csvBytes = 0;
    const exported = await timed(async () => {
      for (const t of TABLES) {
        await exportTable(db, t, join(dir, `${t.name}.csv`));
        csvBytes += (await stat(join(dir, `${t.name}.csv`))).size;
      }
    });
    const instance = await DuckDBInstance.create(':memory:');
    const duck = await instance.connect();
    await duck.run("SET TimeZone = 'UTC'");
    const rows: Record<string, number> = {};
    const loaded = await timed(async () => {
      for (const t of TABLES) {
        const columns = `{${t.columns.map(([c, type]) => `'${c}': '${type}'`).join(', ')}}`;
        await duck.run(`CREATE TABLE ${t.name} AS SELECT * FROM read_csv('${join(dir, `${t.name}.csv`)}', auto_detect = false, header = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`);
        const count = await duck.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t.name}`);
        rows[t.name] = Number(count.getRowObjectsJS()[0]?.n ?? 0);
      }
    });
    return {
      duck, rows, csvBytes, exportMs: exported.ms, loadMs: loaded.ms,
      close: () => {
        duck.closeSync();
        instance.closeSync();
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
