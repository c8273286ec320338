/** `homeward alerts run`: one pass of the alert work (time-based rules, then the e-mail outbox), for cron or a second host. */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { smtpSender } from '../modules/alerts/mailer.ts';
import { deliverOutbox } from '../modules/alerts/outbox.ts';
import { sweepAlerts } from '../modules/alerts/sweeps.ts';
import { withDatabase } from './data-commands.ts';

export function registerAlertCommands(program: Command): void {
  const alerts = program.command('alerts').description('alerts and their e-mails');
  alerts
    .command('run')
    .description('raise overdue-interview alerts and escalations that are due, then send queued e-mails (the web server also does this every HOMEWARD_ALERT_INTERVAL_SECONDS)')
    .action(async () => {
      const config = loadConfig();
      await withDatabase(async (db) => {
        const swept = await sweepAlerts(db, new Date());
        console.log(`Overdue return interview alerts raised: ${swept.rhiOverdue}; alerts escalated: ${swept.escalated}`);
        if (!config.mail.smtpUrl) {
          console.log('E-mail is off (HOMEWARD_SMTP_URL is not set): queued e-mails were left in the outbox.');
          return;
        }
        const mailer = smtpSender(config.mail.smtpUrl, config.mail.from);
        try {
          const sent = await deliverOutbox(db, mailer.send, { now: () => new Date(), publicUrl: config.publicUrl });
          console.log(`E-mails sent: ${sent.sent}; failed (to be retried): ${sent.failed}; expired unsent: ${sent.expired}`);
        } finally {
          mailer.close();
        }
      });
    });
}
