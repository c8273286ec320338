/**
 * Acting in time, in a real browser with the real clock, background work and a real SMTP server: a child is
 * found → their return interview appears on the worklist with its countdown → it is recorded → the police
 * report the child missing for the 4th time in 90 days and the open board shows it without a refresh → the
 * meeting request and its explanation are there → the Missing Officer acknowledges the alert → the alert
 * e-mail has arrived. Every page is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { demoUserEmail } from '../support/app.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { newChild } from '../fixtures/notifications.ts';
import { notify } from '../route/children-support.ts';
import { browserAvailable, checkAxe, launchBrowser, startApp, type RunningApp } from './support.ts';

const DAY = 86_400_000;
const child = newChild();
/** `yyyy-mm-ddThh:mm` (UTC) `days` before now, as the fixtures write times. */
const daysAgo = (days: number, hour = 18) => new Date(Date.now() - days * DAY).toISOString().slice(0, 11) + `${String(hour).padStart(2, '0')}:00`;

describe.skipIf(!browserAvailable())('found → return interview → repeat missing → alert acknowledged [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    [running, browser] = await Promise.all([
      startApp(undefined, { backgroundWork: true, env: { HOMEWARD_SMTP_URL: smtp.url, HOMEWARD_PUBLIC_URL: 'http://homeward.test.example' } }),
      launchBrowser(),
    ]);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await smtp?.close();
  });

  const go = async (path: string) => {
    await page.goto(`${running.baseUrl}${path}`);
    await checkAxe(page);
  };
  const episode = (days: number, found: boolean) => ({
    last_seen_at: daysAgo(days, 18), reported_at: daysAgo(days, 19), notified_at: daysAgo(days, 20), ...(found ? { found_at: daysAgo(days - 1, 9) } : {}),
  });

  it('takes the Missing Officer from a found child to an acknowledged repeat-missing alert', async () => {
    // Two earlier episodes this autumn, and one open now.
    for (const days of [40, 20]) await notify(running.db, { child, cells: episode(days, true) });
    const third = await notify(running.db, { child, cells: episode(2, false) });

    await page.goto(`${running.baseUrl}/sign-in`);
    await page.fill('#email', demoUserEmail('missing_officer'));
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL('**/missing-now'), page.click('button:has-text("Sign in")')]);

    // Found: the return interview is requested and is on the worklist with its countdown.
    await go(`/incidents/${third.incidentId}/found`);
    await page.fill('#foundAt', new Date(Date.now() - 3_600_000).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' }).replace(',', ''));
    await page.fill('#foundLocation', 'A friend’s flat in the town centre');
    await page.locator('input[name=foundBy]').first().check();
    await page.check('input[name=harm][value=none]');
    await Promise.all([page.waitForURL(`**/incidents/${third.incidentId}`), page.click('button:has-text("Save found details")')]);
    await go('/return-interviews');
    const row = page.locator('#return-interviews tr', { hasText: `Incident ${third.reference}` });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/\d+ hours? left|due in/i);

    // Recorded: the offer, and that it was completed.
    await Promise.all([page.waitForURL('**/return-interviews/*'), row.locator('a').first().click()]);
    await checkAxe(page);
    const ukNow = new Date(Date.now() - 60_000).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' }).replace(',', '');
    await page.fill('#offeredAt', ukNow);
    await page.check('input[name=offerMethod][value=in_person]');
    await page.fill('#offeredBy', 'Return interview worker, family service');
    await page.check('input[name=offeredByIndependent][value=yes]');
    await page.check('input[name=outcome][value=completed]');
    await page.fill('#completedAt', ukNow);
    await page.fill('#childWords', 'I went to my friend’s because it was loud at home.');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Save return interview")')]);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The return interview is saved.');

    // The 4th report arrives while the board is open: it appears without a refresh.
    await go('/missing-now');
    await page.waitForFunction(() => document.documentElement.dataset.liveConnected === 'yes');
    expect(await page.locator('#missing-now').innerText()).not.toContain(child.surname);
    await new Promise((r) => setTimeout(r, 300));
    await notify(running.db, { role: 'police', child, cells: episode(0.2, false) });
    await expect.poll(() => page.locator('#missing-now').innerText(), { timeout: 10_000 }).toContain(child.surname);
    await expect.poll(() => page.locator('#live-status').innerText()).toMatch(/The board was updated/);
    await checkAxe(page);

    // The meeting request and its explanation, and the alert to acknowledge.
    await go('/meetings');
    expect(await page.locator('main').innerText()).toMatch(/4 incidents between/);
    await go('/alerts');
    const card = page.locator('.app-alert', { hasText: 'Repeat missing: meeting requested' });
    expect(await card.innerText()).toMatch(/4 incidents between/);
    await Promise.all([page.waitForURL('**/alerts'), card.locator('button:has-text("Acknowledge")').click()]);
    await checkAxe(page);
    await go('/alerts?show=all');
    expect(await page.locator('.app-alert', { hasText: 'Repeat missing: meeting requested' }).innerText()).toMatch(/Acknowledged/);

    // The alert's e-mail reached the Missing Officer, with a link and no name.
    const officerEmail = demoUserEmail('missing_officer');
    await expect.poll(() => smtp.received.some((m) => m.to.includes(officerEmail) && /repeat missing/i.test(m.subject)), { timeout: 15_000 }).toBe(true);
    const mail = smtp.received.find((m) => /repeat missing/i.test(m.subject));
    expect(mail?.raw).toMatch(/http:\/\/homeward\.test\.example\/alerts\/[0-9a-f-]{36}/);
    expect(mail?.raw).not.toContain(child.surname);
  });
});
