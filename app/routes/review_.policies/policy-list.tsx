import { Link } from '@remix-run/react';
import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';
import type { LoaderPlace } from './route';

/** A place's policies with the requirement each sets and its rules in force. */
export function PolicyList({ place }: { place: LoaderPlace }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby={`policies-${place.id}`}>
      <h2 id={`policies-${place.id}`}>{t('policies.in', { place: place.name })}</h2>
      {place.policies.length === 0 ? <p>{t('policies.none', { place: place.name })}</p> : null}
      {place.policies.map((policy) => (
        <article key={policy.id} className="card">
          <h3>{policy.title}</h3>
          <p className="muted">
            {t(`policyKind.${policy.kind}`)} · {t('policies.statuteLabel')} {policy.statute} · {t('policies.adoptedOn', { date: date(policy.adoptedOn) })}
          </p>
          {policy.requirements.length === 0 ? (
            <p>{t('policies.noRequirements')}</p>
          ) : (
            <TableRegion labelledBy={`policy-${policy.id}-caption`}>
              <table>
                <caption id={`policy-${policy.id}-caption`} className="visually-hidden">
                  {`${t('policies.requirements')}: ${policy.title}`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('policies.col.agency')}</th>
                    <th scope="col">{t('policies.col.report')}</th>
                    <th scope="col">{t('policies.col.frequency')}</th>
                    <th scope="col">{t('policies.col.due')}</th>
                    <th scope="col">{t('policies.col.metrics')}</th>
                    <th scope="col">{t('policies.col.from')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('requirement.change')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {policy.requirements.map((requirement) => (
                    <tr key={requirement.id}>
                      <td>
                        <Link to={agencyPath(requirement.agency)}>{requirement.agency.name}</Link>
                      </td>
                      <td>{requirement.title}</td>
                      <td>{requirement.rules ? t(`frequency.${requirement.rules.frequency}`) : '—'}</td>
                      <td>
                        {requirement.rules
                          ? `${t('policies.dueDays', { days: requirement.rules.dueDaysAfterEnd })}, ${t(requirement.rules.acceptsLate ? 'policies.late' : 'policies.noLate')}`
                          : '—'}
                      </td>
                      <td>{requirement.rules ? t('policies.metricCount', { count: requirement.rules.metricCount }) : '—'}</td>
                      <td>{requirement.rules ? date(requirement.rules.effectiveFrom) : '—'}</td>
                      <td>
                        <Link to={`/review/requirements/${requirement.id}`} aria-label={t('requirement.changeLabel', { title: requirement.title })}>
                          {t('requirement.change')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </article>
      ))}
    </section>
  );
}

