import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { forbidden, requireActor } from '~/auth/access.server';
import { accountRoles, changePassword, newPasswordErrors, personalWords, signOutEverywhere } from '~/auth/accounts.server';
import { requestInfo } from '~/auth/events.server';
import { filingAgencyIds, reviewedJurisdictionIds } from '~/auth/permissions';
import { clearedSessionCookie } from '~/auth/session.server';
import { Field, NewPasswordFields } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { retryWait, translateMessages } from '~/i18n/message';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { formBody, parseWith } from '~/utils/forms.server';
import { ChangePasswordForm } from '~/auth/account-forms.server';
import { pageMeta } from '~/components/error-page';
import { createCalendarFeed, liveCalendarFeed, mayHaveCalendarFeed, revokeCalendarFeed } from '~/reporting/calendar-feeds.server';
import { CalendarFeedSection } from '~/components/calendar-feed-section';
import { MailSettingsSection } from '~/components/mail-settings-section';
import { mailSettingsOf, saveMailSettings } from '~/mail/settings.server';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('account.title')) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const roles = await accountRoles(prisma(), actor.userId);
  return {
    name: actor.name,
    email: actor.email,
    roles: roles.map((r) => ({ id: r.id, role: r.role, place: r.jurisdiction?.name ?? '', agency: r.agency?.name ?? '' })),
    reviews: reviewedJurisdictionIds(actor).length > 0,
    passwordChanged: new URL(request.url).searchParams.get('done') === 'password',
    // Only for people who file for an agency; undefined hides the section.
    calendarFeed: mayHaveCalendarFeed(actor) ? { live: (await liveCalendarFeed(prisma(), actor.userId))?.createdAt.toISOString() ?? null } : undefined,
    // Reminder mails for those who file, the digest for reviewers; undefined (nobody to mail) hides the section.
    mail:
      filingAgencyIds(actor).length > 0 || reviewedJurisdictionIds(actor).length > 0
        ? {
            settings: await mailSettingsOf(prisma(), actor.userId),
            files: filingAgencyIds(actor).length > 0,
            smtp: Boolean(process.env.SMTP_URL?.trim()),
          }
        : undefined,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const info = requestInfo(request, context.clientIp);
  const form = await formBody(request);

  if (form.get('intent') === 'sign-out-everywhere') {
    await signOutEverywhere(prisma(), actor.userId, info);
    throw redirect('/sign-in', { headers: { 'Set-Cookie': clearedSessionCookie(request) } });
  }

  const intent = form.get('intent');
  if (intent === 'mail-settings') {
    if (filingAgencyIds(actor).length === 0 && reviewedJurisdictionIds(actor).length === 0) forbidden();
    await saveMailSettings(prisma(), actor.userId, form);
    return { mailSaved: true };
  }
  if (intent === 'calendar-create' || intent === 'calendar-revoke') {
    if (!mayHaveCalendarFeed(actor)) forbidden();
    if (intent === 'calendar-revoke') return { calendarRevoked: await revokeCalendarFeed(prisma(), actor.userId) };
    return { calendarUrl: await createCalendarFeed(prisma(), actor.userId, request) };
  }

  const parsed = parseWith(ChangePasswordForm, form);
  if (!parsed.ok) return data({ errors: translateErrors(t, parsed.errors), message: t('account.fixErrors') }, { status: 400 });
  const { currentPassword, password, confirm } = parsed.data;
  const errors = translateMessages(t, await newPasswordErrors(password, confirm, personalWords(actor.email, actor.name)));
  if (Object.keys(errors).length) return data({ errors, message: t('account.fixErrors') }, { status: 400 });

  const result = await changePassword(prisma(), request, actor.userId, { current: currentPassword, next: password }, info);
  if (result.ok) throw redirect('/account?done=password', { headers: { 'Set-Cookie': result.setCookie } });
  if (result.reason === 'blocked') {
    return data(
      { errors: {}, message: t('account.blocked', { wait: retryWait(t, result.retryAfterSeconds) }) },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    );
  }
  const field = result.reason === 'same' ? { password: t('account.samePassword') } : { currentPassword: t('account.currentPasswordWrong') };
  return data({ errors: field, message: t('account.fixErrors') }, { status: 400 });
}

export default function Account() {
  const { name, email, roles, reviews, passwordChanged, calendarFeed, mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const errors: Record<string, string | undefined> = (result && 'errors' in result ? result.errors : undefined) ?? {};
  const busy = navigation.state === 'submitting';
  return (
    <>
      <h1>{t('account.title')}</h1>
      {passwordChanged && !result ? (
        <p className="notice" role="status">
          {t('account.notice.passwordChanged')}
        </p>
      ) : null}
      <p>{t('account.signedInAs', { name, email })}</p>

      <section aria-labelledby="roles">
        <h2 id="roles">{t('account.roles')}</h2>
        {roles.length ? (
          <ul>
            {roles.map((r) => (
              <li key={r.id}>
                {t('account.roleIn', {
                  role: t(`role.${r.role}`),
                  explain: t(`role.${r.role}.explain`, { place: r.place, agency: r.agency }),
                })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('account.noRoles')}</p>
        )}
        {reviews ? (
          <p>
            <Link to="/review">{t('account.reviewLink')}</Link>
          </p>
        ) : null}
      </section>

      {calendarFeed ? (
        <CalendarFeedSection
          live={calendarFeed.live}
          createdUrl={result && 'calendarUrl' in result ? (result.calendarUrl ?? null) : null}
          revoked={Boolean(result && 'calendarRevoked' in result)}
          busy={busy}
        />
      ) : null}

      {mail ? (
        <MailSettingsSection
          settings={mail.settings}
          files={mail.files}
          reviews={reviews}
          smtp={mail.smtp}
          saved={Boolean(result && 'mailSaved' in result)}
          busy={busy}
        />
      ) : null}

      <section aria-labelledby="password" className="form">
        <h2 id="password">{t('account.passwordTitle')}</h2>
        <p>{t('account.passwordIntro')}</p>
        {result && 'message' in result ? (
          <p className="alert" role="alert">
            {result.message}
          </p>
        ) : null}
        <Form method="post" action="/account" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={email} />
          <Field
            label={t('account.currentPassword')}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={errors.currentPassword}
            required
          />
          <NewPasswordFields label={t('account.newPassword')} confirmLabel={t('account.confirmPassword')} hint={t('password.hint')} errors={errors} />
          <button type="submit" disabled={busy}>
            {t('account.changePassword')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="everywhere">
        <h2 id="everywhere">{t('account.signOutEverywhere')}</h2>
        <p>{t('account.signOutEverywhereHint')}</p>
        <Form method="post" action="/account">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="danger" disabled={busy}>
            {t('account.signOutEverywhere')}
          </button>
        </Form>
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
