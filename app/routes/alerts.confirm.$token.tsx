import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { confirmationFor, confirmSubscription, placeLabel } from '~/alerts/subscriptions.server';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';

/**
 * The link of a confirmation mail. Opening it confirms nothing (mail scanners fetch links): the
 * page shows a button, and only its POST confirms. Public; the token is the only credential.
 */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

// The URL holds a token: never send it to another site as a Referer.
export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('alerts.confirm.title')) }, { name: 'referrer', content: 'same-origin' }];
});

const placeView = (place: { name: string; stateCode: string; slug: string }) => ({ label: placeLabel(place), path: placePath(place) });

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await confirmationFor(prisma(), params.token ?? '');
  if (!found) return data({ view: 'gone' as const, place: null }, { status: 404 });
  return { view: found.confirmed ? ('confirmed' as const) : ('open' as const), place: placeView(found.place) };
}

export async function action({ params }: ActionFunctionArgs) {
  const confirmed = await confirmSubscription(prisma(), params.token ?? '');
  if (!confirmed) return data({ view: 'gone' as const, place: null }, { status: 404 });
  return { view: 'confirmed' as const, place: placeView(confirmed.place) };
}

export default function ConfirmAlerts() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { view, place } = acted ?? loaded;
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t('alerts.confirm.title')}</h1>
      {view === 'gone' || !place ? (
        <p>{t('alerts.linkGone')}</p>
      ) : view === 'confirmed' ? (
        <p className="notice" role="status">
          {t('alerts.confirm.done', { place: place.label })}
        </p>
      ) : (
        <Form method="post">
          <p>{t('alerts.confirm.intro', { place: place.label })}</p>
          <button type="submit">{t('alerts.confirm.submit')}</button>
        </Form>
      )}
      {place ? (
        <p>
          <Link to={place.path}>{t('alerts.backToPlace', { place: place.label })}</Link>
        </p>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
