/**
 * A Manager, keyboard only, opens Reports from their home page, picks the committee measures for a quarter and
 * Table 1 for publication, and downloads a workbook. Every page passes axe (WCAG 2.2 A and AA) with its charts
 * drawn, and the page's content security policy blocks nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { demoUserEmail } from '../support/app.ts';
import { FIXED_NOW, notify } from '../route/children-support.ts';
import { browserAvailable, button, checkAxe, chooseOption, launchBrowser, link, pressForNewPage, startApp, tabTo, typeInto, type RunningApp } from './support.ts';

describe.skipIf(!browserAvailable())('Reports, keyboard only [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    // 2024/25 Q1: eight incidents from home, in two districts, and two from care; each child found the next day.
    for (let i = 0; i < 10; i++) {
      const day = `2024-05-${String(10 + i)}`;
      await notify(running.db, { cells: { missing_from: i < 8 ? 'home' : 'care', district: i % 2 ? 'Gedling' : 'Ashfield', last_seen_at: `${day}T18:00`, reported_at: `${day}T19:00`, notified_at: `${day}T20:00`, found_at: `2024-05-${String(11 + i)}T08:00` } });
    }
    page = await browser.newPage({ acceptDownloads: true });
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) blocked.push(message.text());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const path = () => new URL(page.url()).pathname + new URL(page.url()).search;

  it('reaches the committee measures for a quarter from the home page, with charts that pass axe', async () => {
    await page.goto(`${running.baseUrl}/sign-in`);
    await typeInto(page, 'email', demoUserEmail('manager'));
    await typeInto(page, 'password', DEMO_PASSWORD);
    await tabTo(page, button('Sign in'));
    await pressForNewPage(page);

    await tabTo(page, link('Reports'));
    await pressForNewPage(page);
    expect(path()).toBe('/reports');
    await checkAxe(page);

    await tabTo(page, link('Committee performance measures'));
    await pressForNewPage(page);
    await checkAxe(page);
    await chooseOption(page, 'fy', '2024/25');
    await chooseOption(page, 'quarter', 'Q1');
    await tabTo(page, button('Show report'));
    await pressForNewPage(page);
    expect(path()).toBe('/reports/committee?fy=2024%2F25&quarter=Q1&published=false');
    expect(await page.locator('h1').innerText()).toContain('Committee performance measures');

    // Each chart is drawn (inline SVG with a size on the page) and has its figures in a table.
    const charts = page.locator('figure.app-chart svg[role="img"]');
    expect(await charts.count()).toBeGreaterThan(0);
    const box = await charts.first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(150);
    expect(await page.locator('figure.app-chart table').count()).toBe(await charts.count());
    await checkAxe(page);
    expect(blocked).toEqual([]);
  }, 120_000);

  it('shows Table 1 for publication and downloads the workbook from the keyboard', async () => {
    await page.goto(`${running.baseUrl}/reports/table1?fy=2024%2F25&published=true`);
    expect(await page.locator('.govuk-table').first().innerText()).toContain('<5');
    await checkAxe(page);
    // The print button appears where a script can open the print dialogue.
    expect(await page.locator('button:has-text("Print this report")').isVisible()).toBe(true);

    await tabTo(page, link('Excel workbook (XLSX)'));
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('table1-2024-25.xlsx');
    expect(blocked).toEqual([]);
  }, 120_000);
});
