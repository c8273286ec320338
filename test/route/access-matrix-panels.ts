/** The access matrix for: Panels, their meetings and actions, pen pictures, One Plans. */
import type { Expectation } from './access-matrix-support.ts';

export const PANEL_ROUTES: Record<string, Expectation> = {};
