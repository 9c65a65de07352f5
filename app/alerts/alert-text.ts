/**
 * The words of residents' alert mails (issue 15, point 5), in the subscriber's language: plain
 * text only (every client shows it, nothing to sanitize), each with the link to the page it is
 * about and, in alerts, the link to unsubscribe or erase the address. Plain TypeScript: the
 * scan decides what happened, this says it.
 */
import type { Translate } from '~/i18n/i18n';

export interface MailText {
  subject: string;
  text: string;
}

/** What an alert is about, as the scan found it (dates as YYYY-MM-DD, already formatted where shown). */
export type AlertEvent =
  | { kind: 'report'; agency: string; period: string; url: string }
  | { kind: 'overdue'; agency: string; period: string; due: string; url: string }
  | { kind: 'agreement_new' | 'agreement_ended' | 'agreement_pending'; agency: string; model: string; date: string; url: string }
  | { kind: 'application'; agency: string; model: string; stage: string; date: string; url: string };

/** Subjects are one line: anything that could end a header line is flattened (names come from imports). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const oneLine = (text: string) => text.replace(/[\r\n\t\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

export function confirmMail(t: Translate, input: { place: string; url: string; days: number }): MailText {
  return {
    subject: oneLine(t('alerts.mail.confirmSubject', { place: input.place })),
    text: `${t('alerts.mail.confirmText', { place: input.place, url: input.url, days: input.days })}\n`,
  };
}

export function alertMail(t: Translate, event: AlertEvent, input: { place: string; unsubscribeUrl: string }): MailText {
  const body = (() => {
    switch (event.kind) {
      case 'report':
        return { subject: t('alerts.mail.reportSubject', event), text: t('alerts.mail.reportText', event) };
      case 'overdue':
        return { subject: t('alerts.mail.overdueSubject', event), text: t('alerts.mail.overdueText', event) };
      case 'agreement_new':
        return { subject: t('alerts.mail.agreementNewSubject', event), text: t('alerts.mail.agreementNewText', event) };
      case 'agreement_ended':
        return { subject: t('alerts.mail.agreementEndedSubject', event), text: t('alerts.mail.agreementEndedText', event) };
      case 'agreement_pending':
        return { subject: t('alerts.mail.agreementPendingSubject', event), text: t('alerts.mail.agreementPendingText', event) };
      case 'application':
        return { subject: t('alerts.mail.applicationSubject', event), text: t('alerts.mail.applicationText', event) };
    }
  })();
  return {
    subject: oneLine(body.subject),
    text: `${body.text}\n${event.url}\n\n-- \n${t('alerts.mail.footer', { place: input.place, url: input.unsubscribeUrl })}\n`,
  };
}

/** RFC 8058 one-click unsubscribe: the mail client POSTs to the link without asking anything more. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
