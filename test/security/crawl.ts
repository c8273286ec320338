/**
 * Finding every form and query parameter a person can reach: each subject opens every registered GET route with
 * real ids, then follows the links on the pages (a few addresses per route), so a page or form added later is
 * found without this file knowing it.
 */
import type { Answer, Client } from './client.ts';
import { formsOf, getFormUrls, linksOf, type HtmlForm } from './html-forms.ts';
import { sendTimed } from './payloads.ts';

export interface PageSeen {
  subject: string;
  url: string;
  pattern: string;
  answer: Answer;
}

export interface FormSeen {
  subject: string;
  pageUrl: string;
  form: HtmlForm;
  /** The route the form posts to, e.g. `POST /incidents/:id/found` (the address itself when no route matches). */
  route: string;
}

/** Never followed: the live stream never ends; signing out would end the session the crawl uses. */
const NOT_FOLLOWED = ['/events', '/sign-out', '/assets/', '/static/', '/moj/'];
const PER_ROUTE = 4;
const MAX_PAGES = 250;

export interface Routes {
  get: (path: string) => string | null;
  post: (path: string) => string | null;
}

const pathOf = (url: string) => new URL(url, 'http://homeward.test').pathname;

function localLink(href: string, from: string): string | null {
  if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  const resolved = new URL(href, `http://homeward.test${from}`);
  const url = `${resolved.pathname}${resolved.search}`;
  return NOT_FOLLOWED.some((p) => url === p || url.startsWith(p)) ? null : url;
}

export function formRoute(form: HtmlForm, pageUrl: string, routes: Routes): string {
  const path = pathOf(new URL(form.action, `http://homeward.test${pageUrl}`).toString());
  const pattern = form.method === 'GET' ? routes.get(path) : routes.post(path);
  return `${form.method} ${pattern ?? path}`;
}

/** Opens the seeds and the links they lead to as one subject; returns the pages and the forms on them. */
export async function crawl(subject: string, client: Client, seeds: string[], routes: Routes): Promise<{ pages: PageSeen[]; forms: FormSeen[] }> {
  const queue = [...seeds];
  const seen = new Set<string>();
  const perRoute = new Map<string, number>();
  const pages: PageSeen[] = [];
  const forms: FormSeen[] = [];
  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const url = queue.shift() ?? '/';
    const pattern = routes.get(pathOf(url));
    if (seen.has(url) || !pattern || (perRoute.get(pattern) ?? 0) >= PER_ROUTE) continue;
    seen.add(url);
    perRoute.set(pattern, (perRoute.get(pattern) ?? 0) + 1);
    const answer = await sendTimed(() => client.get(url));
    pages.push({ subject, url, pattern, answer });
    if (answer.status !== 200 || !answer.contentType.includes('text/html')) continue;
    const found = formsOf(answer.body, url);
    for (const form of found) forms.push({ subject, pageUrl: url, form, route: formRoute(form, url, routes) });
    // A GET form is a link a person fills in: its addresses are followed like links.
    const hrefs = [...linksOf(answer.body), ...found.filter((f) => f.method === 'GET').flatMap((f) => getFormUrls(f, url))];
    for (const href of hrefs) {
      const link = localLink(href, url);
      if (link && !seen.has(link)) queue.push(link);
    }
  }
  return { pages, forms };
}

/** One form per route and set of field names: the same form on many pages (or for many roles) is tried once. */
export function distinctForms(forms: FormSeen[]): FormSeen[] {
  const byKey = new Map<string, FormSeen>();
  for (const f of forms) {
    const key = `${f.route} ${[...new Set(f.form.fields.map((x) => x.name))].sort().join(',')}`;
    if (!byKey.has(key)) byKey.set(key, f);
  }
  return [...byKey.values()];
}

/**
 * Query parameters found in links and GET pages: one example address per route and parameter name, e.g.
 * `/children?q=...` for `GET /children` and `q`.
 */
export function queryParameters(pages: PageSeen[]): { pattern: string; name: string; url: string }[] {
  const byKey = new Map<string, { pattern: string; name: string; url: string }>();
  for (const p of pages) {
    const params = new URL(p.url, 'http://homeward.test').searchParams;
    for (const name of params.keys()) {
      const key = `${p.pattern} ${name}`;
      if (!byKey.has(key)) byKey.set(key, { pattern: p.pattern, name, url: p.url });
    }
  }
  return [...byKey.values()];
}
