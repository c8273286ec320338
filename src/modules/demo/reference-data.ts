/**
 * The partnership's fixed records: the county (891) with its seven districts, the city (892), their agencies
 * and one demo user per role. All names are invented.
 */
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { agencies, authorities, districts, users } from '../../db/schema.ts';
import type { AgencyKind, Role } from '../access/actor.ts';
import { addUser } from '../users/users.service.ts';
import { saveContacts } from '../alerts/contacts.ts';
import { CITY, CITY_DISTRICTS, COUNTY } from './authority.ts';
import { COUNTY_DISTRICTS } from './generate.ts';
import { addPanelMember, ensurePanels, type PanelKind } from '../exploitation/panels-setup.ts';


export const DEMO_PASSWORD = 'homeward-demo-password';

interface AuthoritySeed {
  code: '891' | '892';
  name: string;
  districts: readonly string[];
  agencies: { name: string; kind: AgencyKind }[];
  domain: string;
}

export const DEMO_AUTHORITIES: AuthoritySeed[] = [
  {
    code: '891', name: 'Demo County Council', districts: COUNTY_DISTRICTS, domain: 'county.example',
    agencies: [
      { name: 'Demo County Children’s Services', kind: 'local_authority' },
      { name: 'Demo Shire Police', kind: 'police' },
      { name: 'Demo County Health Partnership', kind: 'health' },
      { name: 'Demo County Schools', kind: 'education' },
      { name: 'Demo County Youth Justice Service', kind: 'youth_justice' },
      { name: 'Safe Home Returns (charity)', kind: 'charity' },
    ],
  },
  {
    code: '892', name: 'Demo City Council', districts: CITY_DISTRICTS, domain: 'city.example',
    agencies: [
      { name: 'Demo City Children’s Services', kind: 'local_authority' },
      { name: 'Demo Shire Police (city)', kind: 'police' },
      { name: 'City Return Interview Service (charity)', kind: 'charity' },
    ],
  },
];

export const DEMO_USERS: { role: Role; local: string; name: string; agencyIndex: number }[] = [
  { role: 'missing_officer', local: 'missing.officer', name: 'Alex Morgan', agencyIndex: 0 },
  { role: 'social_worker', local: 'social.worker', name: 'Sam Patel', agencyIndex: 0 },
  { role: 'police', local: 'police', name: 'Jordan Reid', agencyIndex: 1 },
  { role: 'manager', local: 'manager', name: 'Chris Lowe', agencyIndex: 0 },
  { role: 'admin', local: 'admin', name: 'Robin Hale', agencyIndex: 0 },
  // The charity commissioned for return interviews (the last agency of each authority).
  { role: 'rhi_worker', local: 'rhi.worker', name: 'Casey Wren', agencyIndex: 5 },
  // Chairs the exploitation panels (MASE, CCEP, Frequently Missing & Hotspots).
  { role: 'exploitation_lead', local: 'exploitation.lead', name: 'Drew Ashby', agencyIndex: 0 },
];

/** Who sits on which panel in the demo: the lead on all three, the Missing Officer on Frequently Missing, the police on MASE and CCEP. */
const DEMO_PANEL_SEATS: Partial<Record<Role, readonly PanelKind[]>> = {
  exploitation_lead: ['mase', 'ccep', 'fmh'],
  missing_officer: ['fmh'],
  police: ['mase', 'ccep'],
};

export const demoEmail = (local: string, domain: string) => `${local}@${domain}`;

// Every demo user shares one password: hash it once per process, not once per user.
let demoPasswordHash: Promise<string> | null = null;

/** Creates the authorities, districts, agencies and demo users that are missing. Safe to run again. */
/** Synthetic contacts at the other authorities whose looked-after children live here (example.invalid-style addresses). */
const DEMO_CONTACTS = [...new Set([...COUNTY.otherAuthorities, ...CITY.otherAuthorities])].map((name) => ({
  keys: [name], name: `${name} children missing contact`, email: `missing.children@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
}));

export async function loadReferenceData(db: Database): Promise<void> {
  demoPasswordHash ??= argon2.hash(DEMO_PASSWORD);
  for (const a of DEMO_AUTHORITIES) {
    await db.transaction(async (tx) => {
      await tx.insert(authorities).values({ code: a.code, name: a.name }).onConflictDoNothing();
      await tx.insert(districts).values(a.districts.map((name) => ({ authorityCode: a.code, name }))).onConflictDoNothing();
      await tx.insert(agencies).values(a.agencies.map((ag) => ({ id: randomUUID(), authorityCode: a.code, ...ag }))).onConflictDoNothing();
      await saveContacts(tx, a.code, DEMO_CONTACTS);
    });
    for (const u of DEMO_USERS) {
      const email = demoEmail(u.local, a.domain);
      const agency = a.agencies[Math.min(u.agencyIndex, a.agencies.length - 1)];
      const [existing] = await db.read((q) => q.select({ id: users.id }).from(users).where(eq(users.email, email)));
      if (existing || !agency) continue;
      await addUser(db, null, { email, displayName: u.name, role: u.role, authorityCode: a.code, agencyName: agency.name, password: DEMO_PASSWORD }, { passwordHash: await demoPasswordHash });
    }
    await db.transaction(async (tx) => {
      const panelIds = await ensurePanels(tx, a.code);
      for (const u of DEMO_USERS) {
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, demoEmail(u.local, a.domain)));
        for (const kind of DEMO_PANEL_SEATS[u.role] ?? []) if (user) await addPanelMember(tx, panelIds[kind], user.id);
      }
    });
  }
}
