import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { z } from 'zod';
import {
  accountDetail,
  grantOptions,
  grantRole,
  parseGrant,
  revokeRole,
  sendPasswordReset,
  setDisabled,
  signOutEverywhere,
  type Outcome,
} from '~/admin/accounts.server';
import { typedValues } from '~/admin/forms.server';
import { requireAccess } from '~/auth/access.server';
import { requestInfo } from '~/auth/events.server';
import { isOperator, type Grant } from '~/auth/permissions';
import { GrantFields } from '~/components/grant-fields';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { formBody, parseWith } from '~/utils/forms.server';
import { idParam } from '~/utils/route-params';
import { AccessSection, AccountFacts, RolesSection } from './account-sections';
import { AccountIntent } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: data?.account.name ?? t('admin.account.pageTitle') })) }];
});

const GRANT_FIELDS = ['role', 'jurisdictionId', 'agencyId'] as const;
const EMPTY = { role: '', jurisdictionId: '', agencyId: '' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const db = prisma();
  const [account, options] = await Promise.all([accountDetail(db, idParam(params.id)), grantOptions(db)]);
  if (!account) throw new Response('Not found', { status: 404 });
  return { account, options, isSelf: account.id === actor.userId };
}

const DONE: Record<z.infer<typeof AccountIntent>['intent'], MessageKey> = {
  grant: 'admin.account.granted',
  revoke: 'admin.account.revoked',
  disable: 'admin.account.disabledNotice',
  enable: 'admin.account.enabledNotice',
  reset: 'admin.account.resetCreated',
  signOutEverywhere: 'admin.account.signedOutNotice',
};

type ShownLink = { url: string; delivery: 'sent' | 'no-smtp' | 'failed' } | null;

/** The grant as the form's selects hold it, to show again beside a refusal. */
const grantValues = (grant: Grant) => ({ role: grant.role, jurisdictionId: String(grant.jurisdictionId ?? ''), agencyId: String(grant.agencyId ?? '') });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const userId = idParam(params.id);
  const t = requestTranslator(request);
  const form = await formBody(request);
  const reply = (
    outcome: { notice?: string; error?: string; errors?: Record<string, string>; link?: ShownLink; values?: typeof EMPTY },
    status = 200,
  ) =>
    data(
      { notice: outcome.notice ?? null, error: outcome.error ?? null, errors: outcome.errors ?? {}, link: outcome.link ?? null, values: outcome.values ?? EMPTY },
      { status },
    );
  const parsed = parseWith(AccountIntent, form);
  if (!parsed.ok) return reply({ error: t('admin.error.badRequest') }, 400);
  const { intent } = parsed.data;
  const change = { userId, actorId: actor.userId, info: requestInfo(request, context.clientIp) };
  const db = prisma();

  if (parsed.data.intent === 'grant') {
    const grant = parseGrant(form, await grantOptions(db));
    if (!grant.ok) return reply({ errors: translateErrors(t, grant.errors), values: typedValues(grant.values, GRANT_FIELDS) }, 400);
    const outcome = await grantRole(db, { ...change, grant: grant.data.grant });
    if (!outcome.ok && outcome.error === 'admin.account.notFound') return reply({ error: t(outcome.error) }, 404);
    // A refused grant belongs to the role field.
    if (!outcome.ok) return reply({ errors: { role: t(outcome.error) }, values: grantValues(grant.data.grant) }, 400);
    return reply({ notice: t(DONE.grant) });
  }
  let outcome: Outcome;
  if (parsed.data.intent === 'revoke') {
    outcome = await revokeRole(db, { ...change, roleId: parsed.data.roleId });
  } else if (intent === 'disable' || intent === 'enable') {
    outcome = await setDisabled(db, { ...change, disabled: intent === 'disable' });
  } else if (intent === 'signOutEverywhere') {
    outcome = await signOutEverywhere(db, change);
  } else {
    const link = await sendPasswordReset(db, request, change);
    if (!link) throw new Response('Not found', { status: 404 });
    return reply({ notice: t(DONE.reset), link: { url: link.url, delivery: link.delivery.sent ? 'sent' : link.delivery.reason } });
  }
  if (!outcome.ok) return reply({ error: t(outcome.error) }, outcome.error === 'admin.account.notFound' ? 404 : 400);
  return reply({ notice: t(DONE[intent]) });
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Account() {
  const { account, options, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const busy = navigation.state === 'submitting';
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link> › <Link to="/admin/accounts">{t('admin.accounts.title')}</Link>
      </p>
      <h1>{account.name}</h1>
      {result?.notice ? (
        <div className="notice" role="status">
          <p>{result.notice}</p>
          {result.link ? (
            <>
              <p>{t(`admin.link.${result.link.delivery}`, { email: account.email })}</p>
              <code className="secret">{result.link.url}</code>
            </>
          ) : null}
        </div>
      ) : null}
      {result?.error ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}
      <AccountFacts account={account} />
      <RolesSection account={account} isSelf={isSelf} busy={busy} />
      <section aria-labelledby="grant">
        <h2 id="grant">{t('admin.account.grantTitle')}</h2>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="grant" />
          <GrantFields options={options} values={result?.values ?? EMPTY} errors={result?.errors ?? {}} />
          <button type="submit" disabled={busy}>
            {t('admin.account.grant')}
          </button>
        </Form>
      </section>
      <AccessSection account={account} isSelf={isSelf} busy={busy} />
    </>
  );
}
