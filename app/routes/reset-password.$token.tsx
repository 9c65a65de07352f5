import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { goneStatus, newPasswordErrors, personalWords, resetOffer, resetPassword } from '~/auth/accounts.server';
import { hashPassword } from '~/auth/credentials.server';
import { requestInfo } from '~/auth/events.server';
import { Field, NewPasswordFields } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { translateMessages } from '~/i18n/message';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { ResetForm } from '~/auth/account-forms.server';
import { pageMeta } from '~/components/error-page';

// The URL holds a one-time token: same-origin, not no-referrer (see invite.$token.tsx).
export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('reset.title')) }, { name: 'referrer', content: 'same-origin' }];
});

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await resetOffer(prisma(), params.token ?? '');
  if (found.state === 'gone') return data({ view: 'gone' as const, reason: found.reason }, { status: goneStatus(found.reason) });
  return { view: 'open' as const, email: found.offer.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = requestTranslator(request);
  const db = prisma();
  const found = await resetOffer(db, params.token ?? '');
  if (found.state === 'gone') return data({ view: 'gone' as const, reason: found.reason }, { status: goneStatus(found.reason) });
  const { offer } = found;

  const parsed = await parseForm(request, ResetForm);
  if (!parsed.ok) return data({ view: 'invalid' as const, errors: translateErrors(t, parsed.errors) }, { status: 400 });
  const errors = translateMessages(t, await newPasswordErrors(parsed.data.password, parsed.data.confirm, personalWords(offer.email, offer.name)));
  if (Object.keys(errors).length) return data({ view: 'invalid' as const, errors }, { status: 400 });

  const passwordHash = await hashPassword(parsed.data.password);
  const result = await resetPassword(db, request, offer, passwordHash, requestInfo(request, context.clientIp));
  if (!result.ok) return data({ view: 'gone' as const, reason: 'used' as const }, { status: 410 });
  throw redirect('/account', { headers: { 'Set-Cookie': result.setCookie } });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const view = result?.view === 'gone' ? result : loaded;
  const errors: Record<string, string | undefined> = result?.view === 'invalid' ? result.errors : {};

  if (view.view === 'gone') {
    return (
      <div className="form">
        <h1>{t('reset.goneTitle')}</h1>
        <p className="alert" role="alert">
          {t(`reset.gone.${view.reason}`)}
        </p>
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form">
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.intro')}</p>
      {result?.view === 'invalid' ? (
        <p className="alert" role="alert">
          {t('reset.fixErrors')}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Field label={t('reset.email')} name="email" type="email" autoComplete="username" value={view.email} readOnly />
        <NewPasswordFields label={t('reset.password')} confirmLabel={t('reset.confirm')} hint={t('password.hint')} errors={errors} />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('reset.submit')}
        </button>
      </Form>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
