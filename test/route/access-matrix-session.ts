/** The access matrix for: Drafts and the session keep-alive (issue 6). */
import type { Expectation } from './access-matrix-support.ts';

export const SESSION_ROUTES: Record<string, Expectation> = {};
