import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet } from '@remix-run/react';
import { grantOptions, inviteAccount, listAccounts, openInvitations, parseInvite, type GrantOptions } from '~/admin/accounts.server';
import { typedValues } from '~/admin/forms.server';
import { formBody } from '~/utils/forms.server';
import { requireAccess } from '~/auth/access.server';
import { requestInfo } from '~/auth/events.server';
import { isOperator } from '~/auth/permissions';
import { Field } from '~/components/forms';
import { GrantFields } from '~/components/grant-fields';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { translateErrors } from '~/utils/forms';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.accounts.title') })) }];
});

const INVITE_FIELDS = ['email', 'role', 'jurisdictionId', 'agencyId'] as const;
const EMPTY = { email: '', role: '', jurisdictionId: '', agencyId: '' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  // /admin/accounts/:id renders in this route's outlet and loads its own data.
  if (params.id) return { accounts: [], invitations: [], options: { places: [], agencies: [] } as GrantOptions };
  const db = prisma();
  const [accounts, invitations, options] = await Promise.all([listAccounts(db), openInvitations(db), grantOptions(db)]);
  return { accounts, invitations, options };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const parsed = parseInvite(await formBody(request), await grantOptions(prisma()));
  if (!parsed.ok) return data({ values: typedValues(parsed.values, INVITE_FIELDS), errors: translateErrors(t, parsed.errors), link: null }, { status: 400 });
  const invite = parsed.data;
  const link = await inviteAccount(prisma(), request, {
    email: invite.email,
    grant: invite.grant,
    placeLabel: invite.label ?? t('admin.grant.wholePortal'),
    actorId: actor.userId,
    info: requestInfo(request, context.clientIp),
  });
  return {
    values: EMPTY,
    errors: {},
    link: { id: link.id, url: link.url, email: invite.email, delivery: link.delivery.sent ? ('sent' as const) : link.delivery.reason },
  };
}

export default function Accounts() {
  const outlet = useOutlet();
  return outlet ?? <AccountList />;
}

function AccountList() {
  const { accounts, invitations, options } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.accounts.title')}</h1>
      <AccountsTable accounts={accounts} />
      <InviteSection options={options} />
      <OpenInvitations invitations={invitations} />
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function AccountsTable({ accounts }: { accounts: LoaderData['accounts'] }) {
  const { t } = useT();
  return (
    <TableRegion labelledBy="accounts-caption">
      <table>
        <caption id="accounts-caption">{t('admin.accounts.count', { count: accounts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.accounts.name')}</th>
            <th scope="col">{t('admin.accounts.email')}</th>
            <th scope="col">{t('admin.accounts.roles')}</th>
            <th scope="col">{t('admin.accounts.lastSignIn')}</th>
            <th scope="col">{t('admin.accounts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row">
                <Link to={`/admin/accounts/${account.id}`}>{account.name}</Link>
              </th>
              <td>{account.email}</td>
              <td>
                {account.roles.length ? (
                  <ul className="plain">
                    {account.roles.map((role) => (
                      <li key={role.id}>
                        {t(`role.${role.role}`)}
                        {role.place ? ` — ${role.place}` : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('admin.accounts.noRoles')
                )}
              </td>
              <td>{account.lastSignIn ?? t('admin.accounts.never')}</td>
              <td>{account.disabled ? t('admin.accounts.disabledSince', { date: account.disabled }) : t('admin.accounts.active')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function InviteSection({ options }: { options: GrantOptions }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const values: Record<string, string> = result?.values ?? EMPTY;
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <section aria-labelledby="invite">
      <h2 id="invite">{t('admin.invite.title')}</h2>
      <p>{t('admin.invite.intro')}</p>
      {result?.link ? (
        <div className="notice" role="status">
          <p>{t('admin.invite.created', { email: result.link.email })}</p>
          <p>{t(`admin.link.${result.link.delivery}`, { email: result.link.email })}</p>
          <code className="secret">{result.link.url}</code>
        </div>
      ) : null}
      {/* A new key after each invitation empties the form for the next one. */}
      <Form method="post" noValidate className="form" key={result?.link?.id ?? 'invite'}>
        <Field label={t('admin.invite.email')} name="email" type="email" autoComplete="off" defaultValue={values.email} error={errors.email} required />
        <GrantFields options={options} values={values} errors={errors} />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('admin.invite.submit')}
        </button>
      </Form>
    </section>
  );
}

function OpenInvitations({ invitations }: { invitations: LoaderData['invitations'] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="open-invitations">
      <h2 id="open-invitations">{t('admin.invitations.title')}</h2>
      {invitations.length ? (
        <TableRegion labelledBy="open-invitations">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.email')}</th>
                <th scope="col">{t('admin.grant.role')}</th>
                <th scope="col">{t('admin.invitations.sent')}</th>
                <th scope="col">{t('admin.invitations.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>
                    {invitation.role ? t(`role.${invitation.role}`) : ''}
                    {invitation.place ? ` — ${invitation.place}` : ''}
                  </td>
                  <td>{invitation.sent}</td>
                  <td>{invitation.expires}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t('admin.invitations.none')}</p>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
