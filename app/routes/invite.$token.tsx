import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { acceptInvitation, goneStatus, invitationOffer, newPasswordErrors, personalWords } from '~/auth/accounts.server';
import { hashPassword } from '~/auth/credentials.server';
import { requestInfo } from '~/auth/events.server';
import { Field, NewPasswordFields } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { translateMessages } from '~/i18n/message';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { AcceptForm } from '~/auth/account-forms.server';
import { pageMeta } from '~/components/error-page';

// The URL holds a one-time token: never send it to another site as a Referer. (Not
// no-referrer: Chrome then sends "Origin: null" with the form, which the CSRF checks refuse.)
export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('invite.pageTitle')) }, { name: 'referrer', content: 'same-origin' }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await invitationOffer(prisma(), params.token ?? '');
  if (found.state === 'gone') {
    // After accepting with an existing password the link is used up; the redirect says so.
    if (found.reason === 'used' && new URL(request.url).searchParams.get('done') === 'accepted') return { view: 'accepted' as const };
    return data({ view: 'gone' as const, reason: found.reason }, { status: goneStatus(found.reason) });
  }
  const { offer } = found;
  if (offer.account === 'disabled') return data({ view: 'disabled' as const }, { status: 403 });
  const { linkId: _id, ...shown } = offer;
  return { view: 'open' as const, offer: shown };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = requestTranslator(request);
  const token = params.token ?? '';
  const db = prisma();
  const found = await invitationOffer(db, token);
  if (found.state === 'gone') return data({ view: 'gone' as const, reason: found.reason }, { status: goneStatus(found.reason) });
  const { offer } = found;
  if (offer.account === 'disabled') return data({ view: 'disabled' as const }, { status: 403 });

  let account: { name: string; passwordHash: string } | null = null;
  // Someone who already has a password keeps it: the page asked for nothing.
  if (offer.account !== 'existing') {
    const parsed = await parseForm(request, AcceptForm);
    const errors: Record<string, string> = parsed.ok ? {} : translateErrors(t, parsed.errors);
    // The password is judged even when the name is missing, so every problem shows at once.
    const { name = '', password = '', confirm = '' } = parsed.ok ? parsed.data : parsed.values;
    if (!errors.password && !errors.confirm) Object.assign(errors, translateMessages(t, await newPasswordErrors(password, confirm, personalWords(offer.email, name))));
    if (!parsed.ok || Object.keys(errors).length) return data({ view: 'invalid' as const, errors, name }, { status: 400 });
    account = { name: parsed.data.name, passwordHash: await hashPassword(parsed.data.password) };
  }

  const result = await acceptInvitation(db, request, offer.linkId, account, requestInfo(request, context.clientIp));
  switch (result.outcome) {
    case 'signed-in':
      throw redirect('/account', { headers: { 'Set-Cookie': result.setCookie } });
    case 'role-added':
      throw redirect(`/invite/${encodeURIComponent(token)}?done=accepted`);
    case 'used':
      return data({ view: 'gone' as const, reason: 'used' as const }, { status: 410 });
    case 'disabled':
      return data({ view: 'disabled' as const }, { status: 403 });
  }
}

export default function Invite() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  // An action that found the link gone or the account disabled replaces the page; form errors keep it.
  const view = result && result.view !== 'invalid' ? result : loaded;
  const errors: Record<string, string | undefined> = result?.view === 'invalid' ? result.errors : {};

  if (view.view === 'gone' || view.view === 'disabled') {
    return (
      <div className="form">
        <h1>{t('invite.goneTitle')}</h1>
        <p className="alert" role="alert">
          {view.view === 'disabled' ? t('invite.disabled') : t(`invite.gone.${view.reason}`)}
        </p>
        <p>
          <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </div>
    );
  }
  if (view.view === 'accepted') {
    return (
      <div className="form">
        <h1>{t('invite.acceptedTitle')}</h1>
        <p className="notice" role="status">
          {t('invite.accepted')}
        </p>
        <p>
          <Link to="/sign-in?redirectTo=%2Faccount">{t('nav.signIn')}</Link>
        </p>
      </div>
    );
  }

  const { offer } = view;
  const role = offer.role ? t(`role.${offer.role}`) : '';
  return (
    <div className="form">
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.for', { email: offer.email, role })}</p>
      {offer.role ? <p>{t(`role.${offer.role}.explain`, { place: offer.placeName ?? '', agency: offer.agencyName ?? '' })}</p> : null}
      {result?.view === 'invalid' ? (
        <p className="alert" role="alert">
          {t('invite.fixErrors')}
        </p>
      ) : null}
      {offer.account === 'existing' ? (
        <>
          <p>{t('invite.existingIntro')}</p>
          <Form method="post">
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('invite.accept')}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t('invite.newIntro')}</p>
          <Form method="post" noValidate>
            <Field
              label={t('invite.email')}
              name="email"
              type="email"
              autoComplete="username"
              value={offer.email}
              hint={t('invite.emailHint')}
              readOnly
            />
            <Field
              label={t('invite.name')}
              name="name"
              autoComplete="name"
              defaultValue={result?.view === 'invalid' ? result.name : offer.name}
              error={errors.name}
              required
            />
            <NewPasswordFields label={t('invite.password')} confirmLabel={t('invite.confirm')} hint={t('password.hint')} errors={errors} />
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('invite.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
