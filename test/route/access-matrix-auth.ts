/** The access matrix for: multi-factor authentication and single sign-on (issue 6). */
import type { Expectation } from './access-matrix-support.ts';

export const AUTH_ROUTES: Record<string, Expectation> = {};
