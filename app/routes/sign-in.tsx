import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { landingFor, safeRedirect } from '~/auth/access.server';
import { demoAccounts } from '~/auth/demo-accounts.server';
import { requestInfo } from '~/auth/events.server';
import { getActor } from '~/auth/session.server';
import { signIn, SignInForm } from '~/auth/sign-in.server';
import { Field } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { retryWait } from '~/i18n/message';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('signIn.title')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

// A throttled sign-in tells the browser when to try again.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const redirectTo = new URL(request.url).searchParams.get('redirectTo');
  if (actor) throw redirect(safeRedirect(redirectTo, landingFor(actor)));
  // Demo accounts exist only in demo mode; naming them here is what they are for.
  const { accounts: demo, password: demoPassword } = await demoAccounts(prisma());
  // The form carries only a target that will be followed: a refused one falls back now, not
  // as an unexplained refusal of the form (control characters) after the password was typed.
  return { demo, demoPassword, redirectTo: safeRedirect(redirectTo, '') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = requestTranslator(request);
  const parsed = await parseForm(request, SignInForm);
  if (!parsed.ok) return data({ email: parsed.values.email ?? '', errors: translateErrors(t, parsed.errors), message: null }, { status: 400 });
  const { email } = parsed.data;
  const result = await signIn(request, email, parsed.data.password, requestInfo(request, context.clientIp));
  if (result.ok) {
    // The session cookie and the device cookie (sign-in.server.ts).
    const headers = new Headers();
    for (const cookie of result.setCookies) headers.append('Set-Cookie', cookie);
    // With no page asked for, the person's own landing: a filer's reports, else their account.
    const grants = await prisma().roleAssignment.findMany({ where: { userId: result.userId }, select: { role: true, agencyId: true, jurisdictionId: true } });
    throw redirect(safeRedirect(parsed.data.redirectTo, landingFor({ grants })), { headers });
  }
  if (result.reason === 'blocked') {
    const seconds = result.retryAfterSeconds;
    const wait = retryWait(t, seconds);
    // The account alone is slowed down, never locked: say that a known browser still gets in.
    const message = t(result.limit === 'account' ? 'signIn.slowed' : 'signIn.blocked', { wait });
    return data({ email, errors: {}, message }, { status: 429, headers: { 'Retry-After': String(seconds) } });
  }
  return data({ email, errors: {}, message: t(result.reason === 'disabled' ? 'signIn.disabled' : 'signIn.failed') }, { status: 401 });
}

export default function SignIn() {
  const { demo, demoPassword, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="form">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t('signIn.email')}
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={result?.email ?? ''}
          error={errors.email}
          required
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('signIn.submit')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      {demo.length ? (
        <aside className="notice" aria-label={t('signIn.demoLabel')}>
          <p>{t('site.demoAccounts', { password: demoPassword ?? '' })}</p>
          <ul>
            {demo.map((account) => (
              <li key={account.email}>
                <code>{account.email}</code> — {account.name}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
