import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
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
import { GrantFields } from '~/components/grant-fields';
import { requestInfo } from '~/auth/events.server';
import { isOperator } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { useT } from '~/i18n/use-t';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? 'Account'} · Operator · Oversight Portal` },
];

const GRANT_FIELDS = ['role', 'jurisdictionId', 'agencyId'] as const;
const EMPTY = { role: '', jurisdictionId: '', agencyId: '' };

function accountId(param: string | undefined) {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('Not found', { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const db = prisma();
  const [account, options] = await Promise.all([accountDetail(db, accountId(params.id)), grantOptions(db)]);
  if (!account) throw new Response('Not found', { status: 404 });
  return { account, options, isSelf: account.id === actor.userId };
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('grant') }),
  z.object({ intent: z.literal('revoke'), roleId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('disable') }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('reset') }),
  z.object({ intent: z.literal('signOutEverywhere') }),
]);

const DONE: Record<z.infer<typeof Intent>['intent'], MessageKey> = {
  grant: 'admin.account.granted',
  revoke: 'admin.account.revoked',
  disable: 'admin.account.disabledNotice',
  enable: 'admin.account.enabledNotice',
  reset: 'admin.account.resetCreated',
  signOutEverywhere: 'admin.account.signedOutNotice',
};

type ShownLink = { url: string; delivery: 'sent' | 'no-smtp' | 'failed' } | null;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const userId = accountId(params.id);
  const t = requestTranslator(request);
  const form = Object.fromEntries(await request.formData());
  const values = typedValues(form, GRANT_FIELDS);
  const reply = (outcome: { notice?: string; error?: string; errors?: Record<string, string>; link?: ShownLink }, status = 200) =>
    data(
      { notice: outcome.notice ?? null, error: outcome.error ?? null, errors: outcome.errors ?? {}, link: outcome.link ?? null, values: status === 200 ? EMPTY : values },
      { status },
    );
  const parsed = Intent.safeParse(form);
  if (!parsed.success) return reply({ error: t('admin.error.badRequest') }, 400);
  const { intent } = parsed.data;
  const change = { userId, actorId: actor.userId, info: requestInfo(request, context.clientIp) };
  const db = prisma();

  let outcome: Outcome;
  if (parsed.data.intent === 'grant') {
    const grant = parseGrant(form, await grantOptions(db), t);
    if (!grant.grant) return reply({ errors: grant.errors }, 400);
    outcome = await grantRole(db, { ...change, grant: grant.grant });
  } else if (parsed.data.intent === 'revoke') {
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
  if (!outcome.ok) {
    const error = t(outcome.error);
    // A refused grant belongs to the role field; other refusals are about the whole page.
    return intent === 'grant' ? reply({ errors: { role: error } }, 400) : reply({ error }, outcome.error === 'admin.account.notFound' ? 404 : 400);
  }
  return reply({ notice: t(DONE[intent]) });
}

export default function Account() {
  const { account, options, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const values: Record<string, string> = result?.values ?? EMPTY;
  const errors: Record<string, string> = result?.errors ?? {};
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

      <dl>
        <dt>{t('admin.accounts.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('admin.accounts.status')}</dt>
        <dd>{account.disabled ? t('admin.accounts.disabledSince', { date: account.disabled }) : t('admin.accounts.active')}</dd>
        <dt>{t('admin.account.created')}</dt>
        <dd>{account.created}</dd>
        <dt>{t('admin.accounts.lastSignIn')}</dt>
        <dd>{account.lastSignIn ?? t('admin.accounts.never')}</dd>
        <dt>{t('admin.account.sessions')}</dt>
        <dd>{account.activeSessions}</dd>
        {account.hasPassword ? null : (
          <>
            <dt>{t('admin.account.password')}</dt>
            <dd>{t('admin.account.noPassword')}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="roles">
        <h2 id="roles">{t('admin.accounts.roles')}</h2>
        {account.roles.length ? (
          <ul className="plain">
            {account.roles.map((role) => {
              const label = `${t(`role.${role.role}`)}${role.place ? ` — ${role.place}` : ''}`;
              return (
                <li key={role.id} className="card">
                  {label}{' '}
                  {isSelf && role.role === 'OPERATOR' ? (
                    <span className="muted">{t('admin.account.cannotRevokeOwnOperator')}</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="roleId" value={role.id} />
                      <button type="submit" className="secondary" disabled={busy}>
                        {t('admin.account.revoke')}
                        <span className="visually-hidden"> {label}</span>
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t('admin.accounts.noRoles')}</p>
        )}
      </section>

      <section aria-labelledby="grant">
        <h2 id="grant">{t('admin.account.grantTitle')}</h2>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="grant" />
          <GrantFields options={options} values={values} errors={errors} />
          <button type="submit" disabled={busy}>
            {t('admin.account.grant')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="access">
        <h2 id="access">{t('admin.account.accessTitle')}</h2>
        <h3>{t('admin.account.resetTitle')}</h3>
        <p>{t('admin.account.resetHint')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="reset" />
          <button type="submit" className="secondary" disabled={busy}>
            {t('admin.account.reset')}
          </button>
        </Form>
        <h3>{t('account.signOutEverywhere')}</h3>
        <p>{t('admin.account.signOutHint')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="signOutEverywhere" />
          <button type="submit" className="secondary" disabled={busy}>
            {t('account.signOutEverywhere')}
          </button>
        </Form>
        <h3>{account.disabled ? t('admin.account.enableTitle') : t('admin.account.disableTitle')}</h3>
        {account.disabled ? (
          <Form method="post">
            <input type="hidden" name="intent" value="enable" />
            <button type="submit" disabled={busy}>
              {t('admin.account.enable')}
            </button>
          </Form>
        ) : isSelf ? (
          <p>{t('admin.account.cannotDisableSelf')}</p>
        ) : (
          <>
            <p>{t('admin.account.disableHint')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="disable" />
              <button type="submit" className="danger" disabled={busy}>
                {t('admin.account.disable')}
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
