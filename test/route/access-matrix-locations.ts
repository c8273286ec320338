/** The access matrix for: Locations, persons who may pose a risk, disruption, hotspots. */
import type { Expectation } from './access-matrix-support.ts';

export const LOCATION_ROUTES: Record<string, Expectation> = {};
