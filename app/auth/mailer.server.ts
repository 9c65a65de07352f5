/**
 * Outgoing mail: through SMTP when SMTP_URL is set (e.g. smtp://user:pass@mail.county.gov:587),
 * otherwise not sent at all: the link is written to the server log and shown to the person who
 * created it, to pass on. Callers learn which happened.
 */
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export type Delivery = { sent: true } | { sent: false; reason: 'no-smtp' | 'failed' };

export async function sendMail(mail: Mail): Promise<Delivery> {
  const url = process.env.SMTP_URL;
  if (!url) {
    console.log(`[mail not sent: SMTP_URL is unset] to ${mail.to}: ${mail.subject}\n${mail.text}`);
    return { sent: false, reason: 'no-smtp' };
  }
  try {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({ from: process.env.MAIL_FROM ?? 'Oversight Portal <no-reply@localhost>', ...mail });
    return { sent: true };
  } catch (error) {
    console.error(`[mail failed] to ${mail.to}: ${(error as Error).message}\n${mail.text}`);
    return { sent: false, reason: 'failed' };
  }
}
