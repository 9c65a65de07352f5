import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { requestPasswordReset } from '~/auth/accounts.server';
import { requestInfo } from '~/auth/events.server';
import { Field } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { parseForm } from '~/utils/forms.server';
import { ForgotForm } from '~/auth/account-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('forgot.title')) }];
});

export async function action({ request, context }: ActionFunctionArgs) {
  const t = requestTranslator(request);
  const parsed = await parseForm(request, ForgotForm);
  if (!parsed.ok) {
    // One field: its error, or what else kept the form from being read.
    const error = parsed.errors.email ?? Object.values(parsed.errors)[0];
    return data({ sent: false as const, email: parsed.values.email ?? '', error: t(error) }, { status: 400 });
  }
  // Not awaited: the answer must not take longer when the account exists (and mail is sent)
  // than when it does not, or its timing would tell who has an account.
  requestPasswordReset(prisma(), request, parsed.data.email, requestInfo(request, context.clientIp)).catch((error) =>
    console.error('[password reset request failed]', error),
  );
  return { sent: true as const, email: '', error: null };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  return (
    <div className="form">
      <h1>{t('forgot.title')}</h1>
      {result?.sent ? (
        <p className="notice" role="status">
          {t('forgot.sent')}
        </p>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <Form method="post" noValidate>
            <Field
              label={t('forgot.email')}
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={result?.email ?? ''}
              error={result?.error}
              required
            />
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('forgot.submit')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
