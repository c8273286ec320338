/**
 * The notification centre: the alerts addressed to the signed-in user (to them, or to their team), and
 * acknowledging one, which records who and when. Another authority's contact confirms by a one-time link.
 */
import { and, desc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../../db/database.ts';
import { alerts } from '../../db/schema.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import { assertCan, can } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { recordId } from '../children/ids.ts';
import { Conflict, NotFound } from '../errors.ts';
import { actorUserId } from '../missing/intake.service.ts';
import { announce } from '../live/announce.ts';
import { hashToken } from './raise.ts';

export type AlertFilter = 'open' | 'all';

/** Alerts addressed to this user, or to everyone of their role in their authority. */
const addressedTo = (actor: Actor): SQL =>
  and(eq(alerts.authorityCode, actor.authorityCode), or(eq(alerts.audienceUserId, actor.id), eq(alerts.audienceRole, actor.role))) as SQL;

/** What a Missing Officer also sees: alerts e-mailed to other authorities' contacts, to follow them up. */
const visibleTo = (actor: Actor): SQL =>
  actor.role === 'missing_officer' ? (or(addressedTo(actor), and(eq(alerts.authorityCode, actor.authorityCode), isNotNull(alerts.audienceEmail))) as SQL) : addressedTo(actor);

const original = alias(alerts, 'original');

export async function notificationCentre(db: Database, actor: Actor, filter: AlertFilter) {
  assertCan(actor, 'alert:view');
  return db.transaction(async (tx) => {
    const rows = await tx.select({ alert: alerts, originalAcknowledgedAt: original.acknowledgedAt, originalAcknowledgedBy: original.acknowledgedByName })
      .from(alerts).leftJoin(original, eq(original.id, alerts.escalatesAlertId))
      .where(and(visibleTo(actor), filter === 'open' ? isNull(alerts.acknowledgedAt) : undefined))
      .orderBy(sql`${alerts.acknowledgedAt} IS NOT NULL`, desc(alerts.raisedAt)).limit(200);
    const open = await countOpen(tx, actor);
    await writeAudit(tx, actor, { action: 'alerts.viewed', details: { filter, shown: rows.length } });
    return {
      open,
      rows: rows.map((r) => ({ ...r.alert, canAcknowledge: canAcknowledge(actor, r.alert), original: r.alert.escalatesAlertId ? { acknowledgedAt: r.originalAcknowledgedAt, acknowledgedBy: r.originalAcknowledgedBy } : null })),
    };
  });
}

const canAcknowledge = (actor: Actor, a: typeof alerts.$inferSelect) =>
  can(actor, 'alert:acknowledge') && a.acknowledgedAt === null && a.authorityCode === actor.authorityCode && (a.audienceUserId === actor.id || a.audienceRole === actor.role);

async function countOpen(q: Tx, actor: Actor): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(alerts).where(and(addressedTo(actor), isNull(alerts.acknowledgedAt)));
  return row?.n ?? 0;
}

/** The number on the "Alerts" navigation item; zero for those who have no alerts. */
export async function openAlertCount(db: Database, actor: Actor): Promise<number> {
  if (!can(actor, 'alert:view')) return 0;
  return db.read((q) => countOpen(q, actor));
}

export async function acknowledgeAlert(db: Database, actor: Actor, id: string, now: Date): Promise<void> {
  assertCan(actor, 'alert:acknowledge');
  const alertId = recordId(id, 'alert');
  await db.transaction(async (tx) => {
    const [alert] = await tx.select().from(alerts).where(and(eq(alerts.id, alertId), visibleTo(actor))).for('update');
    if (!alert) throw new NotFound('There is no such alert');
    if (alert.acknowledgedAt) throw new Conflict(`This alert was already acknowledged by ${alert.acknowledgedByName ?? 'someone else'}`);
    if (!canAcknowledge(actor, alert)) throw new Conflict('This alert is for someone else to acknowledge');
    await tx.update(alerts).set({ acknowledgedAt: now, acknowledgedBy: actorUserId(actor), acknowledgedByName: actor.displayName }).where(eq(alerts.id, alert.id));
    await writeAudit(tx, actor, { action: 'alert.acknowledged', childId: alert.childId, subjectType: 'alert', subjectId: alert.id, details: { kind: alert.kind } });
    await announce(tx, alert.authorityCode, 'alerts');
  });
}

/** The alert a one-time confirmation link points at, for its page; null when the link is unknown or used. */
export async function alertForConfirmation(db: Database, token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  const [alert] = await db.read((q) => q.select().from(alerts).where(eq(alerts.ackTokenHash, hashToken(token))));
  return alert ?? null;
}

/** Another authority's contact confirms they received the alert: recorded once, under the name they give. */
export async function confirmAlertByLink(db: Database, token: string, name: string, now: Date): Promise<'confirmed' | 'already'> {
  const alert = await alertForConfirmation(db, token);
  if (!alert) throw new NotFound('This link is not valid');
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(alerts).set({ acknowledgedAt: now, acknowledgedByName: `${name} (${alert.audienceLabel})` })
      .where(and(eq(alerts.id, alert.id), isNull(alerts.acknowledgedAt))).returning({ id: alerts.id });
    if (!updated) return 'already';
    await writeAudit(tx, systemActor(alert.authorityCode, '00000000-0000-0000-0000-000000000000'), {
      action: 'alert.confirmed-by-link', childId: alert.childId, subjectType: 'alert', subjectId: alert.id,
    });
    await announce(tx, alert.authorityCode, 'alerts');
    return 'confirmed';
  });
}
