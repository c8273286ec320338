/**
 * Drafts and the session timeout, in Chromium with the keyboard: a return interview worker types into the
 * interview form, sees "Draft saved", closes the tab, opens the form in a new one and restores the draft. Then
 * the timeout warning (shortened by the page's data attribute) takes focus, keeps it, passes axe, and "Stay
 * signed in" keeps the session; left to run out, it saves what was typed, signs out, says why on the sign-in
 * page, and signing in again returns to the form with the draft waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sessions } from '../../src/db/schema.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { endedIncident } from '../route/return-interview-support.ts';
import { demoUserEmail } from '../support/app.ts';
import { browserAvailable, button, checkAxe, focused, launchBrowser, pressForNewPage, startApp, tabTo, typeInto, type RunningApp } from './support.ts';

const CHILD_WORDS = 'I stayed at a friend’s because home felt tense.';

describe.skipIf(!browserAvailable())('drafts and the session timeout warning [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let formUrl = '';

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    formUrl = `${running.baseUrl}/return-interviews/${(await endedIncident(running.db, 67)).rhiId}`;
    context = await browser.newContext();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await typeInto(page, 'email', demoUserEmail('rhi_worker'));
    await typeInto(page, 'password', DEMO_PASSWORD);
    await tabTo(page, button('Sign in'));
    await pressForNewPage(page);
  }

  /** Every session in the database ends `ms` from now (the test's browser has the only one). */
  async function endSessionsIn(ms: number): Promise<void> {
    await running.db.transaction((tx) => tx.update(sessions).set({ expiresAt: new Date(Date.now() + ms) }));
  }

  async function sessionEnds(): Promise<number[]> {
    const rows = await running.db.read((q) => q.select().from(sessions));
    return rows.map((r) => r.expiresAt.getTime() - Date.now());
  }

  /** The warning shows once less than this many seconds remain (3 seconds after the page loads). */
  async function warnAlmostAtOnce(page: Page): Promise<void> {
    await page.evaluate(() => {
      document.body.dataset.sessionWarningSeconds = String(Number(document.body.dataset.sessionIdleSeconds) - 3);
    });
  }

  it('saves what is typed, and offers it back in a new tab after the first was closed', async () => {
    const page = await context.newPage();
    await page.goto(formUrl);
    await signIn(page);
    expect(page.url()).toBe(formUrl);
    await typeInto(page, 'childWords', CHILD_WORDS);
    const status = page.locator(`form[action="${new URL(formUrl).pathname}"] .app-draft-status`);
    await status.filter({ hasText: 'Draft saved at 12:00' }).waitFor({ timeout: 10_000 });
    expect(await status.getAttribute('role')).toBe('status');
    await page.close();

    const again = await context.newPage();
    await again.goto(formUrl);
    const banner = again.locator('.app-draft-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toContain('You have a draft of this form saved at 12:00');
    expect(await again.inputValue('#childWords')).toBe('');
    await checkAxe(again);
    await tabTo(again, button('Restore it'));
    await again.keyboard.press('Enter');
    expect(await again.inputValue('#childWords')).toBe(CHILD_WORDS);
    expect(await banner.innerText()).toContain('Your draft from 12:00 is back in the form');
    expect(await again.evaluate(() => document.activeElement?.classList.contains('app-draft-banner'))).toBe(true);
    await checkAxe(again);
    await again.close();
  }, 60_000);

  it('warns before the session ends, keeps focus in the warning, and "Stay signed in" or Escape keeps the session', async () => {
    const page = await context.newPage();
    await page.goto(formUrl);
    const dialog = page.locator('dialog.app-timeout-dialog');
    /** The session is about to end; the person answers the warning with `keys`; the session goes on 30 minutes. */
    async function answerWarning(keys: string[]): Promise<void> {
      await endSessionsIn(90_000);
      await page.keyboard.press(keys[0] ?? 'Escape');
      for (const key of keys.slice(1)) await page.keyboard.press(key);
      // Back to the usual warning time, before the shortened one would warn again.
      await page.evaluate(() => {
        document.body.dataset.sessionWarningSeconds = '120';
      });
      await dialog.waitFor({ state: 'detached', timeout: 5000 });
      await expect.poll(async () => (await sessionEnds())[0] ?? 0, { timeout: 5000 }).toBeGreaterThan(29 * 60_000);
    }

    await warnAlmostAtOnce(page);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.innerText()).toContain('You will be signed out in 30 minutes');
    expect((await focused(page)).text).toBe('Stay signed in');
    await checkAxe(page);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Sign out');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Stay signed in');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).text).toBe('Sign out');
    await answerWarning(['Shift+Tab', 'Enter']);

    await warnAlmostAtOnce(page);
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    await answerWarning(['Escape']);
    expect(await sessionEnds()).toHaveLength(1);
    await page.reload();
    expect(page.url()).toBe(formUrl);
    await page.close();
  }, 60_000);

  it('at the end saves what was typed, signs out, says why, and returns to the form after signing in', async () => {
    const page = await context.newPage();
    await page.goto(formUrl);
    // Back at work on the draft: restored, and saved again a moment later.
    await tabTo(page, button('Restore it'));
    await page.keyboard.press('Enter');
    await page.locator(`form[action="${new URL(formUrl).pathname}"] .app-draft-status`).filter({ hasText: 'Draft saved at' }).waitFor({ timeout: 10_000 });
    await endSessionsIn(9000);
    await warnAlmostAtOnce(page);
    await page.locator('dialog.app-timeout-dialog').waitFor({ state: 'visible', timeout: 15_000 });
    // Typed in the moment before the warning, so not yet saved as a draft.
    await page.evaluate(() => {
      (document.getElementById('notes') as HTMLTextAreaElement).value = 'Arguments about curfew';
    });
    await page.waitForURL(`${running.baseUrl}/sign-in`, { timeout: 20_000 });
    expect(await page.locator('.govuk-notification-banner').innerText())
      .toContain('You were signed out after 30 minutes without activity. Anything you typed has been saved as a draft.');
    await checkAxe(page);

    await signIn(page);
    expect(page.url()).toBe(formUrl);
    await page.locator('.app-draft-banner').waitFor({ timeout: 10_000 });
    await tabTo(page, button('Restore it'));
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#notes')).toBe('Arguments about curfew');
    expect(await page.inputValue('#childWords')).toBe(CHILD_WORDS);
  }, 60_000);
});
