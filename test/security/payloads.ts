/**
 * The attack strings and what a response must never show after one: a server error, the script unescaped, the
 * database's own error text, or a delay that a slept query would cause.
 */
import { scriptAttributes } from './html-forms.ts';
import type { Answer } from './client.ts';

export const MARKER = 'hw-xss';

export const SQL_PAYLOADS = [`' OR '1'='1`, `'); DROP TABLE children; --`, '1 OR 1=1', `'||pg_sleep(3)||'`] as const;
export const XSS_PAYLOADS = [`<script>alert("${MARKER}")</script>`, `"><img src=x onerror=alert("${MARKER}")>`, `javascript:alert("${MARKER}")`] as const;

/** A page slower than this after a payload is taken as the payload's pg_sleep(3) having run. */
export const SLOW_MS = 2500;

/**
 * The payloads for the n-th field: by default one of each family, turning through the lists as n grows so every
 * payload is tried on many fields; SECURITY_ALL_PAYLOADS=1 tries all seven on every field (slower, thorough).
 */
export function payloadsFor(n: number): string[] {
  if (process.env.SECURITY_ALL_PAYLOADS === '1') return [...SQL_PAYLOADS, ...XSS_PAYLOADS];
  return [SQL_PAYLOADS[n % SQL_PAYLOADS.length] ?? SQL_PAYLOADS[0], XSS_PAYLOADS[n % XSS_PAYLOADS.length] ?? XSS_PAYLOADS[0]];
}

/** Text a page would only show if a database error reached the person: the driver's and the ORM's words. */
const DATABASE_ERROR_TEXT = [
  'syntax error at or near', 'unterminated quoted string', 'relation "', 'invalid input syntax for', 'violates foreign key',
  'violates check constraint', 'violates not-null', 'Failed query', 'SQLSTATE', 'PostgresError', 'DrizzleQueryError', 'pg_catalog',
];
// pg_ followed by a name, other than the pg_sleep of the payload itself when a page repeats it back.
const PG_NAME = /\bpg_(?!sleep\b)[a-z_]+/;

const UNESCAPED = [`<script>alert("${MARKER}")`, '<img src=x onerror'];

const isHtml = (a: Answer) => a.contentType.includes('text/html');

/**
 * What is wrong with one answer (empty when nothing is). `timed: false` for pages opened without a payload: a
 * slow page is not a slept query there (a subject access PDF on a busy machine can take seconds).
 */
export function problemsOf(answer: Answer, options: { timed?: boolean } = {}): string[] {
  const problems: string[] = [];
  const where = `${answer.method} ${answer.url.slice(0, 160)} → ${answer.status}`;
  if (answer.status >= 500) problems.push(`${where}: server error`);
  if ((options.timed ?? true) && answer.ms >= SLOW_MS) problems.push(`${where}: took ${Math.round(answer.ms)} ms`);
  // A JSON answer repeating the string is data, not markup; only pages a browser renders as HTML can run it.
  if (isHtml(answer) || answer.contentType === '') {
    for (const raw of UNESCAPED) if (answer.body.includes(raw)) problems.push(`${where}: the page contains ${raw} unescaped`);
    if (answer.body.includes(MARKER)) for (const a of scriptAttributes(answer.body, MARKER)) problems.push(`${where}: the page has ${a}`);
  }
  const leak = DATABASE_ERROR_TEXT.find((t) => answer.body.includes(t)) ?? PG_NAME.exec(answer.body)?.[0];
  if (leak) problems.push(`${where}: the answer shows database error text "${leak}"`);
  return problems;
}

/**
 * Sends once; a slow answer is sent again and the faster time kept, since a slept query is slow every time while
 * a shared machine's load is not (its figures move by seconds when seven people run tests at once).
 */
export async function sendTimed(send: () => Promise<Answer>): Promise<Answer> {
  const answer = await send();
  if (answer.ms < SLOW_MS) return answer;
  const again = await send();
  return { ...answer, ms: Math.min(answer.ms, again.ms) };
}
