/**
 * Recording a notification by hand (GOV.UK form): errors re-rendered with status 400, an error summary linking
 * to each field, "Error:" in the title and what was typed kept; a valid one goes to its incident.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild, notificationCells } from '../fixtures/notifications.ts';
import { countRows, incidentByReference } from '../fixtures/records.ts';
import { errorSummary, inputValue, selectedOption, titleOf, visibleText } from '../fixtures/html.ts';

const TITLE = 'Record a missing notification – Homeward';

describeEachDatabase('the notification form', (use) => {
  let app: FastifyInstance;
  let officer: Agent;

  beforeAll(async () => {
    app = await buildTestApp(use());
    officer = await new Agent(app).signIn('missing_officer');
  });
  afterAll(() => app.close());

  it('shows every problem at once, linked to its field, and keeps what was typed', async () => {
    await officer.get('/notifications/new');
    const typed = notificationCells({ last_seen_at: '20/11/2026', risk_grade: '', date_of_birth: '31/02/2012', forename: 'Robin', found_at: '2026-11-19T08:00' });
    const before = await countRows(use(), incidents);

    const res = await officer.post('/notifications/new', typed);

    expect(res.statusCode).toBe(400);
    expect(titleOf(res.body)).toBe(`Error: ${TITLE}`);
    expect(errorSummary(res.body)).toEqual([
      ['#last_seen_at', 'When the child was last seen needs a time as well as a date (a time is needed to measure 24 and 72 hours)'],
      ['#risk_grade', 'Enter the risk grade'],
      ['#date_of_birth', 'The date of birth 31/02/2012 is not a real date'],
    ]);
    // Each linked field exists on the page and carries its own message.
    for (const [href, text] of errorSummary(res.body)) {
      expect(res.body).toContain(`id="${href.slice(1)}"`);
      expect(res.body).toMatch(new RegExp(`<p id="${href.slice(1)}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${text.replace(/[()]/g, '\\$&')}`));
    }
    expect(inputValue(res.body, 'police_reference')).toBe(typed.police_reference);
    expect(inputValue(res.body, 'last_seen_at')).toBe('20/11/2026');
    expect(inputValue(res.body, 'forename')).toBe('Robin');
    expect(inputValue(res.body, 'date_of_birth')).toBe('31/02/2012');
    expect(selectedOption(res.body, 'missing_from')).toBe('home');
    expect(await countRows(use(), incidents)).toBe(before);
  });

  it('records a valid notification and goes to its incident', async () => {
    await officer.get('/notifications/new');
    const cells = notificationCells({ circumstances: 'Left school at lunchtime, phone off' });

    const res = await officer.post('/notifications/new', cells);

    expect(res.statusCode).toBe(302);
    const incident = await incidentByReference(use(), cells.police_reference);
    expect(incident).toMatchObject({ riskGrade: 'medium', circumstances: 'Left school at lunchtime, phone off', classification: 'home' });
    expect(res.headers.location).toBe(`/incidents/${incident?.id}`);
    const board = await officer.get('/missing-now');
    expect(visibleText(board.body)).toContain(`${cells.forename} ${cells.surname}`);
  });

  it('keeps the form and explains when the child is already recorded as missing', async () => {
    const child = newChild();
    await officer.get('/notifications/new');
    const first = notificationCells({}, child);
    expect((await officer.post('/notifications/new', first)).statusCode).toBe(302);
    await officer.get('/notifications/new');
    const second = notificationCells({ last_seen_at: '2026-11-20T09:00' }, child);

    const res = await officer.post('/notifications/new', second);

    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      ['#police_reference', `The child is already recorded as missing under ${first.police_reference}; send when the child was found for that incident first`],
    ]);
    expect(inputValue(res.body, 'police_reference')).toBe(second.police_reference);
    expect(await incidentByReference(use(), second.police_reference)).toBeNull();
  });

  it('treats the same notification sent again as already recorded, not a duplicate', async () => {
    await officer.get('/notifications/new');
    const cells = notificationCells();
    const first = await officer.post('/notifications/new', cells);
    await officer.get('/notifications/new');
    const again = await officer.post('/notifications/new', cells);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe(first.headers.location);
  });
});
