/** Return interview test data: ended incidents recorded through the intake service, and their interviews. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { returnInterviews } from '../../src/db/schema.ts';
import { notify, type Recorded } from './children-support.ts';

export { FIXED_NOW } from './children-support.ts';

/** `found` hours before FIXED_NOW (2026-11-21 12:00 UTC, which is UK time in November). */
export function foundHoursAgo(hours: number): Record<string, string> {
  const found = new Date(Date.parse('2026-11-21T12:00:00Z') - hours * 3_600_000);
  const at = (h: number) => new Date(found.getTime() - h * 3_600_000).toISOString().slice(0, 16);
  return { last_seen_at: at(9), reported_at: at(8), notified_at: at(7.5), found_at: found.toISOString().slice(0, 16) };
}

export async function interviewsOf(db: Database, incidentId: string) {
  return db.read((q) => q.select().from(returnInterviews).where(eq(returnInterviews.incidentId, incidentId)));
}

/** An incident that ended `hours` ago, and the interview requested for it. */
export async function endedIncident(db: Database, hours: number, options: { authority?: '891' | '892' } = {}): Promise<Recorded & { rhiId: string }> {
  const recorded = await notify(db, { cells: foundHoursAgo(hours), ...(options.authority ? { authority: options.authority } : {}) });
  const [rhi] = await interviewsOf(db, recorded.incidentId);
  if (!rhi) throw new Error('no return interview was requested');
  return { ...recorded, rhiId: rhi.id };
}
