/**
 * Sending the attacks: a form with one field (or one part of its address) replaced by a payload and everything
 * else as the page gave it, then checking the answer and the page a redirect leads to.
 */
import type { Answer, Client, MultipartPart } from './client.ts';
import type { FormSeen } from './crawl.ts';
import { formsOf, type HtmlForm } from './html-forms.ts';
import { plausiblePairs } from './plausible.ts';
import { errorSummary, titleOf } from '../fixtures/html.ts';
import { problemsOf, sendTimed } from './payloads.ts';

export interface Tally {
  attempts: number;
  problems: string[];
  slowestMs: number;
  /** How the app answered, by status: a run where nothing got past validation would show only 400s here. */
  statuses: Record<string, number>;
}

export const newTally = (): Tally => ({ attempts: 0, problems: [], slowestMs: 0, statuses: {} });

/** The session to send with; `resume` signs the subject in again when an attempt ended the session. */
export interface Session {
  subject: string;
  client: () => Client;
  resume: () => Promise<void>;
}

const base = (pageUrl: string) => `http://homeward.test${pageUrl}`;

function withField(pairs: [string, string][], name: string, value: string): [string, string][] {
  const at = pairs.findIndex(([n]) => n === name);
  const rest = pairs.filter(([n]) => n !== name);
  rest.splice(at < 0 ? rest.length : at, 0, [name, value]);
  return rest;
}

/** A file a person might choose, carrying the payload in its name and (for a CSV) as its heading and value. */
function payloadFile(accept: string, payload: string) {
  const csv = /csv/i.test(accept);
  return { filename: csv ? `${payload}.csv` : payload, contentType: csv ? 'text/csv' : 'application/octet-stream', bytes: Buffer.from(`${payload}\r\n${payload}\r\n`) };
}

function partsOf(form: HtmlForm, pairs: [string, string][], fileField: string | null, payload: string): MultipartPart[] {
  const parts: MultipartPart[] = pairs.map(([name, value]) => ({ name, value }));
  for (const f of form.fields.filter((x) => x.kind === 'file')) {
    // An untouched file input sends an empty part with an empty file name, as a browser does.
    const file = f.name === fileField ? payloadFile(f.accept ?? '', payload) : { filename: '', contentType: 'application/octet-stream', bytes: Buffer.alloc(0) };
    parts.push({ name: f.name, value: '', file });
  }
  return parts;
}

/** Sends the form as a browser would: a GET form in the address, a POST form encoded or as multipart. */
export async function submit(client: Client, form: HtmlForm, pageUrl: string, pairs: [string, string][], file: { field: string; payload: string } | null = null, action = form.action): Promise<Answer> {
  const target = new URL(action, base(pageUrl));
  if (form.method === 'GET') return client.get(`${target.pathname}?${new URLSearchParams(pairs).toString()}`);
  const url = `${target.pathname}${target.search}`;
  if (form.multipart) return client.request('POST', url, { parts: partsOf(form, pairs, file?.field ?? null, file?.payload ?? '') });
  return client.request('POST', url, { form: pairs });
}

/** Sends the attempt, checks the answer and, for a redirect within the app, the page it leads to (one hop). */
export async function check(session: Session, send: () => Promise<Answer>, tally: Tally, payload: string, field = ''): Promise<Answer> {
  const answer = await sendTimed(send);
  tally.attempts += 1;
  tally.slowestMs = Math.max(tally.slowestMs, answer.ms);
  tally.statuses[answer.status] = (tally.statuses[answer.status] ?? 0) + 1;
  if (process.env.SECURITY_TRACE === '1') console.log(`${answer.status} ${Math.round(answer.ms)}ms ${answer.method} ${answer.url.slice(0, 90)} ${JSON.stringify(payload)} ${answer.status >= 400 ? JSON.stringify(errorSummary(answer.body).map((e) => e[1]).concat(titleOf(answer.body))) : ''}`);
  const label = (p: string) => `${p} [as ${session.subject}, ${field ? `field ${field}, ` : ''}payload ${JSON.stringify(payload)}]`;
  tally.problems.push(...problemsOf(answer).map(label));
  if (answer.status < 300 || answer.status >= 400 || !answer.location?.startsWith('/')) return answer;
  if (session.subject !== 'anonymous' && answer.location.startsWith('/sign-in')) {
    await session.resume();
    return answer;
  }
  const location = answer.location;
  const next = await sendTimed(() => session.client().get(location));
  tally.slowestMs = Math.max(tally.slowestMs, next.ms);
  tally.problems.push(...problemsOf(next).map(label));
  return answer;
}

/** After a save, the page again: a new version number, and the form as it now stands (if it still shows). */
async function refreshed(session: Session, seen: FormSeen, form: HtmlForm): Promise<HtmlForm> {
  const page = await session.client().get(seen.pageUrl);
  if (page.status !== 200) return form;
  const names = (f: HtmlForm) => f.fields.map((x) => x.name).join(',');
  return formsOf(page.body, seen.pageUrl).find((f) => f.action.split('?')[0] === form.action.split('?')[0] && names(f) === names(form)) ?? form;
}

/**
 * Every field of the form, each payload in turn, the other fields as the page gave them; then the field sent
 * twice (a list where the route expects one value), which a crafted request can always do.
 */
export async function attackFields(session: Session, seen: FormSeen, payloadsFor: (n: number) => string[], counter: { n: number }, tally: Tally): Promise<number> {
  // As the page stands now: another form's save may have moved the record's version on since the crawl.
  let form = await refreshed(session, seen, seen.form);
  const names = [...new Set(form.fields.map((f) => f.name))];
  for (const name of names) {
    const isFile = form.fields.some((f) => f.name === name && f.kind === 'file');
    const payloads = payloadsFor(counter.n);
    const attempts = payloads.map((payload) => ({ payload, twice: false }));
    if (!isFile) attempts.push({ payload: payloads[0] ?? '', twice: true });
    for (const { payload, twice } of attempts) {
      const pairs = isFile ? plausiblePairs(form) : withField(plausiblePairs(form), name, payload);
      if (twice) pairs.push([name, payload]);
      const label = twice ? `${payload} (the field sent twice)` : payload;
      const answer = await check(session, () => submit(session.client(), form, seen.pageUrl, pairs, isFile ? { field: name, payload } : null), tally, label, name);
      if (answer.status >= 300 && answer.status < 400) form = await refreshed(session, seen, form);
    }
    counter.n += 1;
  }
  return names.length;
}

/** The address with each route parameter (`:id` of `/incidents/:id/found`) replaced by each payload in turn. */
export function pathVariants(pattern: string, path: string, payloads: string[]): { url: string; payload: string }[] {
  const segments = path.split('/');
  const variants: { url: string; payload: string }[] = [];
  pattern.split('/').forEach((part, i) => {
    if (!part.startsWith(':')) return;
    for (const payload of payloads) variants.push({ url: segments.map((s, j) => (j === i ? encodeURIComponent(payload) : s)).join('/'), payload });
  });
  return variants;
}

/** The form sent untouched to addresses whose ids are payloads. */
export async function attackActionPath(session: Session, seen: FormSeen, payloads: string[], tally: Tally): Promise<void> {
  const [, pattern = ''] = seen.route.split(' ');
  const action = new URL(seen.form.action, base(seen.pageUrl));
  for (const { url, payload } of pathVariants(pattern, action.pathname, payloads)) {
    await check(session, () => submit(session.client(), seen.form, seen.pageUrl, plausiblePairs(seen.form), null, `${url}${action.search}`), tally, payload);
  }
}
