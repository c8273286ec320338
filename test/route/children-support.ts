/** Test data for the child and incident pages, recorded through the intake service as a person or the police would. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { auditEvents } from '../../src/db/schema.ts';
import type { Role } from '../../src/modules/access/actor.ts';
import { recordMissingNotification } from '../../src/modules/missing/intake.service.ts';
import { parseNotification } from '../../src/modules/missing/notification-parse.ts';
import { FIXED_NOW, notificationCells, newChild, type NotificationCells, type SyntheticChild } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';

export { FIXED_NOW, newChild };

export interface Recorded {
  incidentId: string;
  childId: string;
  reference: string;
}

/** Records one notification through the intake service, as the demo user with `role` (missing officer or police). */
export async function notify(db: Database, options: { role?: Role; authority?: '891' | '892'; cells?: Partial<NotificationCells>; child?: SyntheticChild } = {}): Promise<Recorded> {
  const actor = await actorOf(db, options.role ?? 'missing_officer', options.authority ?? '891');
  const cells = notificationCells(options.cells ?? {}, options.child ?? newChild());
  const parsed = parseNotification(cells);
  if (!parsed.ok) throw new Error(`bad test notification: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const outcome = await recordMissingNotification(db, actor, parsed.value, { source: 'form', now: FIXED_NOW });
  if (!outcome.incidentId || !outcome.childId) throw new Error('no incident recorded');
  return { incidentId: outcome.incidentId, childId: outcome.childId, reference: cells.police_reference };
}

/** An episode that has ended: last seen on `day` at 18:00, found the next morning. */
export function endedOn(day: string, cells: Partial<NotificationCells> = {}): Partial<NotificationCells> {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { last_seen_at: `${day}T18:00`, reported_at: `${day}T20:00`, notified_at: `${day}T21:00`, found_at: `${next}T09:00`, ...cells };
}

export async function auditOf(db: Database, action: string, subjectId: string) {
  return db.read((q) => q.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId))));
}

/** The visible text of a page's main content, tags removed and spaces squeezed, for assertions a reader would make. */
export function mainText(html: string): string {
  const start = html.indexOf('<main');
  return (start >= 0 ? html.slice(start) : html)
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** The value attribute of the input or textarea with this id, as the browser would show it. */
export function fieldValue(html: string, id: string): string | null {
  const input = new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html);
  if (input) return input[1] ?? '';
  const area = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([^<]*)</textarea>`).exec(html);
  return area ? (area[1] ?? '') : null;
}
