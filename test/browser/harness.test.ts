/** The harness itself: the axe check must fail, readably, on a page that breaks WCAG, and pass on one that does not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, checkAxe, launchBrowser } from './support.ts';

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>Harness check</title></head><body><main><h1>Harness check</h1>${body}</main></body></html>`;

describe.skipIf(!browserAvailable())('browser harness [chromium]', () => {
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    tab = await browser.newPage();
  });
  afterAll(() => browser?.close());

  it('passes a page with no WCAG 2.2 A/AA problems', async () => {
    await tab.setContent(page('<p>Plain text.</p><label for="name">Name</label><input id="name" type="text">'));
    await expect(checkAxe(tab)).resolves.toBeUndefined();
  });

  it('fails with each violation, where it is and why, on a page that breaks WCAG', async () => {
    await tab.setContent(page('<img src="data:image/png;base64,iVBORw0KGgo="><input id="unlabelled" type="text">'));
    const error = await checkAxe(tab).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^axe found 2 WCAG 2\.2 A\/AA violation\(s\) on about:blank \("Harness check"\):/);
    expect(error?.message).toContain('image-alt (critical): Images must have alternative text');
    expect(error?.message).toMatch(/label \(critical\): Form elements must have labels\n {4}at #unlabelled: /);
  });
});
