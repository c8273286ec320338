/**
 * Part two of `npm run bench:rules`: raise 1,000 alerts and deliver them by e-mail. Each alert is raised in
 * its own transaction through `raiseAlerts` (what every alert rule calls, queueing its e-mail in the outbox),
 * a high-risk incident alert for one of 1,000 incidents, addressed to the authority's Missing Officer (one
 * e-mail each). Then `deliverOutbox`, through the production SMTP transport (`smtpSender`), sends them to an
 * SMTP server started here on loopback (`smtp-server`), which counts what arrives by Message-ID. smtp-server
 * pauses 100 ms before greeting each connection (its early-talker check); `smtpSender` pools connections, so
 * that pause is paid once per connection, not once per e-mail.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { queryRows, type Database } from '../../src/db/database.ts';
import type { AlertDraft } from '../../src/modules/alerts/alert-kinds.ts';
import { HIGH_RISK_RULE } from '../../src/modules/alerts/incident-alerts.ts';
import { smtpSender } from '../../src/modules/alerts/mailer.ts';
import { deliverOutbox, type DeliveryResult, type SendEmail } from '../../src/modules/alerts/outbox.ts';
import { raiseAlerts } from '../../src/modules/alerts/raise.ts';
import { latency, type Latency } from './rules-print.ts';

export interface AlertsResult {
  alerts: number;
  raise: { totalMs: number; perAlert: Latency };
  deliver: { totalMs: number; perSecond: number; result: DeliveryResult };
  /** Distinct messages of this part that reached the SMTP server. */
  arrived: number;
  /** E-mails queued by earlier parts (the rule's own alerts), delivered first and not timed. */
  drainedBefore: DeliveryResult;
  /** The same delivery through a pooled transport: for comparison, not the production path. */
  pooled: { deliver: { totalMs: number; perSecond: number; result: DeliveryResult }; arrived: number };
}

interface Receiver {
  port: number;
  messageIds: Set<string>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const messageIds = new Set<string>();
  const server = new SMTPServer({
    // Plain SMTP on loopback, no reverse DNS of the client: the receiver must not be what is measured.
    disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true, logger: false, disableReverseLookup: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
        if (id) messageIds.add(id);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, messageIds, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Target extends Record<string, unknown> {
  incident_id: string; child_id: string; authority_code: string; user_id: string;
}

/** `count` recent incidents, each with its authority's Missing Officer to address the alert to. */
async function targets(db: Database, count: number): Promise<Target[]> {
  return db.read((q) => queryRows<Target>(q, sql`
    SELECT i.id AS incident_id, i.child_id, i.authority_code, u.id AS user_id
    FROM incidents i JOIN users u ON u.authority_code = i.authority_code AND u.role = 'missing_officer'
    ORDER BY i.last_seen_at DESC LIMIT ${count}`));
}

const OPTIONS = { now: () => new Date(), publicUrl: 'http://homeward.invalid' };

const draftFor = (t: Target, tag: string): AlertDraft => ({
  authorityCode: t.authority_code.trim(), kind: 'high_risk_incident', dedupeKey: `${tag}:high-risk:${t.incident_id}`, childId: t.child_id,
  subjectType: 'incident', subjectId: t.incident_id, rule: HIGH_RISK_RULE, facts: ['Risk grade: high'], link: `/incidents/${t.incident_id}`,
  audience: { kind: 'user', userId: t.user_id, label: 'Missing Officer' },
});

interface Round {
  raise: { totalMs: number; perAlert: Latency };
  deliver: { totalMs: number; perSecond: number; result: DeliveryResult };
  alerts: number;
  arrived: number;
}

/** Raises `chosen.length` alerts one per transaction, then delivers the outbox through `send`. */
async function round(db: Database, chosen: Target[], tag: string, send: SendEmail, receiver: Receiver, log: (line: string) => void): Promise<Round> {
  receiver.messageIds.clear();
  const perAlert: number[] = [];
  const raisedIds: string[] = [];
  const raiseStarted = performance.now();
  for (const t of chosen) {
    const started = performance.now();
    raisedIds.push(...(await db.transaction((tx) => raiseAlerts(tx, [draftFor(t, tag)], new Date()))));
    perAlert.push(performance.now() - started);
  }
  const raiseMs = performance.now() - raiseStarted;
  log(`  raised ${raisedIds.length} alerts in ${(raiseMs / 1000).toFixed(2)} s; delivering...`);
  const deliverStarted = performance.now();
  const result = await deliverOutbox(db, send, OPTIONS);
  const deliverMs = performance.now() - deliverStarted;
  const ours = await db.read((q) => queryRows<{ message_id: string }>(q, sql`
    SELECT message_id FROM email_outbox WHERE alert_id = ANY(${`{${raisedIds.join(',')}}`}::uuid[])`));
  return {
    alerts: raisedIds.length, raise: { totalMs: raiseMs, perAlert: latency(perAlert) },
    deliver: { totalMs: deliverMs, perSecond: (result.sent / deliverMs) * 1000, result },
    arrived: ours.filter((r) => receiver.messageIds.has(r.message_id)).length,
  };
}

/**
 * The measured round uses the production sender. A second round, for comparison only, delivers through a
 * pooled nodemailer transport (connections reused), to show what the per-message connection costs.
 */
export async function raiseAndDeliver(db: Database, count: number, log: (line: string) => void): Promise<AlertsResult> {
  const receiver = await startReceiver();
  const url = `smtp://127.0.0.1:${receiver.port}`;
  const sender = smtpSender(url, 'Homeward bench <bench@homeward.invalid>');
  const pooled = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, pool: true, maxConnections: 1 });
  try {
    const drainedBefore = await deliverOutbox(db, sender.send, OPTIONS);
    const chosen = await targets(db, count);
    if (chosen.length < count) throw new Error(`only ${chosen.length} incidents with a Missing Officer to alert`);
    const measured = await round(db, chosen, 'bench', sender.send, receiver, log);
    log('  again, delivering through a pooled SMTP transport (for comparison)...');
    const viaPool = await round(db, chosen, 'bench-pooled', async (e) => {
      await pooled.sendMail({ from: 'Homeward bench <bench@homeward.invalid>', to: e.to, subject: e.subject, text: e.text, messageId: e.messageId });
    }, receiver, log);
    return { ...measured, drainedBefore, pooled: { deliver: viaPool.deliver, arrived: viaPool.arrived } };
  } finally {
    sender.close();
    pooled.close();
    await receiver.close();
  }
}
