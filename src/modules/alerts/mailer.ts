/** The SMTP transport (nodemailer) behind the outbox. */
import nodemailer from 'nodemailer';
import type { SendEmail } from './outbox.ts';

export function smtpSender(smtpUrl: string, from: string): { send: SendEmail; close: () => void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (email) => {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    close: () => transport.close(),
  };
}
