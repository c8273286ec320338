/**
 * CSV import, bad rows (police-notifications.md "What bad input gets"): the whole file is checked, every
 * rejected row is reported with its line, column and a plain-English reason, and only the valid rows are saved.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, children, incidents } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { importNotificationFile } from '../../src/modules/missing/csv-import.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FIXED_NOW, notificationCells, tempFolder, toCsv, type NotificationCells } from '../fixtures/notifications.ts';
import { actorOf, incidentByReference, intakeCounts } from '../fixtures/records.ts';

type Files = Awaited<ReturnType<typeof tempFolder>>;

/** Each bad row: the cells that make it bad, the column blamed, and words the reason must contain. */
const BAD_ROWS: [Partial<NotificationCells>, string, string][] = [
  [{ found_at: '2026-11-20T07:00' }, 'found_at', 'found_at is before last_seen_at'],
  [{ police_reference: '' }, 'police_reference', 'police_reference is missing'],
  [{ police_reference: 'AB 12' }, 'police_reference', 'police_reference may only contain letters, digits'],
  [{ last_seen_at: '20/11/2026' }, 'last_seen_at', 'last_seen_at needs a time as well as a date'],
  [{ reported_at: 'yesterday' }, 'reported_at', 'reported_at is not a date and time we can read'],
  [{ notified_at: '2026-11-20T09:00' }, 'notified_at', 'notified_at is before reported_at'],
  [{ last_seen_at: '2026-03-29 00:30', reported_at: '2026-03-29 01:30', notified_at: '2026-03-29 03:00' }, 'reported_at', 'did not happen in UK time'],
  [{ risk_grade: 'severe' }, 'risk_grade', 'risk_grade must be one of high, medium, low, very low, no apparent risk'],
  [{ forename: ' ' }, 'forename', 'forename is missing'],
  [{ date_of_birth: '31/02/2012' }, 'date_of_birth', 'date_of_birth 31/02/2012 is not a real date'],
  [{ date_of_birth: '2001-01-01' }, 'date_of_birth', 'the child was 18 or over at last_seen_at'],
  [{ sex: 'x' }, 'sex', 'sex must be one of male, female, m, f'],
  [{ missing_from: 'school' }, 'missing_from', 'missing_from must be one of home, care, ola care'],
  [{ missing_from: 'ola care' }, 'responsible_authority', 'responsible_authority is needed when missing_from is ola care'],
  [{ missing_from_postcode: 'NOT A CODE' }, 'missing_from_postcode', 'missing_from_postcode is not a valid UK postcode'],
];

describeEachDatabase('CSV import: bad rows', (use) => {
  let files: Files;
  let actor: Actor;
  const tables = { children, incidents, auditEvents };

  beforeAll(async () => {
    files = await tempFolder();
    actor = await actorOf(use(), 'missing_officer');
  });
  afterAll(() => files.cleanup());

  it('reports every rejected row with its line, column and reason, and saves only the valid rows', async () => {
    const good = [notificationCells(), notificationCells()];
    const bad = BAD_ROWS.map(([cells]) => notificationCells(cells));
    // Line 2 is valid, lines 3.. are the bad rows in order, then a row with too few fields, then a valid row.
    const body = toCsv([good[0] as NotificationCells, ...bad]) + 'TOO/FEW,2026-11-20T08:00\n' + toCsv([good[1] as NotificationCells]).split('\n')[1] + '\n';
    const path = await files.write('mixed.csv', body);

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    BAD_ROWS.forEach(([, column, words], i) => {
      expect(report.rejected).toContainEqual({ line: i + 3, column, message: expect.stringContaining(words) });
    });
    const shortLine = BAD_ROWS.length + 3;
    expect(report.rejected).toContainEqual({ line: shortLine, column: '', message: 'the row has 2 fields but the header has 19' });
    expect(new Set(report.rejected.map((r) => r.line)).size).toBe(BAD_ROWS.length + 1);
    expect(report).toMatchObject({ rows: BAD_ROWS.length + 3, accepted: 2, updated: 0, unchanged: 0 });
    for (const cells of good) expect(await incidentByReference(use(), cells.police_reference)).not.toBeNull();
    for (const cells of bad.filter((c) => c.police_reference)) expect(await incidentByReference(use(), cells.police_reference)).toBeNull();
  });

  it('reports every problem of one row, not just the first', async () => {
    const path = await files.write('many.csv', toCsv([notificationCells({ risk_grade: 'severe', surname: '', date_of_birth: 'soon' })]));
    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });
    expect(report.rejected.map((r) => [r.line, r.column])).toEqual([[2, 'risk_grade'], [2, 'surname'], [2, 'date_of_birth']]);
    expect(report.accepted).toBe(0);
  });

  it('saves nothing and says the file is not valid CSV when a quote is never closed', async () => {
    const before = await intakeCounts(use(), tables);
    const valid = toCsv([notificationCells(), notificationCells()]);
    const broken = `${valid}${notificationCells().police_reference},"2026-11-20T10:00,unclosed\n`;
    const path = await files.write('broken.csv', broken);

    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });

    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]?.message).toMatch(/^the file is not valid CSV near line \d+: check the quotes$/);
    expect(report.accepted).toBe(0);
    expect(await intakeCounts(use(), tables)).toEqual(before);
  });

  it('rejects an empty file with a plain reason', async () => {
    const path = await files.write('empty.csv', '');
    const report = await importNotificationFile(use(), actor, { path, now: FIXED_NOW });
    expect(report.rejected).toEqual([{ line: 1, column: '', message: 'the file is empty: it needs a header row and at least one notification' }]);
  });

  it('checks but saves nothing on a dry run, reporting what would happen', async () => {
    const before = await intakeCounts(use(), tables);
    const rows = [notificationCells(), notificationCells(), notificationCells({ risk_grade: '' })];
    const path = await files.write('dry.csv', toCsv(rows));

    const report = await importNotificationFile(use(), actor, { path, dryRun: true, now: FIXED_NOW });

    expect(report).toMatchObject({ dryRun: true, rows: 3, accepted: 2, rejected: [{ line: 4, column: 'risk_grade', message: 'risk_grade is missing' }] });
    expect(await intakeCounts(use(), tables)).toEqual(before);
    for (const cells of rows) expect(await incidentByReference(use(), cells.police_reference)).toBeNull();
  });
});
