/** The access matrix for: Locations, persons who may pose a risk, disruption, hotspots. */
import { EL, MO, page, PO, SW, type Expectation } from './access-matrix-support.ts';

// Those who hold location:view also hold location:edit: the Missing Officer, social workers, police and exploitation leads.
const VIEW = [MO, SW, PO, EL] as const;
// Disruption (orders, warning notices, licensing) is recorded by police and exploitation leads.
const DISRUPT = [PO, EL] as const;

export const LOCATION_ROUTES: Record<string, Expectation> = {
  'GET /locations': page(['location:view'], VIEW),
  'GET /locations/new': page(['location:edit'], VIEW),
  'POST /locations/new': page(['location:edit'], VIEW),
  // The page; with ?change=details, the form that changes the details (location:edit, held by the same roles).
  'GET /locations/:id': page(['location:view'], VIEW),
  'POST /locations/:id': page(['location:edit'], VIEW),
  'POST /locations/:id/links': page(['location:edit'], VIEW),
  'POST /locations/:id/disruptions': page(['disruption:record'], DISRUPT),
  'GET /persons': page(['location:view'], VIEW),
  'GET /persons/new': page(['location:edit'], VIEW),
  'POST /persons/new': page(['location:edit'], VIEW),
  'GET /persons/:id': page(['location:view'], VIEW),
  'POST /persons/:id': page(['location:edit'], VIEW),
  'POST /persons/:id/links': page(['location:edit'], VIEW),
  'POST /persons/:id/disruptions': page(['disruption:record'], DISRUPT),
  // The ranking and, with ?format=csv, its download.
  'GET /hotspots': page(['location:view'], VIEW),
};
