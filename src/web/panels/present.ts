/** Shared by the panel pages: reading posted forms, the language guide's advice after a save, and page locals. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdviceFound } from '../../modules/language/advice.ts';
import { escapeHtml } from '../incidents/present.ts';

export { formLocals, postedText, postedVersion } from '../incidents/form.ts';

type Advised = { field: string; advice: AdviceFound[] }[];

/**
 * A success message, with the language guide's advice on what was just saved (it never blocks a save): each
 * phrase, why it matters and what to write instead, so the record can be corrected.
 */
export function flashWithAdvice(request: FastifyRequest, text: string, advised: Advised): void {
  const found = advised.flatMap((a) => a.advice);
  if (found.length === 0) {
    request.session.flash = { title: 'Success', text };
    return;
  }
  const items = [...new Map(found.map((f) => [f.phrase.code, f])).values()].map((f) =>
    `<li>“${escapeHtml(f.matched)}”: ${escapeHtml(f.phrase.why)} Instead, try: ${f.phrase.alternatives.map((a) => `“${escapeHtml(a)}”`).join(' or ')}.</li>`);
  request.session.flash = {
    title: 'Success',
    html: `<p class="govuk-notification-banner__heading">${escapeHtml(text)}</p><p class="govuk-body">The language guide suggests another way to put this (the record was saved as written; you can change it):</p><ul class="govuk-list govuk-list--bullet">${items.join('')}</ul>`,
  };
}

/** Posted fields whose names start with `prefix`, by the rest of the name (e.g. each child's discussion). */
export function postedByPrefix(request: FastifyRequest, prefix: string): Record<string, string> {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (k.startsWith(prefix) && typeof v === 'string' ? [[k.slice(prefix.length).toLowerCase(), v]] : [])));
}

/** The nonce that lets a page's own print styles through the content security policy. */
export function styleNonce(reply: FastifyReply): string | undefined {
  return reply.cspNonce?.style;
}

export const queryText = (value: unknown): string => (typeof value === 'string' ? value : '');
