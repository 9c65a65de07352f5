/**
 * A person's mail settings (/account): reminder mails, the weekly digest, and the language the
 * mails are written in. A box left unticked is absent from the form, so each box shown comes with
 * a hidden `<name>Shown` field: present and unticked means off.
 */
import type { Db } from '~/db/prisma.server';
import { isLocale } from '~/i18n/i18n';

export interface MailSettings {
  reminderMail: boolean;
  digestMail: boolean;
  /** '' = English, the default. */
  mailLanguage: '' | 'en' | 'es';
}

export async function mailSettingsOf(db: Db, userId: number): Promise<MailSettings> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { reminderMail: true, digestMail: true, mailLanguage: true } });
  return { reminderMail: user.reminderMail, digestMail: user.digestMail, mailLanguage: isLocale(user.mailLanguage) ? user.mailLanguage : '' };
}

/** Saves the form; a box the page did not show (`<name>Shown` absent: the person does not file, or does not review) keeps its value. */
export async function saveMailSettings(db: Db, userId: number, form: FormData): Promise<MailSettings> {
  const current = await mailSettingsOf(db, userId);
  const box = (name: 'reminderMail' | 'digestMail') => (form.get(`${name}Shown`) === '1' ? form.get(name) === 'on' : current[name]);
  const language = form.get('mailLanguage');
  const settings: MailSettings = {
    reminderMail: box('reminderMail'),
    digestMail: box('digestMail'),
    // Anything but a known language (a crafted form) is the default.
    mailLanguage: isLocale(language) ? language : '',
  };
  await db.user.update({
    where: { id: userId },
    data: { reminderMail: settings.reminderMail, digestMail: settings.digestMail, mailLanguage: settings.mailLanguage || null },
  });
  return settings;
}
