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
  // Exploitation (issue 5). The record-level checks (need to know: allocated worker, exploitation leads, members of
  // the panel the child is on, police for their force) are in modules/exploitation/need-to-know.ts.
  'exploitation:view',
  'concern:raise',
  'risk-assessment:record',
  'exploitation-meeting:record',
  'plan:edit',
  'panel:view',
  'panel:manage',
  'allocation:manage',
  'location:view',
  'location:edit',
  'disruption:record',
  // Break-glass (issue 6): opening a child's exploitation records without a need to know, with a reason; and its review.
  'break-glass:use',
  'break-glass:review',
  // Restricted records (issue 6): only named users may open them; the data protection officer names them.
  'restriction:manage',
  // Retention and subject access requests (issue 6): the data protection officer reviews what is due, places legal
  // holds, deletes what is due, and exports everything held about a child.
  'retention:manage',
  'sar:produce',
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
    // The Missing Officer prepares the Frequently Missing & Hotspots panel and raises concerns from what they see.
    'exploitation:view',
    'break-glass:use',
    'concern:raise',
    'panel:view',
    'allocation:manage',
    'location:view',
    'location:edit',
  ],
  // Multi-agency meetings are the local authority's: social workers may read them, police may not.
  social_worker: [
    ...CASEWORK, 'care-status:record', 'incident:mark-found', 'task:complete', 'meeting:view', 'rhi:view',
    'philomena:view', 'philomena:edit', 'alert:view', 'alert:acknowledge',
    'exploitation:view', 'break-glass:use', 'concern:raise', 'risk-assessment:record', 'exploitation-meeting:record', 'plan:edit',
    'panel:view', 'location:view', 'location:edit',
  ],
  // Police read the Philomena profile (and its police packet) of children in their force's incidents.
  // Police investigators see exploitation records of children known to their force, and hold the intelligence on
  // locations and persons (the CaRE team's analysts).
  police: [
    ...CASEWORK, 'notification:record', 'notification:import', 'incident:regrade', 'incident:mark-found', 'philomena:view',
    'exploitation:view', 'break-glass:use', 'concern:raise', 'panel:view', 'location:view', 'location:edit', 'disruption:record',
  ],
  // Managers see aggregate figures only, never case detail; alerts escalated to them name no child.
  manager: ['aggregate:view', 'alert:view', 'alert:acknowledge'],
  // The authority's data protection officer holds the admin role: they see who opened a child's record, not the record.
  // They are alerted to, and review, every break-glass access. For a subject access request they export the whole
  // record (sar:produce), and they review what is due for deletion (retention:manage).
  admin: ['user:manage', 'api-key:manage', 'aggregate:view', 'audit:view', 'break-glass:review', 'alert:view', 'alert:acknowledge', 'restriction:manage',
    'retention:manage', 'sar:produce'],
  // Return interview workers see and record the interviews, not the rest of a child's record.
  // A concern raised at an interview goes in one step from the interview; the worker does not then see the rest.
  rhi_worker: ['rhi:view', 'rhi:record', 'rhi-feedback:record', 'alert:view', 'alert:acknowledge', 'concern:raise'],
  // Exploitation leads (local authority or police) chair the panels and see every child's exploitation record.
  exploitation_lead: [
    ...CASEWORK, 'rhi:view', 'meeting:view', 'philomena:view', 'alert:view', 'alert:acknowledge',
    'exploitation:view', 'concern:raise', 'risk-assessment:record', 'exploitation-meeting:record', 'plan:edit',
    'panel:view', 'panel:manage', 'allocation:manage', 'location:view', 'location:edit', 'disruption:record',
  ],
};

export function can(actor: Pick<Actor, 'role'>, action: Action): boolean {
  return PERMISSIONS[actor.role].includes(action);
}

export function assertCan(actor: Pick<Actor, 'role'>, action: Action): void {
  if (!can(actor, action)) throw new Forbidden();
}

/**
 * The scopes within which each role sees a child's exploitation records (need to know), declared beside the
 * permissions; applied by modules/exploitation/need-to-know.ts. Case records (incidents, interviews, the child
 * record) are scoped by `scopeOf` below: the authority, and for police their force.
 *  - authority: every child of the authority (exploitation leads);
 *  - allocated: children allocated to them; team: children allocated to someone in their team (users.team);
 *  - panel: children on a panel they sit on; force: children their police force knows;
 *  - break-glass: any one child for an hour, with a reason, reviewed by the data protection officer.
 * A restricted record (access/restriction.ts) comes before all of them.
 */
export const EXPLOITATION_SCOPES = ['authority', 'allocated', 'team', 'panel', 'force', 'break-glass'] as const;
export type ExploitationScope = (typeof EXPLOITATION_SCOPES)[number];

export const EXPLOITATION_SCOPE_BY_ROLE: Record<Role, readonly ExploitationScope[]> = {
  exploitation_lead: ['authority'],
  social_worker: ['allocated', 'team', 'panel', 'break-glass'],
  missing_officer: ['panel', 'break-glass'],
  police: ['force', 'panel', 'break-glass'],
  manager: [],
  admin: [],
  rhi_worker: [],
};

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
