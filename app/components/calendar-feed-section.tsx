import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

/** /account's "Calendar of due dates": make, replace or turn off the private feed link. */
export function CalendarFeedSection({ live, createdUrl, revoked, busy }: { live: string | null; createdUrl: string | null; revoked: boolean; busy: boolean }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="calendar-feed">
      <h2 id="calendar-feed">{t('calendarFeed.title')}</h2>
      <p>{t('calendarFeed.intro')}</p>
      <p>{t('calendarFeed.private')}</p>
      {createdUrl ? (
        <div className="notice" role="status">
          <p>{t('calendarFeed.created')}</p>
          <p>
            <code>{createdUrl}</code>
          </p>
        </div>
      ) : revoked ? (
        <p className="notice" role="status">
          {t('calendarFeed.revoked')}
        </p>
      ) : null}
      {!createdUrl ? <p>{live ? t('calendarFeed.live', { date: date(live) }) : t('calendarFeed.none')}</p> : null}
      <Form method="post" action="/account">
        <input type="hidden" name="intent" value="calendar-create" />
        <button type="submit" disabled={busy}>
          {live ? t('calendarFeed.replace') : t('calendarFeed.create')}
        </button>
      </Form>
      {live ? (
        <Form method="post" action="/account">
          <input type="hidden" name="intent" value="calendar-revoke" />
          <button type="submit" className="danger" disabled={busy}>
            {t('calendarFeed.revoke')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
