/**
 * The e-mail outbox against a real SMTP server started in the test: each e-mail sent once, with only a link;
 * a refused e-mail retried later and then sent once; two deliveries running at once never send one twice.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { alerts, emailOutbox } from '../../src/db/schema.ts';
import { smtpSender } from '../../src/modules/alerts/mailer.ts';
import { deliverOutbox, MAX_ATTEMPTS } from '../../src/modules/alerts/outbox.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { newChild } from '../fixtures/notifications.ts';
import { FIXED_NOW, notify } from '../route/children-support.ts';

const PUBLIC_URL = 'https://homeward.test.example';
const MINUTE = 60_000;

describeEachDatabase('Alert e-mails', (use) => {
  let smtp: TestSmtp;
  let mailer: ReturnType<typeof smtpSender>;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    mailer = smtpSender(smtp.url, 'Homeward <alerts@homeward.test.example>');
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox and inbox.
    await deliverOutbox(use(), async () => undefined, { now: () => FIXED_NOW, publicUrl: PUBLIC_URL });
    smtp.received.length = 0;
  });

  const outboxFor = async (incidentId: string) => use().read(async (q) => {
    const ids = (await q.select({ id: alerts.id }).from(alerts).where(eq(alerts.subjectId, incidentId))).map((a) => a.id);
    return q.select().from(emailOutbox).where(inArray(emailOutbox.alertId, ids));
  });

  it('sends each queued e-mail once, with a link and nothing about the child', async () => {
    const child = newChild();
    const rec = await notify(use(), { child, cells: { risk_grade: 'high' } });
    const queued = await outboxFor(rec.incidentId);
    expect(queued.length).toBeGreaterThanOrEqual(2);
    const result = await deliverOutbox(use(), mailer.send, { now: () => FIXED_NOW, publicUrl: PUBLIC_URL });
    expect(result).toMatchObject({ sent: queued.length, failed: 0 });
    const received = await smtp.waitFor(queued.length);
    expect(received.flatMap((m) => m.to).sort()).toEqual(queued.map((q) => q.toAddress).sort());
    for (const mail of received) {
      expect(mail.subject).toBe('Homeward: high-risk missing incident needs your acknowledgement');
      expect(mail.raw).toMatch(new RegExp(`${PUBLIC_URL}/alerts/[0-9a-f-]{36}`));
      expect(mail.raw).not.toContain(child.surname);
      expect(mail.raw).not.toContain(child.forename);
      expect(mail.raw).not.toContain(rec.reference);
    }
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
    // A second delivery finds nothing to send.
    expect(await deliverOutbox(use(), mailer.send, { now: () => FIXED_NOW, publicUrl: PUBLIC_URL })).toMatchObject({ sent: 0 });
    expect((await outboxFor(rec.incidentId)).every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
  });

  it('retries an e-mail the server refused, later, and sends it once', async () => {
    const rec = await notify(use(), { cells: { risk_grade: 'high' } });
    const queued = await outboxFor(rec.incidentId);
    smtp.refuseNext(queued.length);
    const first = await deliverOutbox(use(), mailer.send, { now: () => FIXED_NOW, publicUrl: PUBLIC_URL });
    expect(first).toMatchObject({ sent: 0, failed: queued.length });
    const waiting = await outboxFor(rec.incidentId);
    expect(waiting.every((m) => m.status === 'pending' && m.attempts === 1 && m.lastError === 'SMTP 451')).toBe(true);
    // Not retried before its wait is over...
    expect(await deliverOutbox(use(), mailer.send, { now: () => new Date(FIXED_NOW.getTime() + 30_000), publicUrl: PUBLIC_URL })).toMatchObject({ sent: 0, failed: 0 });
    // ...then sent, once.
    const later = await deliverOutbox(use(), mailer.send, { now: () => new Date(FIXED_NOW.getTime() + 2 * MINUTE), publicUrl: PUBLIC_URL });
    expect(later).toMatchObject({ sent: queued.length, failed: 0 });
    expect(await smtp.waitFor(queued.length)).toHaveLength(queued.length);
  });

  it('gives up after the last attempt and says so', async () => {
    const rec = await notify(use(), { cells: { risk_grade: 'high' } });
    const ids = (await outboxFor(rec.incidentId)).map((m) => m.id);
    await use().transaction((tx) => tx.update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(inArray(emailOutbox.id, ids)));
    await deliverOutbox(use(), async () => {
      throw Object.assign(new Error('connection refused to someone@example'), { code: 'ECONNREFUSED' });
    }, { now: () => FIXED_NOW, publicUrl: PUBLIC_URL });
    const after = await outboxFor(rec.incidentId);
    expect(after.every((m) => m.status === 'failed' && m.lastError === 'ECONNREFUSED')).toBe(true);
  });

  it('two deliveries running at once send every e-mail exactly once', async () => {
    for (let i = 0; i < 5; i += 1) await notify(use(), { cells: { risk_grade: 'high' } });
    const pending = await use().read((q) => q.select().from(emailOutbox).where(eq(emailOutbox.status, 'pending')));
    const slowSend: typeof mailer.send = async (email) => {
      await new Promise((r) => setTimeout(r, 5));
      await mailer.send(email);
    };
    const options = { now: () => FIXED_NOW, publicUrl: PUBLIC_URL, batch: 3 };
    const [a, b] = await Promise.all([deliverOutbox(use(), slowSend, options), deliverOutbox(use(), slowSend, options)]);
    expect(a.sent + b.sent).toBe(pending.length);
    const received = await smtp.waitFor(pending.length);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(pending.length);
    expect(received).toHaveLength(pending.length);
  });

  it('does not send an e-mail that could not go out within a day', async () => {
    const rec = await notify(use(), { cells: { risk_grade: 'high' } });
    const result = await deliverOutbox(use(), mailer.send, { now: () => new Date(FIXED_NOW.getTime() + 25 * 60 * MINUTE), publicUrl: PUBLIC_URL });
    expect(result.sent).toBe(0);
    expect((await outboxFor(rec.incidentId)).every((m) => m.status === 'expired')).toBe(true);
  });
});
