/**
 * Alert rules through the real services: a high-risk incident, a child looked after by another authority, the
 * repeat-missing threshold, an overdue return interview, and escalation of an alert nobody acknowledged. Each
 * is raised once, with its rule and facts, and its e-mails queued with no personal data.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { alerts, authorities, childAllocations, emailOutbox, users } from '../../src/db/schema.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { acknowledgeAlert } from '../../src/modules/alerts/alerts.service.ts';
import { saveContacts } from '../../src/modules/alerts/contacts.ts';
import { sweepAlerts } from '../../src/modules/alerts/sweeps.ts';
import { Conflict, Forbidden, NotFound } from '../../src/modules/errors.ts';
import { regradeRisk } from '../../src/modules/missing/incident.service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { newChild } from '../fixtures/notifications.ts';
import { actorOf } from '../fixtures/records.ts';
import { endedOn, FIXED_NOW, notify } from '../route/children-support.ts';
import { endedIncident } from '../route/return-interview-support.ts';

const HOUR = 3_600_000;

describeEachDatabase('Alert rules', (use) => {
  let officer: Actor;

  beforeAll(async () => {
    officer = await actorOf(use(), 'missing_officer');
  });

  const alertsAbout = (subjectId: string) => use().read((q) => q.select().from(alerts).where(eq(alerts.subjectId, subjectId)));
  const outboxOf = (alertId: string) => use().read((q) => q.select().from(emailOutbox).where(eq(emailOutbox.alertId, alertId)));

  it("a child with an allocated social worker: the high-risk alert goes to that worker, not the whole team", async () => {
    const worker = await actorOf(use(), 'social_worker');
    const rec = await notify(use(), { cells: { risk_grade: 'medium' } });
    await use().transaction((tx) => tx.insert(childAllocations).values({ id: randomUUID(), authorityCode: '891', childId: rec.childId, userId: worker.id, allocatedAt: FIXED_NOW, allocatedBy: officer.id }));
    await regradeRisk(use(), officer, rec.incidentId, { version: 1, riskGrade: 'high', reason: 'Seen with an adult who may pose a risk' }, FIXED_NOW);
    const raised = await alertsAbout(rec.incidentId);
    expect(raised.map((a) => a.audienceUserId ?? a.audienceRole).sort()).toEqual([worker.id, 'missing_officer'].sort());
    expect(raised.find((a) => a.audienceUserId === worker.id)?.audienceLabel).toBe('The allocated social worker');
  });

  it('a new high-risk incident alerts the social work team and the Missing Officer, once, with the rule and the facts', async () => {
    const child = newChild();
    const rec = await notify(use(), { child, cells: { risk_grade: 'high' } });
    const raised = await alertsAbout(rec.incidentId);
    expect(raised.map((a) => a.audienceRole).sort()).toEqual(['missing_officer', 'social_worker']);
    for (const a of raised) {
      expect(a.kind).toBe('high_risk_incident');
      expect(a.rule).toMatch(/graded high risk/);
      expect(a.facts).toContain(`Police reference ${rec.reference}`);
      expect(a.facts.join(' ')).toContain(`${child.forename} ${child.surname}`);
      expect(a.link).toBe(`/incidents/${rec.incidentId}`);
    }
    // One e-mail per active member of each team, and none of them names the child.
    const team = await use().read((q) => q.select().from(users).where(and(eq(users.authorityCode, '891'), eq(users.role, 'social_worker'))));
    const mails = await outboxOf(raised.find((a) => a.audienceRole === 'social_worker')?.id ?? '');
    expect(mails.map((m) => m.toAddress).sort()).toEqual(team.map((u) => u.email).sort());
    for (const m of mails) {
      expect(`${m.subject} ${m.body} ${m.linkPath}`).not.toContain(child.surname);
      expect(`${m.subject} ${m.body}`).not.toContain(rec.reference);
      expect(m.linkPath).toMatch(/^\/alerts\/[0-9a-f-]{36}$/);
    }
  });

  it('a medium-risk incident raises nothing; re-graded to high it alerts, and another change does not alert again', async () => {
    const rec = await notify(use());
    expect(await alertsAbout(rec.incidentId)).toHaveLength(0);
    await regradeRisk(use(), officer, rec.incidentId, { version: 1, riskGrade: 'high', reason: 'New information from the family' }, FIXED_NOW);
    expect(await alertsAbout(rec.incidentId)).toHaveLength(2);
    await regradeRisk(use(), officer, rec.incidentId, { version: 2, riskGrade: 'high', reason: 'Confirmed' }, FIXED_NOW).catch(() => undefined);
    await notify(use(), { cells: { risk_grade: 'high' } });
    expect(await alertsAbout(rec.incidentId)).toHaveLength(2);
  });

  it("a missing child looked after by another authority alerts that authority's contact by e-mail with a one-time link", async () => {
    await use().transaction((tx) => saveContacts(tx, '891', [{ keys: ['Derbyshire', '830'], name: 'Derbyshire missing children contact', email: 'missing@derbyshire.example' }]));
    const rec = await notify(use(), { cells: { missing_from: 'ola care', responsible_authority: 'derbyshire ' } });
    const [alert] = await alertsAbout(rec.incidentId);
    expect(alert).toMatchObject({ kind: 'ola_child_missing', audienceEmail: 'missing@derbyshire.example', audienceRole: null });
    expect(alert?.ackTokenHash).toMatch(/^[0-9a-f]{64}$/);
    const [mail] = await outboxOf(alert?.id ?? '');
    expect(mail?.toAddress).toBe('missing@derbyshire.example');
    expect(mail?.linkPath).toMatch(/^\/alert-confirmation\/[\w-]{32}$/);
    // Without a contact, our own Missing Officer is told to pass it on.
    const other = await notify(use(), { cells: { missing_from: 'ola care', responsible_authority: 'Rutland' } });
    const [fallback] = await alertsAbout(other.incidentId);
    expect(fallback).toMatchObject({ audienceRole: 'missing_officer', audienceEmail: null });
    expect(fallback?.facts.join(' ')).toMatch(/No e-mail contact is held for this authority/);
  });

  it('the repeat-missing threshold met raises one alert with the explanation of the meeting request', async () => {
    const child = newChild();
    for (const day of ['2026-09-01', '2026-09-20', '2026-10-10']) await notify(use(), { child, cells: endedOn(day) });
    const fourth = await notify(use(), { child, cells: endedOn('2026-11-01') });
    const rows = await use().read((q) => q.select().from(alerts).where(and(eq(alerts.childId, fourth.childId), eq(alerts.kind, 'repeat_missing'))));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.facts[0]).toMatch(/^4 incidents between 1 Sep(tember)? 2026 and 1 Nov(ember)? 2026/);
    expect(rows[0]?.audienceRole).toBe('missing_officer');
  });

  it('an overdue return interview alerts once, and its missed clock is recorded', async () => {
    const rec = await endedIncident(use(), 80);
    await sweepAlerts(use(), FIXED_NOW);
    await sweepAlerts(use(), new Date(FIXED_NOW.getTime() + HOUR));
    const raised = await alertsAbout(rec.rhiId);
    expect(raised).toHaveLength(1);
    expect(raised[0]?.rule).toMatch(/offered within 72 hours/);
    expect(raised[0]?.facts.join(' ')).toMatch(/No offer recorded/);
    const notYet = await endedIncident(use(), 60);
    await sweepAlerts(use(), FIXED_NOW);
    expect(await alertsAbout(notYet.rhiId)).toHaveLength(0);
  });

  it('an alert not acknowledged within the configured time is escalated to managers once, naming no child', async () => {
    await use().transaction((tx) => tx.update(authorities).set({ settings: { alerts: { escalateAfterHours: 2 } } }).where(eq(authorities.code, '891')));
    const child = newChild();
    const rec = await notify(use(), { child, cells: { risk_grade: 'high' } });
    const [first, second] = await alertsAbout(rec.incidentId);
    if (!first || !second) throw new Error('expected two alerts');
    await acknowledgeAlert(use(), await actorOf(use(), first.audienceRole === 'social_worker' ? 'social_worker' : 'missing_officer'), first.id, FIXED_NOW);
    await sweepAlerts(use(), new Date(FIXED_NOW.getTime() + 1.5 * HOUR));
    expect(await alertsAbout(second.id)).toHaveLength(0);
    await sweepAlerts(use(), new Date(FIXED_NOW.getTime() + 2.5 * HOUR));
    await sweepAlerts(use(), new Date(FIXED_NOW.getTime() + 3 * HOUR));
    const escalations = await alertsAbout(second.id);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ kind: 'escalation', audienceRole: 'manager', childId: null });
    expect(escalations[0]?.facts.join(' ')).not.toContain(child.surname);
    expect(escalations[0]?.rule).toMatch(/within 2 hours/);
    expect(await alertsAbout(first.id)).toHaveLength(0);
    await use().transaction((tx) => tx.update(authorities).set({ settings: {} }).where(eq(authorities.code, '891')));
  });

  it('acknowledging records who and when, once; others cannot', async () => {
    const rec = await notify(use(), { cells: { risk_grade: 'high' } });
    const alert = (await alertsAbout(rec.incidentId)).find((a) => a.audienceRole === 'missing_officer');
    if (!alert) throw new Error('no alert');
    await expect(acknowledgeAlert(use(), await actorOf(use(), 'police'), alert.id, FIXED_NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(acknowledgeAlert(use(), await actorOf(use(), 'missing_officer', '892'), alert.id, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
    await expect(acknowledgeAlert(use(), await actorOf(use(), 'social_worker'), alert.id, FIXED_NOW)).rejects.toBeInstanceOf(NotFound);
    await acknowledgeAlert(use(), officer, alert.id, FIXED_NOW);
    const [after] = await use().read((q) => q.select().from(alerts).where(eq(alerts.id, alert.id)));
    expect(after).toMatchObject({ acknowledgedAt: FIXED_NOW, acknowledgedBy: officer.id, acknowledgedByName: officer.displayName });
    await expect(acknowledgeAlert(use(), officer, alert.id, FIXED_NOW)).rejects.toBeInstanceOf(Conflict);
  });
});
