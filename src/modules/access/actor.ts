/** Who is acting: a signed-in user, or an agency's system calling the API with its key. */
export const ROLES = ['missing_officer', 'social_worker', 'police', 'manager', 'admin', 'rhi_worker', 'exploitation_lead'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  missing_officer: 'Children Missing Officer',
  social_worker: 'Social worker',
  police: 'Police',
  manager: 'Manager',
  admin: 'Administrator',
  rhi_worker: 'Return interview worker',
  exploitation_lead: 'Exploitation lead',
};

export const AGENCY_KINDS = ['local_authority', 'police', 'health', 'education', 'youth_justice', 'charity'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Actor {
  kind: 'user' | 'api_key';
  /** The user id, or the API key id. */
  id: string;
  role: Role;
  authorityCode: string;
  agencyId: string;
  agencyKind: AgencyKind;
  displayName: string;
  /** Ties every audit row of one request together. */
  correlationId: string;
}

/** The system itself (migrations, demo loading, scheduled work): never used for a person's request. */
export function systemActor(authorityCode: string, agencyId: string, correlationId = 'system'): Actor {
  return {
    kind: 'user',
    id: '00000000-0000-0000-0000-000000000000',
    role: 'missing_officer',
    authorityCode,
    agencyId,
    agencyKind: 'local_authority',
    displayName: 'Homeward',
    correlationId,
  };
}
