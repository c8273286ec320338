/**
 * CSV import of a large file: it is streamed in both passes, never held in memory. A ~50 MB file is checked and
 * written (then rolled back: a dry run) while the JavaScript heap is sampled; its growth must stay well under
 * the size of the file.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { incidents } from '../../src/db/schema.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { NOTIFICATION_COLUMNS } from '../../src/modules/missing/notification-parse.ts';
import { openTestDatabase } from '../support/databases.ts';
import { FIXED_NOW, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { actorOf, countRows } from '../fixtures/records.ts';

const MB = 1024 * 1024;
// 20,000 long rows rather than 200,000 short ones: the same ~50 MB, in a time a test run can afford (writing
// runs at about 1 ms a row on PGlite).
const ROWS = 20_000;
const CHUNK = 1000;
const DAY_MS = 86_400_000;
const SURNAMES = ['Fernhollow', 'Brackenridge', 'Quillfeather', 'Marrowdale', 'Thistlecombe', 'Larkspire', 'Oakhollow'];
const FORENAMES = ['Ava', 'Noah', 'Isla', 'Leo', 'Maya', 'Theo', 'Ruby', 'Finn', 'Esme', 'Arlo', 'Nia', 'Ezra'];
// Long free text, as police narratives are: about 2.5 KB a row makes a ~50 MB file from 20,000 rows.
const NARRATIVE = 'Did not return to the placement after school; phone switched off; friends and family contacted, no news. ';
const CIRCUMSTANCES = NARRATIVE.repeat(18).trim();
const FOUND_LOCATION = 'At a friend’s house on Station Road, collected by placement staff and brought back; return interview offered. '.repeat(3).trim();

// A full garbage collection on demand, without starting the test process with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const ukDate = (ms: number) => new Date(ms).toISOString().slice(0, 10).split('-').reverse().join('/');

/**
 * Row i: an ended episode (so no two clash as open incidents), a child of its own by LA child id. Each chunk of
 * rows has dates of birth of its own: matching loads every known child who shares a date of birth with the
 * chunk, so with dates spread at random each chunk costs more than the last. This test is about memory; the
 * time a realistic bulk import takes belongs to bench/.
 */
function row(i: number): Record<string, string> {
  const seen = ukDate(Date.UTC(2025, 0, 1) + (i % 360) * DAY_MS);
  const birthDay = Math.floor(i / CHUNK) * 300 + (i % 300);
  return {
    police_reference: `BULK/${i}`, last_seen_at: `${seen} 18:00`, reported_at: `${seen} 20:30`, notified_at: `${seen} 21:00`,
    found_at: `${seen} 23:45`, risk_grade: i % 5 === 0 ? 'high' : 'medium', forename: FORENAMES[i % FORENAMES.length] ?? 'Ava',
    surname: `${SURNAMES[i % SURNAMES.length] ?? 'Oakhollow'}-${i.toString(36)}`, date_of_birth: ukDate(Date.UTC(2008, 0, 1) + birthDay * DAY_MS),
    sex: i % 2 ? 'm' : 'f', la_child_id: `LA${i}`, police_person_id: `PP${i}`, missing_from: i % 3 === 0 ? 'care' : 'home',
    district: 'Gedling', missing_from_postcode: 'NG1 5AB', found_location: FOUND_LOCATION, found_postcode: 'NG5 1AA',
    circumstances: `${CIRCUMSTANCES} (${i})`,
  };
}

/** Writes the file through a stream, respecting back-pressure, so the test itself never holds it either. */
async function writeBigCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  if (!out.write(toCsv([]))) await once(out, 'drain');
  for (let i = 0; i < ROWS; i++) {
    const cells = row(i);
    const line = `${NOTIFICATION_COLUMNS.map((c) => cells[c] ?? '').map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('CSV import of a ~50 MB file [pglite]', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let files: Awaited<ReturnType<typeof tempFolder>>;

  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase('pglite'));
    files = await tempFolder('homeward-big-');
  });
  afterAll(async () => {
    await db.close();
    await drop();
    await files.cleanup();
  });

  it('streams the file: the heap grows far less than the file is big', async () => {
    const path = join(files.dir, 'big.csv');
    await writeBigCsv(path);
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(45 * MB);
    const actor = await actorOf(db, 'missing_officer');

    // Sampled after a full collection, the heap is what the import keeps alive, not garbage V8 has yet to
    // collect: a file held in memory would show up here, in full, however V8 schedules its collections.
    const liveHeap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const baseline = liveHeap();
    let peak = baseline;
    let samples = 0;
    const started = Date.now();
    const report = await importNotificationFile(db, actor, {
      path, dryRun: true, now: FIXED_NOW,
      onProgress: () => {
        samples += 1;
        peak = Math.max(peak, liveHeap());
      },
    });
    const growth = peak - baseline;
    console.info(`${ROWS} rows, ${(size / MB).toFixed(1)} MB: dry run in ${((Date.now() - started) / 1000).toFixed(1)} s; peak live heap growth ${(growth / MB).toFixed(1)} MB over ${samples} samples`);

    expect(report).toMatchObject({ rows: ROWS, accepted: ROWS, rejected: [], dryRun: true });
    // Well under the file: at most a quarter of it (the file held as text would be more than all of it).
    expect(growth).toBeLessThan(size / 4);
    expect(await countRows(db, incidents)).toBe(0);
  }, 180_000);
});
