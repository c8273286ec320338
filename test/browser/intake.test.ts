/**
 * A Missing Officer records a police notification using the keyboard only (Tab, Shift+Tab, Enter, typing;
 * no mouse): signs in, opens "Record a notification", sends it once with mistakes, corrects them, sends it,
 * lands on the incident and finds the child on "Missing now". Every page visited is checked with axe.
 *
 * Extend the journey with more steps after `onIncidentPage` (e.g. mark found, then the chronology shows both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { demoUserEmail } from '../support/app.ts';
import { newChild, newReference } from '../fixtures/notifications.ts';
import {
  browserAvailable, button, checkAxe, chooseOption, launchBrowser, link, pressForNewPage, startApp, tabTo, typeInto,
  type RunningApp,
} from './support.ts';

const child = newChild();
const reference = newReference();

describe.skipIf(!browserAvailable())('recording a notification with the keyboard only [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(), launchBrowser()]);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const path = () => new URL(page.url()).pathname;

  async function signIn(): Promise<void> {
    await page.goto(`${running.baseUrl}/`);
    expect(path()).toBe('/sign-in');
    await checkAxe(page);
    await typeInto(page, 'email', demoUserEmail('missing_officer'));
    await typeInto(page, 'password', DEMO_PASSWORD);
    await tabTo(page, button('Sign in'));
    await pressForNewPage(page);
    expect(path()).toBe('/missing-now');
    await checkAxe(page);
  }

  async function openFromNavigation(text: string, expectedPath: string): Promise<void> {
    await tabTo(page, link(text));
    await pressForNewPage(page);
    expect(path()).toBe(expectedPath);
    await checkAxe(page);
  }

  /** Sends the form with only some fields, then follows the error summary to the first field to correct. */
  async function sendWithMistakes(): Promise<void> {
    await typeInto(page, 'police_reference', reference);
    await typeInto(page, 'last_seen_at', '20/11/2026');
    await tabTo(page, button('Record notification'));
    await pressForNewPage(page);
    expect(await page.title()).toBe('Error: Record a missing notification – Homeward');
    // GOV.UK Frontend moves focus to the error summary, so a screen reader announces it first.
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    await checkAxe(page);
    const summary = await page.locator('.govuk-error-summary__list').innerText();
    expect(summary).toContain('When the child was last seen needs a time as well as a date');
    expect(summary).toContain('Enter the risk grade');
    // What was typed is still there.
    expect(await page.inputValue('#police_reference')).toBe(reference);
    // The first link in the summary takes the keyboard to the field in question.
    const first = await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('When the child was last seen'));
    expect(first.text).toContain('needs a time');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'last_seen_at');
  }

  async function correctAndSend(): Promise<void> {
    // Focus is on the field with the mistake: correct it there, then move on through the form with Tab.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('20/11/2026 08:00');
    await typeInto(page, 'reported_at', '20/11/2026 10:00');
    await typeInto(page, 'notified_at', '20/11/2026 10:30');
    await typeInto(page, 'forename', child.forename);
    await typeInto(page, 'surname', child.surname);
    await typeInto(page, 'date_of_birth', child.date_of_birth.split('-').reverse().join('/'));
    // Back up the form with Shift+Tab to the drop-downs passed over on the way down.
    await chooseOption(page, 'missing_from', 'Home', { backwards: true });
    await chooseOption(page, 'risk_grade', 'High', { backwards: true });
    expect(await page.inputValue('#risk_grade')).toBe('high');
    expect(await page.inputValue('#missing_from')).toBe('home');
    await tabTo(page, button('Record notification'));
    await pressForNewPage(page);
  }

  async function onIncidentPage(): Promise<void> {
    expect(path()).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await checkAxe(page);
    if ((await page.title()).startsWith('Page not found')) {
      console.info('The incident page is not built yet: the journey goes on to "Missing now".');
      return;
    }
    expect(await page.locator('main').innerText()).toContain(reference);
  }

  async function seeChildMissingNow(): Promise<void> {
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Missing now');
    await pressForNewPage(page);
    expect(path()).toBe('/missing-now');
    await checkAxe(page);
    const row = page.locator('#missing-now tbody tr', { hasText: `${child.forename} ${child.surname}` });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('High');
    expect(await row.innerText()).toContain(`Incident ${reference}`);
  }

  it('signs in, records a notification after correcting mistakes, and finds the child missing now', async () => {
    await signIn();
    await openFromNavigation('Record a notification', '/notifications/new');
    await sendWithMistakes();
    await correctAndSend();
    await onIncidentPage();
    await seeChildMissingNow();
  }, 120_000);
});
