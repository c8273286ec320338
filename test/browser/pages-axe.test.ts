/**
 * Every page of the app, for the role that uses it, passes axe (WCAG 2.2 A and AA) on the demo partnership:
 * the board, search, the child record, the incident and its forms, uploads and their results, admin, errors.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { like } from 'drizzle-orm';
import { emailOutbox } from '../../src/db/schema.ts';
import type { Role } from '../../src/modules/access/actor.ts';
import { sweepAlerts } from '../../src/modules/alerts/sweeps.ts';
import { loadDemo } from '../../src/modules/demo/load.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { browserAvailable, checkAxe, launchBrowser, signedInPage, startApp, type RunningApp } from './support.ts';

describe.skipIf(!browserAvailable())('every page passes axe [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    await loadDemo(running.db, { now: FIXED_NOW });
    // Overdue interviews alert, and five hours on, unacknowledged alerts have been escalated to managers.
    await sweepAlerts(running.db, FIXED_NOW);
    await sweepAlerts(running.db, new Date(FIXED_NOW.getTime() + 5 * 3_600_000));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const signedIn = (role: Role): Promise<Page> => signedInPage(browser, running.baseUrl, role);

  async function visit(page: Page, path: string, expectedStatus = 200): Promise<void> {
    const response = await page.goto(`${running.baseUrl}${path}`);
    expect(response?.status(), path).toBe(expectedStatus);
    await checkAxe(page);
  }

  it('the Missing Officer’s pages', async () => {
    const page = await signedIn('missing_officer');
    await visit(page, '/missing-now');
    const childHref = await page.locator('#missing-now a[href^="/children/"]').first().getAttribute('href');
    const incidentHref = await page.locator('#missing-now a[href^="/incidents/"]').first().getAttribute('href');
    const foundHref = await page.locator('#found-recently a[href^="/incidents/"]').first().getAttribute('href');
    for (const path of [
      '/notifications/new', '/notifications/upload', '/children', '/children?q=a', '/children?q=zzzzqqq',
      `${childHref}`, `${childHref}/care-status`, `${incidentHref}`, `${incidentHref}/found`, `${incidentHref}/correct`,
      `${incidentHref}/classification`, `${foundHref}`,
    ]) await visit(page, path);
    await visit(page, '/return-interviews');
    const rhiHref = await page.locator('#return-interviews a[href^="/return-interviews/"]').first().getAttribute('href');
    for (const path of ['/return-interviews?show=overdue', `${rhiHref}`]) await visit(page, path);
    // The interview form with its errors: not attempted, no reason given.
    await page.check('#outcome-5');
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Save return interview")')]);
    expect(await page.title()).toContain('Error:');
    await checkAxe(page);
    await visit(page, '/meetings');
    const openMeeting = await page.locator('#open-meetings a[href^="/meetings/"]').first().getAttribute('href');
    const closedMeeting = await page.locator('#closed-meetings a[href^="/meetings/"]').first().getAttribute('href');
    for (const path of [`${openMeeting}`, `${closedMeeting}`]) await visit(page, path);
    for (const path of ['/alerts', '/alerts?show=all']) await visit(page, path);
    expect(await page.locator('.app-alert').count()).toBeGreaterThan(0);
    await visit(page, '/no-such-page', 404);
  }, 120_000);

  it('the alert confirmation page another authority opens from its e-mail, with an error', async () => {
    const [mail] = await running.db.read((q) => q.select().from(emailOutbox).where(like(emailOutbox.linkPath, '/alert-confirmation/%')).limit(1));
    const page = await browser.newPage();
    await visit(page, mail?.linkPath ?? '/alert-confirmation/none');
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Confirm I have received this")')]);
    expect(await page.title()).toContain('Error:');
    await checkAxe(page);
    await visit(page, '/alert-confirmation/not-a-real-token-0123456789', 404);
  }, 60_000);

  it('the upload result page, with rejected rows', async () => {
    const page = await signedIn('missing_officer');
    await visit(page, '/notifications/upload');
    const file = join(tmpdir(), `homeward-axe-${Date.now()}.csv`);
    await writeFile(file, 'police_reference,reported_at\nREF-1,not a time\n');
    await page.setInputFiles('#file', file);
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Upload")')]);
    expect(await page.locator('h1').innerText()).toBe('File imported');
    await checkAxe(page);
  }, 60_000);

  it('the administrator’s and manager’s pages, and the sign-in page with an error', async () => {
    await visit(await signedIn('admin'), '/admin/api-keys');
    const manager = await signedIn('manager');
    await visit(manager, '/');
    await visit(manager, '/alerts');
    expect(await manager.locator('.app-alert', { hasText: 'Alert not acknowledged' }).count()).toBeGreaterThan(0);
    const page = await browser.newPage();
    await page.goto(`${running.baseUrl}/sign-in`);
    await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Sign in")')]);
    expect(await page.title()).toContain('Error:');
    await checkAxe(page);
  }, 60_000);

  it('the exploitation pages: panels, agendas, pen pictures, plans, locations, hotspots, the language guide, Tables 2 and 3', async () => {
    const lead = await signedIn('exploitation_lead');
    await visit(lead, '/panels');
    const panelHref = await lead.locator('main a[href^="/panels/"]').first().getAttribute('href');
    await visit(lead, `${panelHref}`);
    const penPicture = await lead.locator('main a[href$="/pen-picture"]').first().getAttribute('href');
    const childHref = penPicture?.replace('/pen-picture', '') ?? '/children/none';
    for (const path of [`${penPicture}`, `${childHref}/plan`, `${childHref}/exploitation`, `${childHref}/allocation`, `${childHref}/concerns/new`, `${childHref}/exploitation-meetings/new`]) await visit(lead, path);
    // The meeting, its agenda generated, and every pen picture in one printable page.
    await lead.goto(`${running.baseUrl}${panelHref}`);
    await lead.fill('#meetsOn', '28/11/2026');
    await Promise.all([lead.waitForEvent('load'), lead.click('button:has-text("Plan the meeting")')]);
    await Promise.all([lead.waitForEvent('load'), lead.click('button:has-text("Generate the agenda")')]);
    await checkAxe(lead);
    await visit(lead, `${new URL(lead.url()).pathname}/pen-pictures`);
    for (const path of ['/panel-actions', '/panel-actions?overdue=yes', '/hotspots', '/locations', '/locations/new', '/persons', '/persons/new', '/language-guide', '/reports/table2', '/reports/table3', '/reports/language']) await visit(lead, path);
    await lead.goto(`${running.baseUrl}/locations`);
    const locationHref = await lead.locator('main a[href^="/locations/"]:not([href="/locations/new"])').first().getAttribute('href');
    await visit(lead, `${locationHref}`);
    await lead.goto(`${running.baseUrl}/persons`);
    const personHref = await lead.locator('main a[href^="/persons/"]:not([href="/persons/new"])').first().getAttribute('href');
    await visit(lead, `${personHref}`);
    // A social worker without a need to know is refused, and offered break-glass; the data protection officer's pages.
    const worker = await signedIn('social_worker');
    await visit(worker, `${childHref}/break-glass`);
    const dpo = await signedIn('admin');
    for (const path of ['/break-glass-reviews', `${childHref}/restriction`, `${childHref}/access-log`, '/admin/security', '/account/security']) await visit(dpo, path);
  }, 180_000);
});
