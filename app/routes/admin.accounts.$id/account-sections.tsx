/** The parts of an account's page: what is known of it, its roles, and its access (sessions, password, disabling). */
import { Form } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import type { LoaderData } from './route';

export function AccountFacts({ account }: { account: LoaderData['account'] }) {
  const { t } = useT();
  return (
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
  );
}

interface SectionProps {
  account: LoaderData['account'];
  isSelf: boolean;
  busy: boolean;
}

export function RolesSection({ account, isSelf, busy }: SectionProps) {
  const { t } = useT();
  return (
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
  );
}

/** A form of one button that posts `intent`. */
function IntentButton({ intent, label, className, busy }: { intent: string; label: string; className?: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={className} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export function AccessSection({ account, isSelf, busy }: SectionProps) {
  const { t } = useT();
  return (
    <section aria-labelledby="access">
      <h2 id="access">{t('admin.account.accessTitle')}</h2>
      <h3>{t('admin.account.resetTitle')}</h3>
      <p>{t('admin.account.resetHint')}</p>
      <IntentButton intent="reset" label={t('admin.account.reset')} className="secondary" busy={busy} />
      <h3>{t('account.signOutEverywhere')}</h3>
      <p>{t('admin.account.signOutHint')}</p>
      <IntentButton intent="signOutEverywhere" label={t('account.signOutEverywhere')} className="secondary" busy={busy} />
      <h3>{account.disabled ? t('admin.account.enableTitle') : t('admin.account.disableTitle')}</h3>
      {account.disabled ? (
        <IntentButton intent="enable" label={t('admin.account.enable')} busy={busy} />
      ) : isSelf ? (
        <p>{t('admin.account.cannotDisableSelf')}</p>
      ) : (
        <>
          <p>{t('admin.account.disableHint')}</p>
          <IntentButton intent="disable" label={t('admin.account.disable')} className="danger" busy={busy} />
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
