/** The access matrix for: Drafts and the session keep-alive (issue 6). */
import { EVERY_ROLE, page, type Expectation } from './access-matrix-support.ts';

/**
 * Every signed-in person has drafts and a session of their own, whatever their role: no policy action, and
 * someone not signed in (or an API key, which has no session) is sent to sign in. The timed-out page is public,
 * like the sign-in page it leads to: it sends a visitor there and someone still signed in home.
 */
export const SESSION_ROUTES: Record<string, Expectation> = {
  'GET /drafts': page([], EVERY_ROLE),
  'POST /drafts': page([], EVERY_ROLE),
  'POST /drafts/discard': page([], EVERY_ROLE),
  'GET /session/keep-alive': page([], EVERY_ROLE),
  'POST /session/keep-alive': page([], EVERY_ROLE),
  'GET /sign-in/timed-out': page([], EVERY_ROLE),
};
