/**
 * A Missing Officer records a police notification using the keyboard only (Tab, Shift+Tab, Enter, typing;
 * no mouse): signs in, opens "Record a notification", sends it once with mistakes, corrects them, sends it,
 * lands on the incident and finds the child on "Missing now"; then opens the incident from the board, records
 * that the child was found, and sees both events in the child's chronology. Every page visited is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { demoUserEmail } from '../support/app.ts';
import { newChild, newReference } from '../fixtures/notifications.ts';
import {
  browserAvailable, button, checkAxe, chooseOption, field, launchBrowser, link, pressForNewPage, startApp, tabTo, typeInto,
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
    expect(await page.locator('h1').innerText()).toContain(`Incident ${reference}`);
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

  /** From the board to the incident, then "Record that the child has been found", all by keyboard. */
  async function markFound(): Promise<void> {
    await tabTo(page, link(`Incident ${reference}`));
    await pressForNewPage(page);
    await checkAxe(page);
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Record that the child has been found');
    await pressForNewPage(page);
    expect(path()).toMatch(/\/found$/);
    await checkAxe(page);
    await typeInto(page, 'foundAt', '20/11/2026 15:45');
    await typeInto(page, 'foundLocation', "A friend's home");
    // Radios: Tab reaches the group, Space chooses the focused option.
    await tabTo(page, field('foundBy'));
    await page.keyboard.press('Space');
    await tabTo(page, field('harm'));
    await page.keyboard.press('Space');
    await tabTo(page, button('Save found details'));
    await pressForNewPage(page);
    expect(path()).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await checkAxe(page);
    expect(await page.locator('main').innerText()).toContain('20/11/2026 15:45');
  }

  async function chronologyShowsBoth(): Promise<void> {
    await tabTo(page, link(`${child.forename} ${child.surname}`));
    await pressForNewPage(page);
    expect(path()).toMatch(/^\/children\/[0-9a-f-]{36}$/);
    await checkAxe(page);
    const chronology = await page.locator('main').innerText();
    const found = chronology.indexOf(`Found (incident ${reference})`);
    const reported = chronology.indexOf(`Reported missing (incident ${reference})`);
    expect(found).toBeGreaterThan(-1);
    expect(reported).toBeGreaterThan(-1);
    // Newest first: the child was found after being reported missing.
    expect(found).toBeLessThan(reported);
  }

  it('signs in, records a notification after correcting mistakes, finds the child missing now, marks them found and sees both in the chronology', async () => {
    await signIn();
    await openFromNavigation('Record a notification', '/notifications/new');
    await sendWithMistakes();
    await correctAndSend();
    await onIncidentPage();
    await seeChildMissingNow();
    await markFound();
    await chronologyShowsBoth();
  }, 180_000);
});
