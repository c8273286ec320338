/**
 * Backup and restore on both backends: a varied dataset (reference data, notifications, an ended incident with its
 * return interview, a Philomena photo with every byte value, audit rows) comes back table for table, row for row;
 * id sequences continue after the restored ids; a damaged file, a database that holds data and a used folder are
 * all refused.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/database.ts';
import { recordCareStatus } from '../../src/modules/children/care-status.service.ts';
import { createBackup } from '../../src/modules/backup/backup.service.ts';
import { restoreBackup } from '../../src/modules/backup/restore.service.ts';
import { publicTables } from '../../src/modules/backup/tables.ts';
import { addPhoto } from '../../src/modules/philomena/photo.service.ts';
import { FIXED_NOW, tempFolder } from '../fixtures/notifications.ts';
import { tinyPng } from '../fixtures/philomena-images.ts';
import { actorOf } from '../fixtures/records.ts';
import { describeEachDatabase, openTestDatabase } from '../support/databases.ts';
import { notify } from '../route/children-support.ts';
import { endedIncident, interviewsOf } from '../route/return-interview-support.ts';

/** Every table's rows as JSON text, sorted: two databases with equal snapshots hold exactly the same data. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  return db.read(async (q) => {
    const out: Record<string, string[]> = {};
    for (const table of await publicTables(q)) {
      const rows = await queryRows<{ line: string }>(q, sql`SELECT row_to_json(t)::text AS line FROM ${sql.identifier(table.name)} t`);
      out[table.name] = rows.map((r) => r.line).sort();
    }
    return out;
  });
}

const PHOTO = Buffer.concat([tinyPng(), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

describeEachDatabase('Backup and restore', (use, backend) => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let ended: Awaited<ReturnType<typeof endedIncident>>;

  beforeAll(async () => {
    folder = await tempFolder('homeward-backup-');
    await notify(use());
    await notify(use(), { authority: '892' });
    ended = await endedIncident(use(), 30);
    const { childId } = await notify(use());
    const officer = await actorOf(use(), 'missing_officer');
    await recordCareStatus(use(), officer, childId, { status: 'ola_care', startsOn: '01/11/2026', placement: '', outOfArea: 'no', responsibleAuthority: 'Northshire' }, FIXED_NOW);
    await addPhoto(use(), officer, childId, { bytes: PHOTO, tooLarge: false, takenOn: '2026-10-01' }, FIXED_NOW);
  });
  afterAll(() => folder.cleanup());

  async function freshDatabase() {
    return openTestDatabase(backend, { referenceData: false });
  }

  it('restores every table, row for row, into a new database, and ids carry on after the restored ones', async () => {
    const dir = join(folder.dir, 'full');
    const manifest = await createBackup(use(), dir);
    const target = await freshDatabase();
    try {
      const report = await restoreBackup(target.db, dir);
      const [before, after] = [await snapshot(use()), await snapshot(target.db)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      expect(report.rows).toBe(manifest.tables.reduce((sum, t) => sum + t.rows, 0));
      expect(manifest.tables.find((t) => t.name === 'philomena_photos')?.rows).toBe(1);
      expect((await interviewsOf(target.db, ended.incidentId)).length).toBe(1);
      const photo = await target.db.read((q) => queryRows<{ bytes: unknown }>(q, sql`SELECT bytes FROM philomena_photos`));
      expect(Buffer.from(photo[0]?.bytes as Uint8Array).equals(PHOTO)).toBe(true);
      // A new notification writes audit rows (bigserial ids): they must not collide with the restored ones.
      const maxAudit = async (db: Database) => Number((await db.read((q) => queryRows<{ id: string }>(q, sql`SELECT max(id) AS id FROM audit_events`)))[0]?.id);
      const restoredMax = await maxAudit(target.db);
      await notify(target.db);
      expect(await maxAudit(target.db)).toBeGreaterThan(restoredMax);
    } finally {
      await target.db.close();
      await target.drop();
    }
  });

  it('refuses a backup whose file was altered, with a clear message, and changes nothing', async () => {
    const dir = join(folder.dir, 'damaged');
    await createBackup(use(), dir);
    const file = join(dir, 'incidents.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"high"', '"low"').replace('"medium"', '"low"'));
    const target = await freshDatabase();
    try {
      await expect(restoreBackup(target.db, dir)).rejects.toThrow('The backup is damaged: incidents.jsonl does not match the SHA-256 in the manifest. Nothing was restored.');
      expect(Object.values(await snapshot(target.db)).flat().filter((line) => !line.includes('"version"'))).toEqual([]);
    } finally {
      await target.db.close();
      await target.drop();
    }
  });

  it('refuses to restore into a database that already holds data', async () => {
    const dir = join(folder.dir, 'into-live');
    await createBackup(use(), dir);
    const before = await snapshot(use());
    await expect(restoreBackup(use(), dir)).rejects.toThrow(/^The target database already holds data \(in [a-z_, …]+\)\. Restore only into a new, empty database; nothing was changed\.$/);
    expect(await snapshot(use())).toEqual(before);
  });

  it('refuses to write a backup into a folder that is not empty', async () => {
    await mkdir(join(folder.dir, 'used'));
    const path = await folder.write('used/notes.txt', 'already here');
    await expect(createBackup(use(), join(folder.dir, 'used'))).rejects.toThrow(`${join(folder.dir, 'used')} is not empty`);
    expect(await readFile(path, 'utf8')).toBe('already here');
  });
});
