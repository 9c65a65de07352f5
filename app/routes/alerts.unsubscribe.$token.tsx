import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { eraseAddress, placeLabel, unsubscribe, UnsubscribeForm, unsubscribeLinkFor } from '~/alerts/subscriptions.server';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { parseForm } from '~/utils/forms.server';

/**
 * The link in every alert. GET shows two buttons: unsubscribe from this place, or erase the
 * address altogether. A POST without an intent is RFC 8058's one-click unsubscribe, which a
 * mail client sends (List-Unsubscribe-Post) without cookies or further questions; the server
 * lets a cookieless POST here through its same-origin check (server/security.ts).
 */
export const handle = { hydrate: false };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

// The URL holds a token: never send it to another site as a Referer.
export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('alerts.unsubscribe.title')) }, { name: 'referrer', content: 'same-origin' }];
});

const placeView = (place: { name: string; stateCode: string; slug: string }) => ({ label: placeLabel(place), path: placePath(place) });

// A dead link's page answers 200: after a successful POST the page's loader runs again, finds
// the link used up, and an error status there would turn the action's answer into a 404 (a mail
// client could take that as a failed unsubscribe). A POST to a dead link answers 404.
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await unsubscribeLinkFor(prisma(), params.token ?? '');
  if (!found) return { view: 'gone' as const, place: null };
  return { view: 'open' as const, place: placeView(found.place) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, UnsubscribeForm);
  if (!parsed.ok) return data({ view: 'invalid' as const, place: null }, { status: 400 });
  const db = prisma();
  const token = params.token ?? '';
  if (parsed.data.intent === 'erase') {
    const erased = await eraseAddress(db, token);
    return erased ? { view: 'erased' as const, place: null } : data({ view: 'gone' as const, place: null }, { status: 404 });
  }
  const place = await unsubscribe(db, token);
  return place ? { view: 'unsubscribed' as const, place: placeView(place) } : data({ view: 'gone' as const, place: null }, { status: 404 });
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const { t } = useT();
  const shown = acted ?? loaded;
  return (
    <div className="form">
      <h1>{t('alerts.unsubscribe.title')}</h1>
      {shown.view === 'erased' ? (
        <p className="notice" role="status">
          {t('alerts.unsubscribe.erased')}
        </p>
      ) : shown.view === 'unsubscribed' && shown.place ? (
        <p className="notice" role="status">
          {t('alerts.unsubscribe.done', { place: shown.place.label })}
        </p>
      ) : shown.view === 'open' && shown.place ? (
        <>
          <Form method="post">
            <p>{t('alerts.unsubscribe.intro', { place: shown.place.label })}</p>
            <button type="submit" name="intent" value="unsubscribe">
              {t('alerts.unsubscribe.submit')}
            </button>
          </Form>
          <Form method="post">
            <p>{t('alerts.unsubscribe.eraseIntro')}</p>
            <button type="submit" name="intent" value="erase">
              {t('alerts.unsubscribe.erase')}
            </button>
          </Form>
        </>
      ) : shown.view === 'invalid' ? (
        <p>{t('form.invalid')}</p>
      ) : (
        <p>{t('alerts.linkGone')}</p>
      )}
      {shown.place ? (
        <p>
          <Link to={shown.place.path}>{t('alerts.backToPlace', { place: shown.place.label })}</Link>
        </p>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
