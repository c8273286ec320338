/**
 * The browser test harness: the real app listening on a free port over a migrated PGlite database with the
 * reference data, Chromium driven by playwright-core, keyboard-only helpers, and an axe-core check against
 * WCAG 2.2 A and AA.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Database } from '../../src/db/database.ts';
import type { Role } from '../../src/modules/access/actor.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { buildTestApp, demoUserEmail } from '../support/app.ts';
import { openTestDatabase } from '../support/databases.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser suites can run here. In CI a missing Chromium fails the run; elsewhere it is skipped, loudly. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but there is no Chromium at ${CHROMIUM_PATH}: the browser tests are required in CI. Install Debian's "chromium" package or set CHROMIUM_PATH.`);
  }
  console.warn(`\n*** SKIPPED: browser tests (no Chromium at ${CHROMIUM_PATH}). Install Debian's "chromium" package, or set CHROMIUM_PATH to a Chromium binary, to run them. ***\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningApp {
  baseUrl: string;
  db: Database;
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** The real app, listening on 127.0.0.1 on a port the system picks, over a fresh PGlite database. */
export async function startApp(now?: () => Date, options: { env?: Record<string, string>; backgroundWork?: boolean } = {}): Promise<RunningApp> {
  const { db, drop } = await openTestDatabase('pglite');
  const app = await buildTestApp(db, now, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    db,
    app,
    close: async () => {
      await app.close();
      await db.close();
      await drop();
    },
  };
}

const WCAG_22_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now; fails with one readable paragraph per violation. */
export async function checkAxe(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return JSON.parse(JSON.stringify(result.violations)) as unknown;
  }, WCAG_22_A_AA) as Violation[];
  if (violations.length === 0) return;
  const report = violations.map((v) => {
    const nodes = v.nodes.map((n) => `    at ${n.target.map(String).join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n');
    return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${nodes}\n    see ${v.helpUrl}`;
  });
  throw new Error(`axe found ${violations.length} WCAG 2.2 A/AA violation(s) on ${page.url()} ("${await page.title()}"):\n${report.join('\n')}`);
}

/** What has keyboard focus: enough to recognise a field, a link or a button as a person would. */
export interface Focused {
  tag: string;
  id: string;
  text: string;
  className: string;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const label = el && 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null;
    return {
      tag: (el?.tagName ?? '').toLowerCase(),
      id: el?.id ?? '',
      text: (label ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      className: typeof el?.className === 'string' ? el.className : '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user moves through a page. */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, options: { backwards?: boolean; max?: number } = {}): Promise<Focused> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 120); i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (matches(f)) return f;
    seen.push(`${f.tag}#${f.id} "${f.text.slice(0, 30)}"`);
  }
  throw new Error(`Pressing ${key} never reached the element wanted on ${page.url()}. Focus went: ${seen.join(' → ')}`);
}

export const field = (id: string) => (f: Focused) => f.id === id;
export const link = (text: string) => (f: Focused) => f.tag === 'a' && f.text === text;
export const button = (text: string) => (f: Focused) => f.tag === 'button' && f.text === text;

/** Tabs to a text field, clears what is in it and types, as a person would. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, field(id));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
}

/** Presses a key that loads a new page (Enter on a link or in a form) and waits for that page to load. */
export async function pressForNewPage(page: Page, key = 'Enter'): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press(key);
  await loaded;
}

/** Tabs to a drop-down and chooses an option by typing the start of its text, as a keyboard user does. */
export async function chooseOption(page: Page, id: string, optionText: string, options: { backwards?: boolean } = {}): Promise<void> {
  await tabTo(page, field(id), options);
  await page.keyboard.type(optionText);
}

/** A new page signed in as the demo user of that role (password form, as a person would). */
export async function signedInPage(browser: Browser, baseUrl: string, role: Role): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#email', demoUserEmail(role));
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForEvent('load'), page.press('#password', 'Enter')]);
  return page;
}
