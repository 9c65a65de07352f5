import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { CONFIRM_DAYS, followablePlace, placeLabel, subscribe, SubscribeForm } from '~/alerts/subscriptions.server';
import { FollowByEmail } from '~/components/follow-by-email';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { requestLocale, requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { parseForm } from '~/utils/forms.server';

/** Public, no account: the sign-up of the county and town pages' "Follow by email" form. */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: loaded, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, loaded ? t('alerts.subscribe.title', { place: loaded.place.label }) : t('error.notFound')) }];
});

const view = (place: { name: string; stateCode: string; slug: string }) => ({ label: placeLabel(place), path: placePath(place), key: `${place.stateCode.toLowerCase()}/${place.slug}` });

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await followablePlace(prisma(), new URL(request.url).searchParams.get('place') ?? '');
  if (!found) throw new Response('Not found', { status: 404 });
  return { place: view(found), days: CONFIRM_DAYS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = requestTranslator(request);
  const parsed = await parseForm(request, SubscribeForm);
  const db = prisma();
  const place = await followablePlace(db, parsed.ok ? parsed.data.place : (parsed.values.place ?? ''));
  if (!place) throw new Response('Not found', { status: 404 });
  if (!parsed.ok) {
    const key = parsed.errors.email ?? Object.values(parsed.errors)[0];
    return data({ state: 'invalid' as const, email: (parsed.values.email ?? '').slice(0, 320), error: t(key) }, { status: 400 });
  }
  const outcome = await subscribe(db, request, { email: parsed.data.email, place, locale: requestLocale(request), ip: context.clientIp });
  if (!outcome.ok) {
    return data({ state: 'throttled' as const, email: parsed.data.email, error: t('alerts.subscribe.throttled') }, { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } });
  }
  // The same answer whether or not the address already follows the place.
  return { state: 'sent' as const, email: '', error: null };
}

export default function Subscribe() {
  const { place, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t('alerts.subscribe.title', { place: place.label })}</h1>
      {result?.state === 'sent' ? (
        <p className="notice" role="status">
          {t('alerts.subscribe.sent', { place: place.label, days })}
        </p>
      ) : (
        <FollowByEmail place={place} email={result?.email} error={result?.error} heading={false} />
      )}
      <p>
        <Link to={place.path}>{t('alerts.backToPlace', { place: place.label })}</Link>
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
