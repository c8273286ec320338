/** URLs of locations and persons who may pose a risk, their links, disruption, and the hotspots view. */
export const locationUrls = {
  locations: '/locations',
  newLocation: '/locations/new',
  location: (id: string) => `/locations/${id}`,
  locationLinks: (id: string) => `/locations/${id}/links`,
  locationDisruptions: (id: string) => `/locations/${id}/disruptions`,
  persons: '/persons',
  newPerson: '/persons/new',
  person: (id: string) => `/persons/${id}`,
  personLinks: (id: string) => `/persons/${id}/links`,
  personDisruptions: (id: string) => `/persons/${id}/disruptions`,
  hotspots: '/hotspots',
} as const;
