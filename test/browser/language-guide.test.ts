/**
 * The language guide while typing, with the keyboard only: typing a phrase into a text box shows the advice
 * below it and a polite status message says how many suggestions there are, focus staying in the box; the
 * child's own words get no advice; the text is never changed; saving shows the advice again. Checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { endedIncident } from '../route/return-interview-support.ts';
import { demoUserEmail } from '../support/app.ts';
import { browserAvailable, button, checkAxe, focused, launchBrowser, pressForNewPage, startApp, tabTo, typeInto, type RunningApp } from './support.ts';

const STATUS = '[data-language-guide-status]';

describe.skipIf(!browserAvailable())('the language guide while typing [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let rhiUrl = '';

  const statusText = () => page.locator(STATUS).textContent();
  const waitForStatus = (text: string) => page.waitForFunction(([selector, wanted]) => document.querySelector(selector ?? '')?.textContent === wanted, [STATUS, text]);

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    const { rhiId } = await endedIncident(running.db, 67);
    rhiUrl = `${running.baseUrl}/return-interviews/${rhiId}`;
    page = await browser.newPage();
    await page.goto(`${running.baseUrl}/sign-in`);
    await typeInto(page, 'email', demoUserEmail('missing_officer'));
    await typeInto(page, 'password', DEMO_PASSWORD);
    await tabTo(page, button('Sign in'));
    await pressForNewPage(page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('shows advice below the box as a phrase is typed, announced politely, focus staying in the box', async () => {
    await page.goto(rhiUrl);
    // Nothing typed yet: no advice, and a quiet status region waiting.
    expect(await page.locator('[data-language-guide-panel]:visible').count()).toBe(0);
    expect(await page.locator(STATUS).getAttribute('aria-live')).toBe('polite');
    await checkAxe(page);

    await typeInto(page, 'notes', 'After an argument she was putting herself at risk at the park.');
    await waitForStatus('Language guide: 1 suggestion');
    const panel = page.locator('#notes-language-guide');
    expect(await panel.isVisible()).toBe(true);
    const advice = await panel.innerText();
    expect(advice).toContain('Language guide: 1 suggestion');
    expect(advice).toContain('“putting herself at risk” – It suggests the child is responsible for the risk that other people pose to them.');
    expect(advice).toContain('You could say: “is at risk from…”');
    expect(await panel.locator('a').getAttribute('href')).toBe('/language-guide#putting-themselves-at-risk');
    expect((await focused(page)).id).toBe('notes');
    expect(await page.locator('#notes').getAttribute('aria-describedby')).toContain('notes-language-guide');
    // Advice, not correction: the text is as typed.
    expect(await page.inputValue('#notes')).toBe('After an argument she was putting herself at risk at the park.');
    await checkAxe(page);
  }, 60_000);

  it('counts again as more is typed, gives each box its own advice, and clears when the words go', async () => {
    await page.locator('#notes').press('End');
    await page.keyboard.type(' She absconded on Friday.');
    await waitForStatus('Language guide: 2 suggestions');
    expect(await page.locator('#notes-language-guide li').count()).toBe(2);

    await typeInto(page, 'notAttemptedReason', 'He is not engaging.');
    await waitForStatus('Language guide: 1 suggestion');
    expect(await page.locator('#notAttemptedReason-language-guide').innerText()).toContain('“not engaging”');
    expect(await page.locator('#notes-language-guide li').count()).toBe(2);

    await typeInto(page, 'notAttemptedReason', '');
    await waitForStatus('Language guide: no suggestions');
    expect(await page.locator('#notAttemptedReason-language-guide').isVisible()).toBe(false);
    expect(await page.locator('#notAttemptedReason').getAttribute('aria-describedby')).not.toContain('language-guide');
  }, 60_000);

  it('leaves the child’s own words alone', async () => {
    const before = await statusText();
    await typeInto(page, 'childWords', 'I am a runaway, I was putting myself at risk.');
    await page.waitForTimeout(1000);
    expect(await page.locator('#childWords-language-guide').count()).toBe(0);
    expect(await statusText()).toBe(before);
  }, 60_000);

  it('shows the advice again after saving, without stopping the save', async () => {
    await tabTo(page, button('Save return interview'));
    await pressForNewPage(page);
    const banner = await page.locator('.govuk-notification-banner').innerText();
    expect(banner).toContain('The return interview is saved.');
    expect(banner).toContain('Language guide: what you saved includes 2 phrases');
    expect(banner).not.toContain('runaway');
    // The saved notes come back with their advice shown, quietly.
    await page.locator('#notes-language-guide').waitFor({ state: 'visible' });
    expect(await page.locator('#notes-language-guide li').count()).toBe(2);
    await checkAxe(page);
  }, 60_000);

  it('has a guide page that passes axe', async () => {
    await page.goto(`${running.baseUrl}/language-guide#absconded`);
    expect(await page.locator('h1').innerText()).toBe('Language guide');
    await checkAxe(page);
  }, 60_000);
});
