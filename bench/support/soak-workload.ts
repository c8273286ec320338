/**
 * What the soak's people do, by role: the board, finding a child, the child's record and incidents, the return
 * interview worklist and saves, recording notifications through the form, the police system's API calls,
 * reports, and the alert count every page's layout asks for. Each request is recorded under its kind.
 */
import { DateTime } from 'luxon';
import type { Role } from '../../src/modules/access/actor.ts';
import { defaultPairs, formsOf } from '../../test/security/html-forms.ts';
import { csrfOf, type Reply, type SoakClient } from './soak-client.ts';
import type { SoakIds } from './soak-types.ts';

export type Kind = 'board' | 'search' | 'child' | 'incident' | 'alerts-count' | 'rhi-list' | 'rhi-page' | 'rhi-save'
  | 'notify-form-page' | 'notify-form' | 'notify-api' | 'report' | 'reports' | 'alerts' | 'api-keys';

export interface Context {
  client: SoakClient;
  ids: SoakIds;
  /** Records one request; `expected` are 4xx statuses that are part of the work (another person saved first). */
  record: (kind: Kind, reply: Reply, expected?: number[]) => void;
  /** This client's own police references, for the found updates the police system sends later. */
  references: string[];
  serial: () => number;
  fy: string;
}

type Action = (c: Context) => Promise<void>;

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const london = (minutesAgo: number) => DateTime.now().setZone('Europe/London').minus({ minutes: minutesAgo }).toFormat('dd/MM/yyyy HH:mm');
const RUN = Date.now().toString(36).toUpperCase();
const FORENAMES = ['Ava', 'Noah', 'Isla', 'Leo', 'Maya', 'Theo', 'Ruby', 'Finn'];

function letters(n: number): string {
  let out = '';
  for (let rest = n; rest >= 0; rest = Math.floor(rest / 26) - 1) out = String.fromCharCode(97 + (rest % 26)) + out;
  return out;
}

/** A new notification of a child missing now (a new synthetic child each time), as the intake contract's cells. */
function notification(serial: number): Record<string, string> {
  const day = 1 + (serial % 28);
  return {
    police_reference: `SOAK-${RUN}-${serial}`, last_seen_at: london(180), reported_at: london(120), notified_at: london(90),
    risk_grade: pick(['low', 'medium', 'high']), forename: pick(FORENAMES), surname: `Soakfield${letters(serial)}`,
    date_of_birth: `2011-${String(1 + (serial % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`, sex: pick(['f', 'm']),
    missing_from: 'home', circumstances: 'Did not come home after school (synthetic soak data).',
  };
}

const get = (kind: Kind, path: (c: Context) => string): Action => async (c) => c.record(kind, await c.client.get(path(c)));

const ACTIONS: Record<string, Action> = {
  board: get('board', () => '/missing-now'),
  search: get('search', (c) => `/children?q=${encodeURIComponent(pick(c.ids.surnames))}`),
  child: get('child', (c) => `/children/${pick(c.ids.childIds)}`),
  incident: get('incident', (c) => `/incidents/${pick(c.ids.incidentIds)}`),
  alerts: get('alerts-count', () => '/alerts/count'),
  rhiList: get('rhi-list', () => '/return-interviews'),
  rhiPage: get('rhi-page', (c) => `/return-interviews/${pick(c.ids.rhiIds)}`),
  report: get('report', (c) => `/reports/table1?fy=${encodeURIComponent(c.fy)}&published=false`),
  apiKeys: get('api-keys', () => '/admin/api-keys'),
  alertList: get('alerts', () => '/alerts'),
  reportList: get('reports', () => '/reports'),
  // A worker adds to the notes of an open interview and saves: the page's own values and version, one change.
  rhiSave: async (c) => {
    const path = `/return-interviews/${pick(c.ids.rhiIds)}`;
    const page = await c.client.get(path);
    c.record('rhi-page', page);
    const form = formsOf(page.body, path).find((f) => f.method === 'POST' && f.action === path);
    if (!form) return;
    const pairs = defaultPairs(form, { answerRadios: false }).map(([n, v]): [string, string] => [n, n === 'notes' ? `Phoned the carer again (soak ${c.serial()}).` : v]);
    c.record('rhi-save', await c.client.request('POST', path, { form: pairs }), [409]);
  },
  notifyForm: async (c) => {
    const page = await c.client.get('/notifications/new');
    c.record('notify-form-page', page);
    c.record('notify-form', await c.client.request('POST', '/notifications/new', { form: { ...notification(c.serial()), _csrf: csrfOf(page.body) } }));
  },
  // The police system: new reports, and later the same reference again with the time the child was found.
  notifyApi: async (c) => {
    const earlier = c.references.length > 0 && Math.random() < 0.4 ? c.references.shift() : undefined;
    const cells = notification(c.serial());
    const body = earlier ? { ...cells, police_reference: earlier, found_at: london(5) } : cells;
    if (!earlier) c.references.push(cells.police_reference ?? '');
    c.record('notify-api', await c.client.request('POST', '/api/v1/missing-notifications', { json: body }), [409]);
  },
};

/** Weights of each action per role: what a person in that role spends their day on. */
export const MIXES: Record<Role | 'api', Record<string, number>> = {
  missing_officer: { board: 20, alerts: 20, search: 10, child: 15, incident: 15, rhiList: 5, rhiPage: 5, notifyForm: 5, report: 3 },
  social_worker: { search: 20, child: 30, incident: 20, alerts: 20, rhiPage: 10 },
  police: { board: 30, child: 20, incident: 30, notifyForm: 10, alerts: 10 },
  rhi_worker: { rhiList: 30, rhiPage: 25, rhiSave: 20, alerts: 25 },
  manager: { report: 30, alerts: 40, alertList: 20, reportList: 10 },
  exploitation_lead: { child: 40, search: 30, alerts: 30 },
  admin: { apiKeys: 50, alerts: 50 },
  api: { notifyApi: 100 },
};

/** 50 clients: the roles in the proportions a county's office would have them. */
export const CLIENT_ROLES: (Role | 'api')[] = [
  ...Array<Role>(12).fill('missing_officer'), ...Array<Role>(10).fill('social_worker'), ...Array<Role>(6).fill('police'),
  ...Array<Role>(8).fill('rhi_worker'), ...Array<Role>(4).fill('manager'), ...Array<Role>(4).fill('exploitation_lead'),
  ...Array<Role>(1).fill('admin'), ...Array<'api'>(5).fill('api'),
];

const alertsCount: Action = get('alerts-count', () => '/alerts/count');

/** One action drawn by the role's weights. */
export function nextAction(role: Role | 'api'): Action {
  const mix = Object.entries(MIXES[role]);
  let roll = Math.random() * mix.reduce((sum, [, w]) => sum + w, 0);
  for (const [name, weight] of mix) {
    roll -= weight;
    if (roll <= 0) return ACTIONS[name] ?? alertsCount;
  }
  return alertsCount;
}
