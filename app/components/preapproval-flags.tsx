import { Link } from '@remix-run/react';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { FlagView } from '~/preapproval/flags.server';

/**
 * Agreements that appeared without the council's pre-approval (app/preapproval/flags.server.ts):
 * open ones as a notice, resolved ones with the reviewer's note. They stay on the page for good.
 */
export function PreapprovalFlags({ flags }: { flags: FlagView[] }) {
  const { t, date } = useT();
  if (flags.length === 0) return null;
  return (
    <section aria-labelledby="preapproval-flags">
      <h2 id="preapproval-flags">{t('preapproval.flag.title')}</h2>
      {flags.map((flag) => (
        <div key={flag.id} className={flag.resolvedOn ? 'card' : 'notice'}>
          <p>
            {t('preapproval.flag.text', {
              agency: flag.agencyName,
              model: t(`model.${flag.model}` as MessageKey),
              status: t(`status.${flag.status}` as MessageKey),
            })}
          </p>
          <p className="muted">{t('preapproval.flag.raised', { date: date(flag.raisedOn) })}</p>
          {flag.resolvedOn ? <p>{t('preapproval.flag.resolved', { date: date(flag.resolvedOn), note: flag.resolutionNote ?? '' })}</p> : null}
        </div>
      ))}
    </section>
  );
}

/**
 * Pre-approval applications, each a link to its public timeline: an agency's, or a policy's
 * (those name their agency).
 */
export function PreapprovalApplications({ applications }: { applications: { id: number; model: string; stage: string; createdAt: string; agency?: { name: string } }[] }) {
  const { t, date } = useT();
  if (applications.length === 0) return null;
  return (
    <section aria-labelledby="preapproval-applications">
      <h2 id="preapproval-applications">{t('preapproval.agency.title')}</h2>
      <ul>
        {applications.map((application) => (
          <li key={application.id}>
            {application.agency ? `${application.agency.name}: ` : null}
            <Link to={`/preapproval/applications/${application.id}`}>
              {t('preapproval.page.listed', { date: date(application.createdAt), model: t(`model.${application.model}` as MessageKey) })}
            </Link>{' '}
            — {t(`preapproval.stage.${application.stage}` as MessageKey)}
          </li>
        ))}
      </ul>
    </section>
  );
}
