/**
 * A Missing Officer, keyboard only, opens the Philomena profile of a child looked after who is missing now,
 * sends Part 1 with a mistake, corrects it, fills in Part 2 and creates the police packet. The profile, the form
 * with its errors, Part 2 and the packet pass axe (WCAG 2.2 A and AA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { addPhoto } from '../../src/modules/philomena/photo.service.ts';
import { demoUserEmail } from '../support/app.ts';
import { tinyPng } from '../fixtures/philomena-images.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW, lookedAfterChild } from '../route/philomena-support.ts';
import { browserAvailable, button, checkAxe, launchBrowser, link, pressForNewPage, startApp, tabTo, typeInto, type RunningApp } from './support.ts';

describe.skipIf(!browserAvailable())('the Philomena profile and the police packet, keyboard only [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let childId: string;
  let incidentId: string;
  let reference: string;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    ({ childId, incidentId, reference } = await lookedAfterChild(running.db));
    await addPhoto(running.db, await actorOf(running.db, 'missing_officer'), childId, { bytes: tinyPng(40, 50), tooLarge: false, takenOn: '2026-11-01' }, FIXED_NOW);
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const path = () => new URL(page.url()).pathname;

  async function signIn(): Promise<void> {
    await page.goto(`${running.baseUrl}/sign-in`);
    await typeInto(page, 'email', demoUserEmail('missing_officer'));
    await typeInto(page, 'password', DEMO_PASSWORD);
    await tabTo(page, button('Sign in'));
    await pressForNewPage(page);
  }

  it('goes from the child’s record to the profile, corrects a mistake, and creates the packet', async () => {
    await signIn();
    await page.goto(`${running.baseUrl}/children/${childId}`);
    await tabTo(page, link('Philomena profile'));
    await pressForNewPage(page);
    expect(path()).toBe(`/children/${childId}/philomena`);
    await checkAxe(page);

    await typeInto(page, 'hair', 'Dark brown, in braids');
    await typeInto(page, 'reviewedOn', '32/11/2026');
    await tabTo(page, button('Save profile'));
    await pressForNewPage(page);
    expect(await page.title()).toMatch(/^Error: Philomena profile/);
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    await checkAxe(page);
    expect(await page.locator('.govuk-error-summary__list').innerText()).toContain('The date of the review must be a real date');
    expect(await page.inputValue('#hair')).toBe('Dark brown, in braids');
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'The date of the review must be a real date');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'reviewedOn');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('20/11/2026');
    await typeInto(page, 'reviewedBy', 'Jo Finch, social worker');
    await tabTo(page, button('Save profile'));
    await pressForNewPage(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The Philomena profile is saved.');
    await checkAxe(page);

    await tabTo(page, link(`Part 2 for incident ${reference}`));
    await pressForNewPage(page);
    expect(path()).toBe(`/incidents/${incidentId}/philomena`);
    await checkAxe(page);
    await typeInto(page, 'clothing', 'Grey hoodie, black jeans');
    await tabTo(page, button('Save Part 2'));
    await pressForNewPage(page);
    await checkAxe(page);

    await page.goto(`${running.baseUrl}/incidents/${incidentId}`);
    await tabTo(page, link('Create the police packet'));
    await pressForNewPage(page);
    expect(path()).toBe(`/incidents/${incidentId}/police-packet`);
    await checkAxe(page);
    const main = await page.locator('main').innerText();
    expect(main).toContain('OFFICIAL-SENSITIVE');
    expect(main).toContain(reference);
    expect(main).toContain('Grey hoodie, black jeans');
    expect(main).toContain('Dark brown, in braids');
    expect(await page.locator('main img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
    // Printed, the navigation goes: only the packet is left on paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.locator('#marking-top').isVisible()).toBe(true);
  }, 120_000);
});
