/** Reading meeting requests back in the repeat-missing tests. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { agencies, meetingRequestIncidents, meetingRequests } from '../../src/db/schema.ts';
import type { HeldForm } from '../../src/modules/repeat-missing/meeting-forms.ts';

/** A child's meeting requests, oldest request first. */
export function meetingsOf(db: Database, childId: string) {
  return db.read((q) => q.select().from(meetingRequests).where(eq(meetingRequests.childId, childId)).orderBy(asc(meetingRequests.requestedFor)));
}

/** The incident ids linked to a request (the incidents it counted). */
export async function linkedTo(db: Database, meetingRequestId: string): Promise<string[]> {
  const rows = await db.read((q) => q.select().from(meetingRequestIncidents).where(eq(meetingRequestIncidents.meetingRequestId, meetingRequestId)));
  return rows.map((r) => r.incidentId).sort();
}

export async function agenciesOf(db: Database, authorityCode = '891') {
  return db.read((q) => q.select().from(agencies).where(eq(agencies.authorityCode, authorityCode)).orderBy(asc(agencies.name)));
}

/** A complete "held" form: two agencies attended, two decisions, one action. */
export async function heldForm(db: Database): Promise<HeldForm> {
  const [first, second] = await agenciesOf(db);
  const blank = { description: '', owner: '', agencyId: '', dueOn: '' };
  return {
    heldAt: '02/06/2026 10:00',
    attended: [first?.id ?? '', second?.id ?? ''],
    decisions: 'Safety plan agreed\nShare return interview findings with the school',
    actions: [{ description: 'Review the safety plan', owner: 'Allocated social worker', agencyId: first?.id ?? '', dueOn: '30/06/2026' }, blank, blank],
  };
}
