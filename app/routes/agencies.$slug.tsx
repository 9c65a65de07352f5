import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AgencyDashboardSections } from '~/components/agency-dashboard';
import { MoaStatus, NotOnIceListTag, SourceList, StatusTag } from '~/components/registry';
import { TableRegion } from '~/components/table-region';
import { ExtensionsTable } from '~/components/extensions-table';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { recentPeriods, wantsAllPeriods } from '~/dashboards/period-window';
import { PeriodWindowNote } from '~/components/period-window';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { describeEventSource, describeFieldValue } from '~/i18n/registry-text';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import type { LineageEvent } from '~/registry/lineage';
import { agencyDetail } from '~/registry/registry-queries.server';
import { slugParam } from '~/utils/route-params';
import { pageMeta } from '~/components/error-page';
import { PreapprovalApplications, PreapprovalFlags } from '~/components/preapproval-flags';
import { applicationsOfAgencySlug } from '~/preapproval/applications.server';
import { flagsOfAgencySlug } from '~/preapproval/flags.server';
import { extensionsOfAgency } from '~/reporting/extensions.server';
import { RefusalsAndNotices } from '~/components/refusals-notices';
import { noticesOfAgency } from '~/reporting/notices.server';
import { refusalsOfAgency } from '~/reporting/refusals.server';

/** No client app: plain HTML and links; the series chart script draws the charts. */
export const handle = { hydrate: false, charts: 'series' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = slugParam(params.slug);
  const all = wantsAllPeriods(request.url);
  const db = prisma();
  const [agency, dashboard, flags, applications, extensions, refusals, notices] = await cachedByDataVersion(
    db,
    `agency:${slug}`,
    async (reader) => {
      const found = await Promise.all([agencyDetail(reader, slug), agencyDashboard(reader, slug), flagsOfAgencySlug(reader, slug), applicationsOfAgencySlug(reader, slug)]);
      // Extensions of deadlines (issue 15, point 2), refusals to report and notices of
      // non-compliance (point 3) are public: listed beside the compliance record.
      const agencyId = found[1]?.agency.id;
      const [extensions, refusals, notices] =
        agencyId === undefined ? [[], [], []] : await Promise.all([extensionsOfAgency(reader, agencyId), refusalsOfAgency(reader, agencyId), noticesOfAgency(reader, agencyId)]);
      return [...found, extensions, refusals, notices] as const;
    },
    context.publicDataVersion,
  );
  if (!agency || !dashboard) throw new Response('Not found', { status: 404 });
  const { periods, window: periodWindow } = recentPeriods(dashboard.periods, all);
  const compliance = { ...dashboard.compliance, periods: recentPeriods(dashboard.compliance.periods, all).periods };
  return { agency, dashboard: { ...dashboard, periods, compliance }, periodWindow, flags, applications, extensions, refusals, notices };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? t('agency.pageTitle', { agency: data.agency.name }) : t('error.notFound')) }];
});

export default function AgencyPage() {
  const { agency, dashboard, periodWindow, flags, applications, extensions, refusals, notices } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const describe = (field: string, value: string | null) => describeFieldValue(field, value, t, date);
  const describeLine = (line: LineageEvent) => {
    const model = t(`model.${line.model}` as MessageKey);
    if (line.kind === 'modelChanged') return t('lineage.modelChanged', { from: describe('model', line.from), to: describe('model', line.to) });
    if (line.kind === 'resigned') return t('lineage.resigned', { model, from: describe('signedOn', line.from), to: describe('signedOn', line.to) });
    if (line.kind === 'changed') {
      const fields = line.changes.map(({ field, from, to }) => t(`field.${field}` as MessageKey, { from: describe(field, from), to: describe(field, to) })).join('; ');
      return t('lineage.changed', { model, fields });
    }
    return t(`lineage.${line.kind}`, { model });
  };
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

      <PreapprovalFlags flags={flags} />
      <PreapprovalApplications applications={applications} />

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
            <MoaStatus moaLink={agreement.moaLink} moaUrl={agreement.moaUrl} />
          </p>
          {agreement.onIceList ? null : (
            <p>
              <NotOnIceListTag /> {t('agreement.notOnIceListExplain')}
            </p>
          )}
          <SourceList sources={agreement.sources} />
        </section>
      ))}

      <h2 id="lineage">{t('lineage.title')}</h2>
      <p className="muted">{t('lineage.intro')}</p>
      <TableRegion labelledBy="lineage">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('table.date')}</th>
              <th scope="col">{t('table.change')}</th>
              <th scope="col">{t('table.source')}</th>
            </tr>
          </thead>
          <tbody>
            {agency.lineage.map((line, index) => (
              <tr key={`${line.agreement}-${index}`}>
                <td>{date(line.date)}</td>
                <td>{describeLine(line)}</td>
                <td>{describeEventSource(line.source, t, date)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <PeriodWindowNote periods={periodWindow} />
      <AgencyDashboardSections dashboard={dashboard} />

      <ExtensionsTable extensions={extensions} />
      <RefusalsAndNotices slug={agency.slug} refusals={refusals} notices={notices} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
