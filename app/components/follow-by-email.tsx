import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { Field } from './forms';

/**
 * "Follow by email" on a county's or town's page (and on /alerts/subscribe when the address needs
 * correcting): a plain form that posts without JavaScript. Residents need no account.
 */
export function FollowByEmail({
  place,
  email,
  error,
  heading = true,
}: {
  place: { label: string; key: string };
  email?: string;
  error?: string | null;
  heading?: boolean;
}) {
  const { t } = useT();
  const form = (
    <>
      <p>{t('alerts.follow.intro')}</p>
      <Form method="post" action={`/alerts/subscribe?place=${encodeURIComponent(place.key)}`} noValidate>
        <input type="hidden" name="place" value={place.key} />
        <Field label={t('alerts.follow.email')} name="email" id="follow-email" type="email" autoComplete="email" defaultValue={email ?? ''} error={error} required />
        <button type="submit">{t('alerts.follow.submit')}</button>
      </Form>
    </>
  );
  if (!heading) return form;
  return (
    <section aria-labelledby="follow" className="follow-by-email">
      <h2 id="follow">{t('alerts.follow.title', { place: place.label })}</h2>
      {form}
    </section>
  );
}
