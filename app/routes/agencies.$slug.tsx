import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AgencyDashboardSections } from '~/components/agency-dashboard';
import { StatusTag } from '~/components/registry';
import { agencyDashboard } from '~/dashboards/dashboard-queries.server';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { describeEventSource, describeFieldValue } from '~/i18n/registry-text';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/registry/paths';
import { agencyDetail } from '~/registry/registry-queries.server';

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? '';
  const [agency, dashboard] = await Promise.all([agencyDetail(prisma(), slug), agencyDashboard(prisma(), slug)]);
  if (!agency || !dashboard) throw new Response('Not found', { status: 404 });
  return { agency, dashboard };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? t('agency.pageTitle', { agency: data.agency.name }) : t('error.notFound')) }];
};

export default function AgencyPage() {
  const { agency, dashboard } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const describe = (field: string, value: string | null) => describeFieldValue(field, value, t, date);
  return (
    <>
      <p className="breadcrumb">
        {agency.place ? <Link to={placePath(agency.place)}>{agency.place.name}</Link> : null}
      </p>
      <h1>{agency.name}</h1>
      <p className="muted">{t(`agencyKind.${agency.kind}`)}</p>
      <p>
        {agency.place ? (
          <>
            {t('agency.serves', { place: agency.place.name })}{' '}
            {agency.county ? t('place.inCounty', { county: agency.county.name }) : null}
          </>
        ) : (
          t('agency.noPlace')
        )}
      </p>

      <h2>{t('agency.agreements')}</h2>
      {agency.agreements.map((agreement) => (
        <section key={agreement.publicId} className="card" aria-labelledby={`a-${agreement.publicId}`}>
          <h3 id={`a-${agreement.publicId}`}>
            {t(`model.${agreement.model}`)} <StatusTag status={agreement.status} />
          </h3>
          <p>{t(`model.${agreement.model}.explain`)}</p>
          <p>
            <strong>{agreement.signedOn ? t('agency.signedOn', { date: date(agreement.signedOn) }) : t('agency.notSigned')}</strong>
          </p>
          {agreement.endedOn ? <p>{t('agency.endedOn', { date: date(agreement.endedOn) })}</p> : null}
          <p>
            {t('agency.moa')}:{' '}
            {agreement.moaLink === 'LINKED' && agreement.moaUrl ? (
              <a href={agreement.moaUrl} rel="noreferrer">
                {t('agency.moaLinked')}
              </a>
            ) : agreement.moaLink === 'PENDING' ? (
              t('agency.moaPending')
            ) : (
              t('agency.moaNone')
            )}
          </p>
          <h4>{t('agency.history')}</h4>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`h-${agreement.publicId}`}>
            <table>
              <caption className="visually-hidden" id={`h-${agreement.publicId}`}>
                {t('agency.history')}: {t(`model.${agreement.model}`)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.date')}</th>
                  <th scope="col">{t('table.change')}</th>
                  <th scope="col">{t('table.source')}</th>
                </tr>
              </thead>
              <tbody>
                {agreement.events.map((event) => (
                  <tr key={event.id}>
                    <td>{date(event.effectiveOn)}</td>
                    <td>
                      {event.kind === 'LISTED'
                        ? t('event.LISTED', { status: t(`status.${event.toStatus}`).toLowerCase() })
                        : event.kind === 'ENDED'
                          ? t('event.ENDED')
                          : t('event.CHANGED', {
                              fields: Object.entries(event.details ?? {})
                                .map(([field, [from, to]]) =>
                                  t(`field.${field}` as MessageKey, { from: describe(field, from), to: describe(field, to) }),
                                )
                                .join('; '),
                            })}
                    </td>
                    <td>{describeEventSource(event.source, t, date)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p className="muted">{t('agency.historyIntro')}</p>

      <AgencyDashboardSections dashboard={dashboard} />
    </>
  );
}
