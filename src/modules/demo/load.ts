/**
 * Loads the synthetic demo partnership through the same services as real data: children and care history
 * through registerChildren, notifications through the intake service, exploitation records through the
 * exploitation history service. Never by writing aggregates.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { agencies, incidents } from '../../db/schema.ts';
import { systemActor } from '../access/actor.ts';
import { registerChildren } from '../children/register.service.ts';
import { applyNotifications } from '../missing/intake.service.ts';
import { districtIdsByName } from '../missing/intake.repository.ts';
import { acknowledgeSettledAlerts } from '../alerts/sweeps.ts';
import { closeHistoricMeetings } from '../repeat-missing/meetings.service.ts';
import { recordDemoLanguageHistory } from '../language/demo-history.ts';
import { recordReturnInterviewHistory } from '../return-interviews/history.service.ts';
import { applyReportingSettings, loadDemoExploitation } from './exploitation-load.ts';
import { generateDemoPartnership } from './generate.ts';
import { DEMO_AUTHORITIES, DEMO_PASSWORD, DEMO_USERS, demoEmail, loadReferenceData } from './reference-data.ts';
import { DEMO_REPORTING_SETTINGS } from './table23-targets.ts';

export const DEMO_SEED = 891;
const CHUNK = 1000;

type Log = (line: string) => void;

export async function loadDemo(db: Database, options: { log?: Log; now?: Date } = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  await loadReferenceData(db);
  for (const authority of generateDemoPartnership({ seed: DEMO_SEED, now })) {
    const [police] = await db.read((q) => q.select().from(agencies).where(and(eq(agencies.authorityCode, authority.code), eq(agencies.kind, 'police'))));
    if (!police) throw new Error(`authority ${authority.code} has no police agency`);
    const actor = systemActor(authority.code, police.id, `demo-${randomUUID()}`);
    const counts = await db.transaction(async (tx) => {
      const districtIds = await districtIdsByName(tx, authority.code);
      await registerChildren(tx, actor, authority.children.map((c) => ({ ...c, districtId: districtIds.get(c.district.toLowerCase()) ?? null })), 'demo');
      for (let i = 0; i < authority.notifications.length; i += CHUNK) {
        const rows = authority.notifications.slice(i, i + CHUNK).map((input, k) => ({ line: i + k + 1, input }));
        await applyNotifications(tx, actor, rows, { source: 'demo', now });
      }
      // Requests raised by the history were met long ago; only recent ones stay open.
      await closeHistoricMeetings(tx, actor, now);
      // Return interviews of children who returned over 14 days ago were done long ago; recent ones stay open.
      await recordReturnInterviewHistory(tx, actor, now);
      await acknowledgeSettledAlerts(tx, authority.code, now);
      // Exploitation last, so children known only for it never take part in matching the notifications.
      const extra = authority.exploitation.children;
      await registerChildren(tx, actor, extra.map((c) => ({ ...c, districtId: districtIds.get(c.district.toLowerCase()) ?? null })), 'demo');
      const counts = await loadDemoExploitation(tx, authority.code, authority.exploitation, districtIds);
      if (authority.code === '891') await applyReportingSettings(tx, authority.code, DEMO_REPORTING_SETTINGS, police.id);
      // Two years of language guide advice, so its report has quarters to compare.
      await recordDemoLanguageHistory(tx, { authorityCode: authority.code, from: new Date(now.getTime() - 730 * 86_400_000), to: now, seed: DEMO_SEED + Number(authority.code) });
      return counts;
    });
    log(`Authority ${authority.code}: ${authority.children.length} children and ${authority.notifications.length} notifications loaded`);
    log(`Authority ${authority.code}: ${authority.exploitation.children.length} more children and exploitation records loaded (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  }
}

/** Loads the demo into a database with no incidents yet; returns whether it did. */
export async function loadDemoIfEmpty(db: Database, options: { log?: Log } = {}): Promise<boolean> {
  const [row] = await db.read((q) => q.select({ n: sql<number>`count(*)::int` }).from(incidents));
  if ((row?.n ?? 0) > 0) return false;
  options.log?.('First run: loading the synthetic demo partnership (about a minute)...');
  await loadDemo(db, options);
  return true;
}

export function demoSignInLines(): string[] {
  const lines = ['Demo sign-in (synthetic data only). Password for every demo user: ' + DEMO_PASSWORD];
  for (const a of DEMO_AUTHORITIES) {
    for (const u of DEMO_USERS) lines.push(`  ${a.code}  ${u.role.padEnd(18)} ${demoEmail(u.local, a.domain)}`);
  }
  return lines;
}
