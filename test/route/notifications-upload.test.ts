/**
 * Uploading a CSV file of notifications: a multipart form whose CSRF token travels in the query string (the
 * body is streamed, so the token must be readable before it); the result page lists every rejected line.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { notificationCells, toCsv } from '../fixtures/notifications.ts';
import { countRows, incidentByReference } from '../fixtures/records.ts';
import { errorSummary, titleOf, visibleText } from '../fixtures/html.ts';

const BOUNDARY = '----homeward-test-boundary';

/** A multipart body as a browser sends the upload form: the mode radio, then the file (if any). */
function multipart(parts: { mode?: string; file?: { name: string; content: string } }): string {
  const lines: string[] = [];
  if (parts.mode) lines.push(`--${BOUNDARY}`, 'Content-Disposition: form-data; name="mode"', '', parts.mode);
  if (parts.file) {
    lines.push(`--${BOUNDARY}`, `Content-Disposition: form-data; name="file"; filename="${parts.file.name}"`, 'Content-Type: text/csv', '', parts.file.content);
  }
  lines.push(`--${BOUNDARY}--`, '');
  return lines.join('\r\n');
}

describeEachDatabase('uploading a file of notifications', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use());
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  /** Opens the upload page and sends the form as it says: to its action, with its token in the query string. */
  async function upload(parts: Parameters<typeof multipart>[0], options: { token?: boolean } = {}) {
    const page = await officer.get('/notifications/upload');
    const action = /<form method="post" action="(\/notifications\/upload[^"]*)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(action).toMatch(/^\/notifications\/upload\?_csrf=[^&]+$/);
    const url = options.token === false ? '/notifications/upload' : action;
    return officer.send({ method: 'POST', url, payload: multipart(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
  }

  it('saves the correct rows and lists each rejected line with its reason', async () => {
    const good = [notificationCells(), notificationCells()];
    const bad = notificationCells({ found_at: '2026-11-20T07:00' });
    const csv = toCsv([good[0] ?? notificationCells(), bad, good[1] ?? notificationCells()]);

    const res = await upload({ mode: 'import', file: { name: 'police-export.csv', content: csv } });

    expect(res.statusCode).toBe(400);
    expect(titleOf(res.body)).toBe('File imported – Homeward');
    const text = visibleText(res.body);
    expect(text).toContain('Rows in the file 3');
    expect(text).toContain('New notifications 2');
    expect(text).toContain('Rows rejected 1');
    expect(text).toContain('Line 3: found_at is before last_seen_at');
    for (const cells of good) expect(await incidentByReference(use(), cells.police_reference)).not.toBeNull();
    expect(await incidentByReference(use(), bad.police_reference)).toBeNull();
  });

  it('only checks the file when asked, saving nothing', async () => {
    const before = await countRows(use(), incidents);
    const res = await upload({ mode: 'check', file: { name: 'check.csv', content: toCsv([notificationCells()]) } });
    expect(res.statusCode).toBe(200);
    expect(titleOf(res.body)).toBe('File checked – Homeward');
    expect(visibleText(res.body)).toContain('Nothing was saved: this was a check only.');
    expect(await countRows(use(), incidents)).toBe(before);
  });

  it('asks for a file when none was chosen', async () => {
    const res = await upload({ mode: 'import' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([['#file', 'Select a CSV file to upload']]);
  });

  it('refuses an upload without the CSRF token and saves nothing', async () => {
    const before = await countRows(use(), incidents);
    const res = await upload({ mode: 'import', file: { name: 'x.csv', content: toCsv([notificationCells()]) } }, { token: false });
    expect(res.statusCode).toBe(403);
    expect(titleOf(res.body)).toBe('Your form could not be sent – Homeward');
    expect(await countRows(use(), incidents)).toBe(before);
  });
});
