/**
 * The statewide page's sections: agreements by model, the county map with its table, active
 * agreements month by month, and the latest reports, each with its download beside it. Every
 * number is in a server-rendered table; the charts only draw the same numbers.
 */
import { newYorkDate } from '~/reporting/calendar';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ChartFigure } from '~/components/charts/chart-figure';
import type { MapChartSpec, SeriesChartSpec } from '~/components/charts/chart-spec';
import { AmendedMark, useFigureText } from '~/components/figures';
import { activeByModel, MAP_CATEGORIES, MAP_COLORS, mapSummary } from '~/components/statewide-map';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';

import type { StatewidePageData } from '~/open-data/statewide-downloads.server';
import { MODELS } from '~/registry/models';
import { agencyPath, placePath, reportPath } from '~/paths';
import { periodLabel } from '~/reporting/period-label';
import { TableRegion } from '~/components/table-region';
import { overdueCsvPath } from '~/components/statewide-overdue';

/** Links for the page's downloads and feed; CSV headers in Spanish for a Spanish page. */
export function statewideLinks(stateCode: string, locale: 'en' | 'es') {
  const api = `/api/v1/places/${stateCode.toLowerCase()}`;
  const lang = locale === 'es' ? '?lang=es' : '';
  return {
    json: api,
    countiesCsv: `${api}/counties.csv${lang}`,
    timelineCsv: `${api}/timeline.csv${lang}`,
    filingsCsv: `${api}/filings.csv${lang}`,
    feed: `/feeds/${stateCode.toLowerCase()}.atom`,
  };
}

const list = (items: string[], locale: 'en' | 'es') => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
const monthLabel = (month: string, locale: 'en' | 'es') => periodLabel(`${month}-01`, `${month}-01`, locale);

function DownloadLine({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="statewide-download">
      <a href={href}>{children}</a>
    </p>
  );
}

export function StatewideTotals({ data }: { data: StatewidePageData }) {
  const { t, number } = useT();
  const { totals } = data;
  const municipal = MODELS.reduce((sum, model) => sum + totals.municipalByModel[model], 0);
  return (
    <>
      <TableRegion labelledBy="totals-caption">
        <table className="statewide-totals">
          <caption id="totals-caption">{t('statewide.totals.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.model')}</th>
              <th scope="col" className="number">
                {t('statewide.totals.active')}
              </th>
              <th scope="col" className="number">
                {t('statewide.totals.municipal')}
              </th>
              <th scope="col" className="number">
                {t('statewide.totals.pending')}
              </th>
            </tr>
          </thead>
          <tbody>
            {MODELS.map((model) => (
              <tr key={model}>
                <th scope="row">{t(`model.${model}`)}</th>
                <td className="number">{number(totals.byModel[model])}</td>
                <td className="number">{number(totals.municipalByModel[model])}</td>
                <td className="number">{number(totals.pendingByModel[model])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('statewide.totals.total')}</th>
              <td className="number">{number(totals.active)}</td>
              <td className="number">{number(municipal)}</td>
              <td className="number">{number(totals.pending)}</td>
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      {totals.pending === 0 ? <p>{t('home.noPending')}</p> : null}
      {totals.outsideCounties > 0 ? <p>{t('statewide.totals.outside', { count: number(totals.outsideCounties) })}</p> : null}
    </>
  );
}

/** The map's categories in the page's language. */
function useCategoryLabel() {
  const { t } = useT();
  return (category: (typeof MAP_CATEGORIES)[number]) => t(`statewide.category.${category}` as MessageKey);
}

function MapLegend({ byCategory }: { byCategory: Record<(typeof MAP_CATEGORIES)[number], number> }) {
  const { t, number } = useT();
  const categoryLabel = useCategoryLabel();
  return (
    <>
      <p id="map-legend-title" className="statewide-legend-title">
        {t('statewide.map.legend')}
      </p>
      <ul className="map-legend" aria-labelledby="map-legend-title">
        {MAP_CATEGORIES.map((category) => (
          <li key={category}>
            <span className={`legend-swatch map-swatch-${category}`} aria-hidden="true" />
            {t('statewide.map.legendCount', { label: categoryLabel(category), count: number(byCategory[category]) })}
          </li>
        ))}
      </ul>
      <p className="muted">{t('statewide.map.legendNote')}</p>
    </>
  );
}

/** The map's numbers as a table: every county with an agency, its color and its agencies' agreements. */
function MapCountyTable({ data }: { data: StatewidePageData }) {
  const { t, number } = useT();
  const categoryLabel = useCategoryLabel();
  const rows = data.counties.filter((county) => county.agencies.length > 0);
  if (rows.length === 0) return <p>{t('statewide.map.noRows')}</p>;
  return (
    <TableRegion labelledBy="map-caption">
      <table className="statewide-counties">
        <caption id="map-caption">{t('statewide.map.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statewide.map.county')}</th>
            <th scope="col">{t('statewide.map.color')}</th>
            <th scope="col">{t('statewide.map.agencies')}</th>
            <th scope="col" className="number">
              {t('statewide.totals.municipal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((county) => (
            <tr key={county.slug}>
              <th scope="row">
                <Link to={placePath({ stateCode: data.state.code, slug: county.slug })}>{county.name}</Link>
              </th>
              <td>
                <span className={`legend-swatch map-swatch-${county.mapCategory}`} aria-hidden="true" />
                {categoryLabel(county.mapCategory)}
              </td>
              <td>
                <ul className="plain">
                  {county.agencies.map((agency) => (
                    <li key={agency.slug}>
                      <Link to={agencyPath(agency)}>{agency.name}</Link>
                      {agency.municipal ? <span className="tag tag-town">{t('statewide.map.townMark')}</span> : null}
                      {': '}
                      {[
                        ...agency.active.map((model) => t(`model.${model}`)),
                        ...agency.pending.map((model) => `${t(`model.${model}`)} (${t('statewide.map.pendingMark')})`),
                      ].join(', ')}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="number">{number(county.municipalAgreements)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function StatewideMap({ data }: { data: StatewidePageData }) {
  const { t, number, date, locale } = useT();
  const categoryLabel = useCategoryLabel();
  const links = statewideLinks(data.state.code, locale);
  const summary = mapSummary(data.counties);
  const byModel = data.counties.reduce(
    (sum, county) => {
      const counts = activeByModel(county.agencies);
      for (const model of MODELS) sum[model] += counts[model];
      return sum;
    },
    Object.fromEntries(MODELS.map((model) => [model, 0])) as Record<(typeof MODELS)[number], number>,
  );

  const sentences = [
    summary.agenciesWithAgreement === 0
      ? t('statewide.map.summary.none', { total: number(summary.counties) })
      : t(summary.agenciesWithAgreement === 1 ? 'statewide.map.summary.one' : 'statewide.map.summary.other', {
          agencies: number(summary.agenciesWithAgreement),
          counties: number(summary.countiesWithAgreement),
          total: number(summary.counties),
          jem: number(byModel.JEM),
          wso: number(byModel.WSO),
          tfm: number(byModel.TFM),
        }),
  ];
  if (summary.agenciesWithAgreement > 0) {
    const townCounties = data.counties.filter((county) => county.municipalModels.length > 0).map((county) => county.name);
    sentences.push(
      summary.municipalAgencies === 0
        ? t('statewide.map.summary.noMunicipal')
        : t('statewide.map.summary.municipal', { agencies: number(summary.municipalAgencies), names: list(townCounties, locale), label: categoryLabel('municipal') }),
    );
  }

  const spec: MapChartSpec = {
    kind: 'map',
    geoUrl: '/geo/nc-counties.json',
    regions: data.counties.filter((county) => county.fips).map((county) => ({ fips: county.fips!, name: county.name, category: county.mapCategory })),
    categories: MAP_CATEGORIES.map((id) => ({ id, label: categoryLabel(id), color: MAP_COLORS[id] })),
  };

  return (
    <>
      <MapLegend byCategory={summary.byCategory} />
      <ChartFigure
        id="statewide-map"
        title={t('statewide.map.title')}
        summary={sentences.join(' ')}
        source={data.asOf ? t('statewide.map.source', { date: date(data.asOf) }) : t('statewide.map.sourceNoList')}
        spec={spec}
      >
        <MapCountyTable data={data} />
      </ChartFigure>
      <DownloadLine href={links.countiesCsv}>{t('statewide.map.download')}</DownloadLine>
    </>
  );
}

export function StatewideTimeline({ data }: { data: StatewidePageData }) {
  const { t, number, date, locale } = useT();
  const links = statewideLinks(data.state.code, locale);
  const months = data.timeline;
  if (months.length === 0) return <p>{t('statewide.timeline.none')}</p>;

  const first = months[0];
  const last = months[months.length - 1];
  const highest = months.reduce((best, month) => (month.active > best.active ? month : best), first);
  const labels = months.map((month) => monthLabel(month.month, locale));
  const spec: SeriesChartSpec = {
    kind: 'line',
    labels,
    datasets: [
      { label: t('statewide.timeline.all'), values: months.map((month) => month.active) },
      ...MODELS.map((model) => ({ label: t(`model.${model}`), values: months.map((month) => month.byModel[model]) })),
    ],
    unit: 'COUNT',
  };
  return (
    <>
      <ChartFigure
        id="statewide-timeline"
        title={t('statewide.timeline.title')}
        summary={t('statewide.timeline.summary', {
          first: number(first.active),
          firstMonth: labels[0],
          last: number(last.active),
          lastMonth: labels[labels.length - 1],
          highest: number(highest.active),
          highestMonth: monthLabel(highest.month, locale),
        })}
        source={t('statewide.timeline.source', {
          dates: list(data.participatingLists.map((day) => date(day)), locale),
          firstMonth: labels[0],
          lastMonth: labels[labels.length - 1],
        })}
        spec={spec}
      >
        <TableRegion labelledBy="timeline-caption">
          <table>
            <caption id="timeline-caption">{t('statewide.timeline.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('statewide.timeline.month')}</th>
                <th scope="col" className="number">
                  {t('statewide.timeline.all')}
                </th>
                {MODELS.map((model) => (
                  <th key={model} scope="col" className="number">
                    {t(`model.${model}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month, i) => (
                <tr key={month.month}>
                  <th scope="row">{labels[i]}</th>
                  <td className="number">{number(month.active)}</td>
                  {MODELS.map((model) => (
                    <td key={model} className="number">
                      {number(month.byModel[model])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </ChartFigure>
      <DownloadLine href={links.timelineCsv}>{t('statewide.timeline.download')}</DownloadLine>
    </>
  );
}

export function LatestFilings({ data }: { data: StatewidePageData }) {
  const { t, date, number, locale } = useT();
  const { period } = useFigureText();
  const links = statewideLinks(data.state.code, locale);
  const filings = data.latestFilings;
  if (filings.length === 0) return <p>{t('statewide.filings.none')}</p>;
  return (
    <>
      <p>{t('statewide.filings.intro')}</p>
      <TableRegion labelledBy="filings-caption">
        <table className="statewide-filings">
          <caption id="filings-caption">{t('statewide.filings.caption', { count: number(filings.length) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statewide.filings.agency')}</th>
              <th scope="col">{t('statewide.filings.county')}</th>
              <th scope="col">{t('statewide.filings.period')}</th>
              <th scope="col">{t('statewide.filings.certified')}</th>
              <th scope="col">{t('statewide.filings.kind')}</th>
              <th scope="col">{t('statewide.filings.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {filings.map((filing) => {
              const when = period(filing.period.start, filing.period.end);
              return (
                <tr key={`${filing.filingId}-${filing.revisionNumber}`}>
                  <th scope="row">
                    <Link to={agencyPath(filing.agency)}>{filing.agency.name}</Link>
                  </th>
                  <td>{filing.county ? <Link to={placePath({ stateCode: data.state.code, slug: filing.county.slug })}>{filing.county.name}</Link> : '—'}</td>
                  <td>{when}</td>
                  <td>{date(newYorkDate(filing.certifiedAt))}</td>
                  <td>
                    {filing.kind === 'amendment' ? (
                      <>
                        {t('statewide.filings.amendment', { number: number(filing.revisionNumber) })}
                        <AmendedMark href={reportPath(filing.agency.slug, filing.filingId)} period={when} />
                        {filing.amendmentReason ? <span className="statewide-reason">{t('statewide.filings.reason', { reason: filing.amendmentReason })}</span> : null}
                      </>
                    ) : (
                      t('statewide.filings.submission')
                    )}
                  </td>
                  <td>{filing.counted ? t('statewide.filings.countedYes') : t('statewide.filings.countedNo')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      <DownloadLine href={links.filingsCsv}>{t('statewide.filings.download')}</DownloadLine>
    </>
  );
}

export function StatewideDataLinks({ data }: { data: StatewidePageData }) {
  const { t, locale } = useT();
  const links = statewideLinks(data.state.code, locale);
  return (
    <>
      <p>{t('statewide.data.intro')}</p>
      <ul>
        <li>
          <a href={links.json}>{t('statewide.data.json')}</a>
        </li>
        <li>
          <a href={links.countiesCsv}>{t('statewide.map.download')}</a>
        </li>
        <li>
          <a href={links.timelineCsv}>{t('statewide.timeline.download')}</a>
        </li>
        <li>
          <a href={links.filingsCsv}>{t('statewide.filings.download')}</a>
        </li>
        <li>
          <a href={overdueCsvPath(data.state.code, locale)}>{t('statewide.overdue.download')}</a>
        </li>
        <li>
          <a href={`/api/v1/agreements.csv?state=${data.state.code}${locale === 'es' ? '&lang=es' : ''}`}>{t('statewide.data.agreements')}</a>
        </li>
        <li>
          <a href={links.feed} type="application/atom+xml">
            {t('statewide.data.feed')}
          </a>
        </li>
        <li>
          <Link to="/compare">{t('statewide.data.compare')}</Link>
        </li>
        <li>
          <Link to={`/places/${data.state.code.toLowerCase()}`}>{t('statewide.data.counties')}</Link>
        </li>
      </ul>
    </>
  );
}
