/** Drafts as the page's script sends them: JSON with the CSRF token in a header. */
import type { LightMyRequestResponse } from 'fastify';
import { urls } from '../../src/web/urls.ts';
import { type Agent, csrfFrom } from '../support/app.ts';

/** Saves a draft with the token of the last page fetched (or the one given; null sends none). */
export function postDraft(agent: Agent, key: string, data: unknown, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
  const csrf = options.csrf === undefined ? csrfFrom(agent.lastHtml) : options.csrf;
  return agent.send({
    method: 'POST', url: urls.draft(key), payload: JSON.stringify({ data }),
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  });
}

/** Posts with only the CSRF header: "Stay signed in", "Discard it". */
export function postWithToken(agent: Agent, url: string, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
  const csrf = options.csrf === undefined ? csrfFrom(agent.lastHtml) : options.csrf;
  return agent.send({ method: 'POST', url, headers: csrf ? { 'x-csrf-token': csrf } : {} });
}

export const json = (res: LightMyRequestResponse) => JSON.parse(res.body) as Record<string, unknown>;
