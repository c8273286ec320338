/** The access matrix for: The language guide. */
import type { Expectation } from './access-matrix-support.ts';

export const LANGUAGE_ROUTES: Record<string, Expectation> = {};
