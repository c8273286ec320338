/**
 * The child's feedback with the keyboard only: a return interview worker creates a one-time link on the
 * interview page; the child, not signed in, opens it, sends it empty once, follows the error to the first
 * question, answers, sends it and is thanked; opening the link again says it was used. The worker then sees the
 * answers and the worklist's summary. Every page is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/reference-data.ts';
import { recordReturnInterview } from '../../src/modules/return-interviews/return-interviews.service.ts';
import { actorOf } from '../fixtures/records.ts';
import { FIXED_NOW } from '../fixtures/notifications.ts';
import { endedIncident } from '../route/return-interview-support.ts';
import { demoUserEmail } from '../support/app.ts';
import {
  browserAvailable, button, checkAxe, field, focused, launchBrowser, link, pressForNewPage, startApp, tabTo, typeInto, type RunningApp,
} from './support.ts';

const blankAction = { description: '', owner: '', dueOn: '' };

describe.skipIf(!browserAvailable())('the child’s feedback with the keyboard only [chromium]', () => {
  let running: RunningApp;
  let browser: Browser;
  let worker: Page;
  let rhiId = '';
  let childLink = '';

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(() => FIXED_NOW), launchBrowser()]);
    const ended = await endedIncident(running.db, 67);
    rhiId = ended.rhiId;
    await recordReturnInterview(running.db, await actorOf(running.db, 'missing_officer'), rhiId, {
      version: 1,
      form: {
        offeredAt: '19/11/2026 10:00', offerMethod: 'in_person', offeredBy: 'Jo Finch, return interview worker', offeredByIndependent: 'yes',
        outcome: 'completed', notAttemptedReason: '', completedAt: '20/11/2026 15:00', factors: [], notes: '', risks: [], whereStayed: '',
        stayedWith: '', childWords: '', actions: [blankAction, blankAction], providerAgencyId: '', workerUserId: '', sendToMissingOfficer: false,
      },
    }, FIXED_NOW);
    worker = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('lets the worker create a one-time link and shows it once', async () => {
    await worker.goto(`${running.baseUrl}/sign-in`);
    await typeInto(worker, 'email', demoUserEmail('rhi_worker'));
    await typeInto(worker, 'password', DEMO_PASSWORD);
    await tabTo(worker, button('Sign in'));
    await pressForNewPage(worker);
    await worker.goto(`${running.baseUrl}/return-interviews/${rhiId}`);
    await checkAxe(worker);
    await tabTo(worker, button('Create a one-time link for the child'));
    await pressForNewPage(worker);
    expect(await worker.locator('h1').innerText()).toBe('One-time link created');
    await checkAxe(worker);
    childLink = await worker.inputValue('#feedback-link');
    expect(childLink).toMatch(/^http:\/\/localhost:3000\/feedback\/[A-Za-z0-9_-]{43}$/);
  }, 60_000);

  it('lets the child answer, be thanked, and find the link used afterwards', async () => {
    const context = await browser.newContext();
    const child = await context.newPage();
    const address = `${running.baseUrl}${new URL(childLink).pathname}`;
    await child.goto(address);
    expect(await child.title()).toBe('Tell us how your interview went');
    await checkAxe(child);

    // Sent with nothing answered: the error summary takes focus and leads to the first question.
    await tabTo(child, button('Send my answers'));
    await pressForNewPage(child);
    expect(await child.title()).toBe('Error: Tell us how your interview went');
    await checkAxe(child);
    await tabTo(child, link('Answer at least one question, or write something in the box'));
    await child.keyboard.press('Enter');
    expect((await focused(child)).id).toBe('listened');
    await child.keyboard.press('Space');
    await tabTo(child, field('easyToTalk'));
    await child.keyboard.press('ArrowRight');
    expect((await focused(child)).text).toBe('A bit');
    await tabTo(child, field('talkAgain'));
    await child.keyboard.press('Space');
    await typeInto(child, 'comment', 'Thank you for listening to me.');
    await tabTo(child, button('Send my answers'));
    await pressForNewPage(child);
    expect(await child.locator('h1').innerText()).toBe('Thank you for telling us');
    await checkAxe(child);

    const again = await child.goto(address);
    expect(again?.status()).toBe(200);
    expect(await child.locator('h1').innerText()).toBe('This link has already been used. Thank you.');
    await checkAxe(child);
    await context.close();
  }, 60_000);

  it('shows the worker the child’s answers and the worklist’s summary', async () => {
    await worker.goto(`${running.baseUrl}/return-interviews/${rhiId}`);
    const section = await worker.locator('#rhi-feedback').innerText();
    expect(section).toContain('Yes');
    expect(section).toContain('A bit');
    expect(section).toContain('Thank you for listening to me.');
    await checkAxe(worker);
    await worker.goto(`${running.baseUrl}/return-interviews`);
    expect(await worker.locator('#feedback-summary').innerText()).toBe('What children told us about their interviews, last 90 days');
    await checkAxe(worker);
  }, 60_000);

  it('shows the worker’s own feedback form and its errors without axe violations', async () => {
    const other = await endedIncident(running.db, 67);
    await recordReturnInterview(running.db, await actorOf(running.db, 'rhi_worker'), other.rhiId, {
      version: 1,
      form: {
        offeredAt: '', offerMethod: '', offeredBy: '', offeredByIndependent: '', outcome: 'advice_given', notAttemptedReason: '', completedAt: '',
        factors: [], notes: '', risks: [], whereStayed: '', stayedWith: '', childWords: '', actions: [blankAction, blankAction],
        providerAgencyId: '', workerUserId: '', sendToMissingOfficer: false,
      },
    }, FIXED_NOW);
    await worker.goto(`${running.baseUrl}/return-interviews/${other.rhiId}/feedback`);
    await checkAxe(worker);
    await tabTo(worker, button('Save the child’s feedback'));
    await pressForNewPage(worker);
    expect(await worker.title()).toContain('Error:');
    await checkAxe(worker);
  }, 60_000);
});
