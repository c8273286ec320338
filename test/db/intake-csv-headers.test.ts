/**
 * CSV import, the shape of the file (police-notifications.md "CSV columns"): header names matched loosely,
 * unknown columns warned about, UTF-8 with or without BOM, CRLF or LF, RFC 4180 quoting.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { children, incidents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { NOTIFICATION_COLUMNS } from '../../src/modules/missing/notification-parse.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW, notificationCells, tempFolder, toCsv } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference, intakeCounts } from '../fixtures/records.ts';

type Files = Awaited<ReturnType<typeof tempFolder>>;

describeEachDatabase('CSV import: headers and encoding', (use) => {
  let files: Files;
  let actor: Actor;

  beforeAll(async () => {
    files = await tempFolder();
    actor = await actorOf(use(), 'missing_officer');
  });
  afterAll(() => files.cleanup());

  it('rejects the whole file, naming the column, when a required column is missing', async () => {
    const before = await intakeCounts(use(), { children, incidents });
    const columns = NOTIFICATION_COLUMNS.filter((c) => c !== 'surname' && c !== 'last_seen_at');
    const rows = [notificationCells(), notificationCells()];
    const path = await files.write('no-surname.csv', toCsv(rows, { columns }));

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report.rejected).toEqual([
      { line: 1, column: 'last_seen_at', message: 'The file has no last_seen_at column' },
      { line: 1, column: 'surname', message: 'The file has no surname column' },
    ]);
    expect(report.accepted).toBe(0);
    expect(await intakeCounts(use(), { children, incidents })).toEqual(before);
  });

  it('warns about an unknown column, ignores it and saves the rows', async () => {
    const row = { ...notificationCells(), shoe_size: '5' };
    const path = await files.write('unknown.csv', toCsv([row], { columns: [...NOTIFICATION_COLUMNS, 'shoe_size'] }));

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report.warnings).toEqual([{ line: 1, column: 'shoe_size', message: 'Unknown column "shoe_size" was ignored' }]);
    expect(report).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('matches header names whatever their case, spacing, dashes or order', async () => {
    const cells = notificationCells();
    const shuffled = [...NOTIFICATION_COLUMNS].reverse();
    const headers = shuffled.map((c, i) => (i % 3 === 0 ? c.toUpperCase() : i % 3 === 1 ? c.replace(/_/g, ' ') : c.replace(/_/g, '-')));
    const lines = [headers.join(','), shuffled.map((c) => cells[c]).join(',')].join('\n');
    const path = await files.write('loose-headers.csv', `${lines}\n`);

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report).toMatchObject({ accepted: 1, rejected: [], warnings: [] });
    expect(await incidentByReference(use(), cells.police_reference)).toMatchObject({ riskGrade: 'medium', missingFromPostcode: 'NG1 5AB' });
  });

  it('reads a file with a byte order mark and CRLF line endings', async () => {
    const rows = [notificationCells(), notificationCells()];
    const path = await files.write('bom-crlf.csv', toCsv(rows, { bom: true, eol: '\r\n' }));

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report).toMatchObject({ rows: 2, accepted: 2, rejected: [], warnings: [] });
    // The first column's name carried the BOM; the reference and the last column must come through clean.
    const saved = await incidentByReference(use(), rows[0]?.police_reference ?? '');
    expect(saved?.policeReference).toBe(rows[0]?.police_reference);
    expect(saved?.circumstances).toBeNull();
  });

  it('keeps commas, quotes and line breaks inside quoted fields, and counts lines as an editor shows them', async () => {
    const circumstances = 'Left after an argument, said "back later"\nTook the number 36 bus';
    const quoted = notificationCells({ circumstances, found_location: 'Bus station, stand C' });
    const bad = notificationCells({ risk_grade: 'unknown' });
    const path = await files.write('quoted.csv', toCsv([quoted, bad], { eol: '\r\n' }));

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report.accepted).toBe(1);
    // Header is line 1, the quoted row takes lines 2 and 3, so the bad row is on line 4.
    expect(report.rejected).toEqual([{ line: 4, column: 'risk_grade', message: expect.stringContaining('risk_grade must be one of') }]);
    const saved = await incidentByReference(use(), quoted.police_reference);
    expect(saved?.circumstances?.replace(/\r\n/g, '\n')).toBe(circumstances);
    expect(saved?.foundLocation).toBe('Bus station, stand C');
  });
});
