/**
 * Raising alerts inside the caller's transaction: each alert once (by its dedupe key), its e-mails queued in the
 * outbox in the same transaction, and a live-update signal that is delivered only if the transaction commits.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { alerts, emailOutbox, users } from '../../db/schema.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { announce } from '../live/announce.ts';
import { emailFor, type AlertDraft } from './alert-kinds.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The page a one-time confirmation link opens (kept beside the web URLs' shape, without importing the web layer). */
export const confirmationPath = (token: string) => `/alert-confirmation/${token}`;

interface Raised {
  id: string;
  draft: AlertDraft;
  token: string | null;
}

/** Raises the drafts not raised before; returns the ids of those raised now. */
export async function raiseAlerts(tx: Tx, drafts: AlertDraft[], now: Date): Promise<string[]> {
  if (drafts.length === 0) return [];
  const prepared: Raised[] = drafts.map((draft) => ({
    id: randomUUID(), draft, token: draft.audience.kind === 'email' ? randomBytes(24).toString('base64url') : null,
  }));
  const inserted = await tx.insert(alerts).values(prepared.map(({ id, draft: d, token }) => ({
    id, authorityCode: d.authorityCode, kind: d.kind, dedupeKey: d.dedupeKey, childId: d.childId,
    subjectType: d.subjectType, subjectId: d.subjectId, rule: d.rule, facts: d.facts, link: d.link, raisedAt: now,
    audienceUserId: d.audience.kind === 'user' ? d.audience.userId : null,
    audienceRole: d.audience.kind === 'role' ? d.audience.role : null,
    audienceEmail: d.audience.kind === 'email' ? d.audience.email : null,
    audienceLabel: d.audience.label,
    ackTokenHash: token ? hashToken(token) : null,
    escalatesAlertId: d.escalatesAlertId ?? null,
  }))).onConflictDoNothing({ target: alerts.dedupeKey }).returning({ id: alerts.id });
  const ids = new Set(inserted.map((r) => r.id));
  const raised = prepared.filter((p) => ids.has(p.id));
  if (raised.length === 0) return [];
  await queueEmails(tx, raised, now);
  for (const code of new Set(raised.map((r) => r.draft.authorityCode))) await announce(tx, code, 'alerts');
  return raised.map((r) => r.id);
}

/** One e-mail per person in the audience (a team is everyone active in that role), each with only a link. */
async function queueEmails(tx: Tx, raised: Raised[], now: Date): Promise<void> {
  const people = await audiencePeople(tx, raised.map((r) => r.draft));
  const rows = raised.flatMap((r) => {
    const a = r.draft.audience;
    const to = a.kind === 'email' ? [a.email]
      : a.kind === 'user' ? people.filter((p) => p.id === a.userId).map((p) => p.email)
        : people.filter((p) => p.authorityCode === r.draft.authorityCode && p.role === a.role).map((p) => p.email);
    const { subject, body } = emailFor(r.draft.kind, a.kind === 'email');
    const linkPath = r.token ? confirmationPath(r.token) : `/alerts/${r.id}`;
    return [...new Set(to)].map((address) => ({
      id: randomUUID(), alertId: r.id, toAddress: address, subject, body, linkPath,
      messageId: `<${randomUUID()}@homeward.invalid>`, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
    }));
  });
  await bulkInsert(tx, emailOutbox, rows);
}

interface Person {
  id: string;
  email: string;
  authorityCode: string;
  role: string;
}

/** The active users the drafts name, and everyone in the teams they name. */
async function audiencePeople(tx: Tx, drafts: AlertDraft[]): Promise<Person[]> {
  const userIds = drafts.flatMap((d) => (d.audience.kind === 'user' ? [d.audience.userId] : []));
  const teams = drafts.flatMap((d) => (d.audience.kind === 'role' ? [{ code: d.authorityCode, role: d.audience.role }] : []));
  const columns = { id: users.id, email: users.email, authorityCode: users.authorityCode, role: users.role };
  const named = userIds.length === 0 ? [] : await tx.select(columns).from(users).where(and(inArray(users.id, userIds), isNull(users.disabledAt)));
  const inTeams = teams.length === 0 ? [] : await tx.select(columns).from(users).where(and(
    inArray(users.authorityCode, [...new Set(teams.map((t) => t.code))]), inArray(users.role, [...new Set(teams.map((t) => t.role))]), isNull(users.disabledAt),
  ));
  return [...named, ...inTeams.filter((p) => teams.some((t) => t.code === p.authorityCode && t.role === p.role))];
}
