import { Form } from '@remix-run/react';
import { LANGUAGE_NAMES, LOCALES } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';

/** /account's "Mail": reminder mails, the weekly digest and their language; a plain form, no script needed. */
export function MailSettingsSection({
  settings,
  files,
  reviews,
  smtp,
  saved,
  busy,
}: {
  settings: { reminderMail: boolean; digestMail: boolean; mailLanguage: string };
  files: boolean;
  reviews: boolean;
  smtp: boolean;
  saved: boolean;
  busy: boolean;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="mail-settings" className="form">
      <h2 id="mail-settings">{t('mailSettings.title')}</h2>
      <p>{t('mailSettings.intro')}</p>
      {smtp ? null : <p>{t('mailSettings.noSmtp')}</p>}
      {saved ? (
        <p className="notice" role="status">
          {t('mailSettings.saved')}
        </p>
      ) : null}
      <Form method="post" action="/account">
        <input type="hidden" name="intent" value="mail-settings" />
        {files ? (
          <p>
            <input type="hidden" name="reminderMailShown" value="1" />
            <label>
              <input type="checkbox" name="reminderMail" defaultChecked={settings.reminderMail} /> {t('mailSettings.reminders')}
            </label>
          </p>
        ) : null}
        {reviews ? (
          <p>
            <input type="hidden" name="digestMailShown" value="1" />
            <label>
              <input type="checkbox" name="digestMail" defaultChecked={settings.digestMail} /> {t('mailSettings.digest')}
            </label>
          </p>
        ) : null}
        <p>
          <label htmlFor="mail-language">{t('mailSettings.language')}</label>{' '}
          <select id="mail-language" name="mailLanguage" defaultValue={settings.mailLanguage || 'en'}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" disabled={busy}>
          {t('mailSettings.save')}
        </button>
      </Form>
    </section>
  );
}
