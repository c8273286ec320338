/** The access matrix for: Drafts, the session keep-alive, multi-factor authentication and single sign-on (issue 6). */
import type { Expectation } from './access-matrix-support.ts';

export const SESSION_ROUTES: Record<string, Expectation> = {};
