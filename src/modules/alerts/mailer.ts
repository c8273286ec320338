/** The SMTP transport (nodemailer) behind the outbox. */
import nodemailer from 'nodemailer';
import type { SendEmail } from './outbox.ts';

export function smtpSender(smtpUrl: string, from: string): { send: SendEmail; close: () => void } {
  // Pooled: a burst of alerts goes down a few reused connections rather than one new connection per e-mail
  // (many mail servers pause before greeting each connection). `pool=true` in the URL is nodemailer's option.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  return {
    send: async (email) => {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    close: () => transport.close(),
  };
}
