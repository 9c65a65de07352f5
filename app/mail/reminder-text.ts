/**
 * The words of reminder mails and digests, in the recipient's language (app/i18n/<lang>/mail.ts).
 * Plain text always; no HTML part (links stay plain, every mail reader shows them).
 */
import { formatDate, translator } from '~/i18n/i18n';
import { periodLabel } from '~/reporting/period-label';
import type { PlanActivity, PlannedDigest, PlannedReminder } from './reminder-plan';

export interface MailText {
  subject: string;
  text: string;
}

export function reminderText(reminder: PlannedReminder, origin: string): MailText {
  const t = translator(reminder.locale);
  const { period } = reminder;
  const params = {
    name: reminder.name,
    agency: period.agencyName,
    requirement: period.requirementTitle,
    period: periodLabel(period.periodStart, period.periodEnd, reminder.locale),
    date: formatDate(reminder.dueOn, reminder.locale),
    count: reminder.days,
  };
  const before = reminder.kind === 'reminder_before';
  const subject = before ? t('mail.reminder.beforeSubject', params) : t('mail.reminder.afterSubject', params);
  const lead = before
    ? reminder.days === 0
      ? t('mail.reminder.dueToday', params)
      : t('mail.reminder.before', params)
    : t('mail.reminder.after', params);
  const text = [
    t('mail.greeting', params),
    '',
    lead,
    '',
    t('mail.reminder.fileAt', { url: `${origin}/filings` }),
    ...(period.dueOn !== reminder.dueOn ? ['', t('mail.reminder.extended', params)] : []),
    '',
    t('mail.settings', { url: `${origin}/account` }),
  ].join('\n');
  return { subject, text };
}

export function digestText(digest: PlannedDigest, origin: string): MailText {
  const t = translator(digest.locale);
  const label = (item: Pick<PlanActivity, 'periodStart' | 'periodEnd'>) => periodLabel(item.periodStart, item.periodEnd, digest.locale);
  const line = (item: PlanActivity) => `- ${item.agencyName}: ${item.requirementTitle}, ${label(item)} (${origin}/review/filings/${item.filingId})`;
  const section = (title: string, lines: string[]) => ['', title, ...(lines.length ? lines : [t('mail.digest.none')])];
  const text = [
    t('mail.greeting', { name: digest.name }),
    '',
    t('mail.digest.intro', { date: formatDate(digest.weekOf, digest.locale) }),
    ...section(t('mail.digest.filed', { count: digest.filed.length }), digest.filed.map(line)),
    ...section(t('mail.digest.returned', { count: digest.returned.length }), digest.returned.map(line)),
    ...section(
      t('mail.digest.overdue', { count: digest.overdue.length }),
      digest.overdue.map((period) => `- ${t('mail.digest.overdueLine', { agency: period.agencyName, requirement: period.requirementTitle, period: label(period), count: period.daysLate })}`),
    ),
    '',
    t('mail.digest.reviewAt', { url: `${origin}/review` }),
    '',
    t('mail.digest.settings', { url: `${origin}/account` }),
  ].join('\n');
  return { subject: t('mail.digest.subject', { date: formatDate(digest.weekOf, digest.locale) }), text };
}
