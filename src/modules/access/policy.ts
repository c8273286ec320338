/**
 * Who may do what, declared in one place. Scope rules (own authority; police see what their force sent)
 * are applied by the services through `scopeOf`.
 */
import { Forbidden } from '../errors.ts';
import type { Actor, Role } from './actor.ts';

export const ACTIONS = [
  'child:search',
  'child:view',
  'care-status:record',
  'notification:record',
  'notification:import',
  'incident:regrade',
  'incident:mark-found',
  'incident:correct',
  'incident:classify',
  'possible-match:decide',
  'task:complete',
  'dashboard:view',
  'aggregate:view',
  'user:manage',
  'api-key:manage',
  'meeting:view',
  'meeting:manage',
  'rhi:view',
  'rhi:record',
  'rhi-feedback:record',
  'philomena:view',
  'philomena:edit',
  'alert:view',
  'alert:acknowledge',
  'statutory-export:produce',
  'audit:view',
] as const;
export type Action = (typeof ACTIONS)[number];

const CASEWORK: Action[] = ['child:search', 'child:view', 'dashboard:view', 'aggregate:view'];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  missing_officer: [
    ...CASEWORK,
    'care-status:record',
    'notification:record',
    'notification:import',
    'incident:regrade',
    'incident:mark-found',
    'incident:correct',
    'incident:classify',
    'possible-match:decide',
    'task:complete',
    'meeting:view',
    'meeting:manage',
    'rhi:view',
    'rhi:record',
    'rhi-feedback:record',
    'philomena:view',
    'philomena:edit',
    'alert:view',
    'alert:acknowledge',
    // Record-level statutory returns (SSDA903, Annex A, SSD) name every looked-after child: the Missing Officer prepares them.
    'statutory-export:produce',
  ],
  // Multi-agency meetings are the local authority's: social workers may read them, police may not.
  social_worker: [
    ...CASEWORK, 'care-status:record', 'incident:mark-found', 'task:complete', 'meeting:view', 'rhi:view',
    'philomena:view', 'philomena:edit', 'alert:view', 'alert:acknowledge',
  ],
  // Police read the Philomena profile (and its police packet) of children in their force's incidents.
  police: [...CASEWORK, 'notification:record', 'notification:import', 'incident:regrade', 'incident:mark-found', 'philomena:view'],
  // Managers see aggregate figures only, never case detail; alerts escalated to them name no child.
  manager: ['aggregate:view', 'alert:view', 'alert:acknowledge'],
  // The authority's data protection officer holds the admin role: they see who opened a child's record, not the record.
  admin: ['user:manage', 'api-key:manage', 'aggregate:view', 'audit:view'],
  // Return interview workers see and record the interviews, not the rest of a child's record.
  rhi_worker: ['rhi:view', 'rhi:record', 'rhi-feedback:record', 'alert:view', 'alert:acknowledge'],
};

export function can(actor: Pick<Actor, 'role'>, action: Action): boolean {
  return PERMISSIONS[actor.role].includes(action);
}

export function assertCan(actor: Pick<Actor, 'role'>, action: Action): void {
  if (!can(actor, action)) throw new Forbidden();
}

/** The rows an actor may see: always their own authority; a police user only what their force sent. */
export interface Scope {
  authorityCode: string;
  sourceAgencyId: string | null;
}

export function scopeOf(actor: Actor): Scope {
  return {
    authorityCode: actor.authorityCode,
    sourceAgencyId: actor.role === 'police' ? actor.agencyId : null,
  };
}
