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
  ],
  social_worker: [...CASEWORK, 'care-status:record', 'incident:mark-found', 'task:complete'],
  police: [...CASEWORK, 'notification:record', 'notification:import', 'incident:regrade', 'incident:mark-found'],
  // Managers see aggregate figures only, never case detail.
  manager: ['aggregate:view'],
  admin: ['user:manage', 'api-key:manage', 'aggregate:view'],
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
