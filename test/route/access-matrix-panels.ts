/**
 * The access matrix for: Panels, their meetings and actions, pen pictures, One Plans. Seeing a panel's children
 * also needs a seat on it (or the exploitation lead role), and a child's pen picture or plan a need to know: both
 * are checked after the action, so in the matrix (unknown panel and meeting ids; a child every role holding
 * exploitation:view has a need to know about) the roles holding the action are let in.
 */
import { EL, MO, page, PO, SW, type Expectation } from './access-matrix-support.ts';

const PANEL_VIEWERS = [MO, SW, PO, EL];

export const PANEL_ROUTES: Record<string, Expectation> = {
  'GET /panels': page(['panel:view'], PANEL_VIEWERS),
  'GET /panels/:id': page(['panel:view'], PANEL_VIEWERS),
  'POST /panels/:id/monitoring': page(['panel:manage'], [EL]),
  'POST /panels/:id/monitoring/:entryId/remove': page(['panel:manage'], [EL]),
  'POST /panels/:id/meetings': page(['panel:manage'], [EL]),
  'GET /panel-meetings/:id': page(['panel:view'], PANEL_VIEWERS),
  'POST /panel-meetings/:id/agenda': page(['panel:manage'], [EL]),
  'POST /panel-meetings/:id/minutes': page(['panel:manage'], [EL]),
  'POST /panel-meetings/:id/decisions': page(['panel:manage'], [EL]),
  'POST /panel-meetings/:id/actions': page(['panel:manage'], [EL]),
  // Pen pictures are exploitation records: the viewer needs exploitation:view as well as a seat on the panel.
  'GET /panel-meetings/:id/pen-pictures': page(['panel:view', 'exploitation:view'], PANEL_VIEWERS),
  'GET /panel-actions': page(['panel:view'], PANEL_VIEWERS),
  'POST /panel-actions/:id/done': page(['panel:manage'], [EL]),
  'GET /children/:id/pen-picture': page(['exploitation:view'], [MO, SW, PO, EL]),
  'GET /children/:id/plan': page(['exploitation:view'], [MO, SW, PO, EL]),
  'POST /children/:id/plan': page(['plan:edit'], [SW, EL]),
  'POST /children/:id/plan/actions/:actionId': page(['plan:edit'], [SW, EL]),
  'POST /children/:id/plan/reviews': page(['plan:edit'], [SW, EL]),
};
