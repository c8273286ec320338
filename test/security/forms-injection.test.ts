/**
 * SQL injection and cross-site scripting attempts on every form field, query parameter and address parameter a
 * person can reach. Every role (and someone not signed in) opens every registered page with real ids and follows
 * the links, so forms added later are attacked without this file changing. Each field gets one SQL and one script
 * payload (all seven with SECURITY_ALL_PAYLOADS=1), the other fields as the page gave them. Nothing may answer
 * with a server error, show the script unescaped (here or on the page a redirect leads to), show the database's
 * error text, or take as long as the payload's pg_sleep(3); afterwards every table is still there and no page
 * shows a stored script.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { attackActionPath, attackFields, check, newTally, pathVariants, type Session, type Tally } from './attempts.ts';
import { crawl, distinctForms, queryParameters, type FormSeen, type PageSeen } from './crawl.ts';
import { concretePath } from './fixtures.ts';
import { startHarness, tableCounts, lostTables, type Harness } from './harness.ts';
import { payloadsFor, problemsOf, SQL_PAYLOADS, XSS_PAYLOADS } from './payloads.ts';

const fieldCount = (f: FormSeen) => new Set(f.form.fields.map((x) => x.name)).size;

describeEachDatabase('injection: every form field, query and address parameter', (use, backend) => {
  let h: Harness;
  let before: Map<string, number>;
  const pages: PageSeen[] = [];
  let forms: FormSeen[] = [];
  const tally: Tally = newTally();
  const counter = { n: 0 };
  const started = Date.now();

  const session = (subject: string): Session => ({
    subject,
    client: () => h.sessions.get(subject) ?? (() => { throw new Error(`no session for ${subject}`); })(),
    resume: async () => void (await h.resume(subject)),
  });

  async function crawlEverySubject(): Promise<{ pages: PageSeen[]; forms: FormSeen[] }> {
    const seeds = h.registered.filter((r) => r.startsWith('GET ') && r !== 'GET /events').map((r) => concretePath(r.slice(4), h.ids));
    const found = { pages: [] as PageSeen[], forms: [] as FormSeen[] };
    for (const [subject, client] of h.sessions) {
      const result = await crawl(subject, client, seeds, h.routes);
      found.pages.push(...result.pages);
      found.forms.push(...result.forms);
    }
    return found;
  }

  beforeAll(async () => {
    h = await startHarness(use());
    before = await tableCounts(use());
    const found = await crawlEverySubject();
    pages.push(...found.pages);
    // Big forms first: they record the most, and a small form's save (a care status, a child found) could otherwise
    // put the record in a state where they refuse everything before the payload matters.
    forms = distinctForms(found.forms).sort((a, b) => fieldCount(b) - fieldCount(a));
    if (process.env.SECURITY_TRACE === '1') for (const f of forms) console.log(`form ${f.route} (${fieldCount(f)} fields) on ${f.pageUrl} as ${f.subject}`);
  }, 180_000);
  afterAll(async () => {
    await h.app.close();
  });

  it('finds the forms people use, on pages that open without a server error', () => {
    const routes = new Set(forms.map((f) => f.route));
    for (const route of ['POST /sign-in', 'POST /notifications/new', 'POST /incidents/:id/found', 'POST /return-interviews/:id', 'POST /feedback/:token', 'GET /children']) {
      expect(routes, `no form for ${route} was found`).toContain(route);
    }
    expect(pages.flatMap((p) => problemsOf(p.answer, { timed: false }))).toEqual([]);
  });

  it('lets no payload in any form field cause a server error, run a script, leak a database error or sleep', async () => {
    let fields = 0;
    // The sign-out form ends the session (its only field is the CSRF token, so every attempt at it is refused anyway).
    for (const seen of forms) fields += await attackFields(session(seen.subject), seen, payloadsFor, counter, tally);
    console.log(`[security ${backend}] forms: ${forms.length}, fields: ${fields}, attempts so far: ${tally.attempts}, slowest: ${Math.round(tally.slowestMs)} ms`);
    expect(tally.problems).toEqual([]);
  }, 600_000);

  it('lets no payload in a query parameter or an address parameter do so either', async () => {
    const local = newTally();
    const payloads = [SQL_PAYLOADS[1], SQL_PAYLOADS[3], XSS_PAYLOADS[0], XSS_PAYLOADS[1]];
    for (const q of queryParameters(pages)) {
      const subject = pages.find((p) => p.url === q.url)?.subject ?? 'missing_officer';
      for (const payload of payloads) {
        const url = new URL(q.url, 'http://homeward.test');
        url.searchParams.set(q.name, payload);
        await check(session(subject), () => session(subject).client().get(`${url.pathname}${url.search}`), local, payload);
      }
    }
    const byPattern = new Map(pages.filter((p) => p.pattern.includes(':') && p.answer.status === 200).map((p) => [p.pattern, p]));
    for (const p of byPattern.values()) {
      for (const v of pathVariants(p.pattern, new URL(p.url, 'http://homeward.test').pathname, payloads.slice(0, 2))) {
        await check(session(p.subject), () => session(p.subject).client().get(v.url), local, v.payload);
      }
    }
    const posts = new Map(forms.filter((f) => f.form.method === 'POST' && f.route.includes(':')).map((f) => [f.route, f]));
    for (const seen of posts.values()) await attackActionPath(session(seen.subject), seen, payloads.slice(0, 2), local);
    console.log(`[security ${backend}] query parameters: ${queryParameters(pages).length}, address patterns: ${byPattern.size + posts.size}, attempts: ${local.attempts}, slowest: ${Math.round(local.slowestMs)} ms`);
    tally.attempts += local.attempts;
    expect(local.problems).toEqual([]);
  }, 600_000);

  it('keeps every table and its rows, and no page afterwards shows a stored script or a server error', async () => {
    const lost = lostTables(before, await tableCounts(use()));
    const after = await crawlEverySubject();
    const problems = after.pages.flatMap((p) => problemsOf(p.answer, { timed: false }).map((x) => `${x} [as ${p.subject}, after the attempts]`));
    console.log(`[security ${backend}] ${tally.attempts} attempts in all; pages checked afterwards: ${after.pages.length}; ${Math.round((Date.now() - started) / 1000)} s`);
    expect({ lost, problems }).toEqual({ lost: [], problems: [] });
  }, 300_000);
});
