/**
 * A county's 287(g) figures on its page: totals, costs and activity per period summed over the
 * county's agencies (charts drawn only from periods every expected agency reported; partial sums
 * marked in the tables), who reported each period, and each agency's record of reporting on time.
 */
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ChartFigure } from '~/components/charts/chart-figure';
import type { SeriesChartSpec } from '~/components/charts/chart-spec';
import { Figure, useFigureText } from '~/components/figures';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import { chartValues, fullyReported, partialFigure } from '~/open-data/county-figures';
import type { CountyPageData, CountyPagePeriod } from '~/dashboards/county-dashboard.server';
import { agencyPath } from '~/paths';
import type { Unit } from '~/reporting/metrics';
import { TableRegion } from '~/components/table-region';

const HEADLINE = ['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost'];
/** Activity drawn on the chart (the table has every figure): a few counts that read well together. */
const CHARTED_ACTIVITY = ['detainers_received', 'detainers_honored', 'transfers_to_ice', 'people_encountered', 'warrants_served', 'task_force_arrests'];

type Metric = CountyPageData['metrics'][number];

/** A period sum, marked partial when not every expected agency gave it. */
function SumCell({ period, metric }: { period: CountyPagePeriod; metric: Metric }) {
  const { t } = useFigureText();
  const figure = period.values[metric.key];
  return (
    <td className="number">
      <Figure value={figure?.value ?? null} unit={metric.unit} />
      {figure && partialFigure(figure, period.coverage.expected) ? (
        <>
          {' '}
          <span className="county-partial">{t('county.partial', { reporting: figure.agenciesReporting, expected: period.coverage.expected })}</span>
        </>
      ) : null}
    </td>
  );
}

/** "2 of 3 agencies reported", who did not, and links to the amended reports in the sum. */
function CoverageCell({ period, names }: { period: CountyPagePeriod; names: Map<string, string> }) {
  const { t, period: label } = useFigureText();
  const amended = period.reports.filter((report) => report.amended);
  const when = label(period.start, period.end);
  return (
    <td>
      {t('county.coverage', { reported: period.coverage.reported, expected: period.coverage.expected })}
      {period.coverage.nothingToReport ? <> {t('county.coverage.nothing', { count: period.coverage.nothingToReport })}</> : null}
      {period.coverage.missing.length ? (
        <span className="county-missing">
          {' '}
          {t('county.coverage.missing')}{' '}
          {period.coverage.missing.map((slug, i) => (
            <span key={slug}>
              {i > 0 ? ', ' : null}
              <Link to={agencyPath({ slug })}>{names.get(slug) ?? slug}</Link>
            </span>
          ))}
        </span>
      ) : null}
      {amended.length ? (
        <span className="county-amended">
          {' '}
          {t('county.amendedIncluded')}{' '}
          {amended.map((report, i) => (
            <span key={report.filingId}>
              {i > 0 ? ', ' : null}
              <Link to={report.url} className="amended-mark" aria-label={t('county.amendedReportLabel', { agency: report.agency.name, period: when })}>
                {report.agency.name}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
    </td>
  );
}

/** Periods × metrics, with the coverage column. */
function PeriodTable({ id, caption, metrics, data }: { id: string; caption: string; metrics: Metric[]; data: CountyPageData }) {
  const { t, metricLabel, period: label } = useFigureText();
  const names = new Map(data.agencies.map((agency) => [agency.slug, agency.name]));
  return (
    <TableRegion labelledBy={`${id}-caption`}>
      <table>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('county.table.period')}</th>
            {metrics.map((metric) => (
              <th scope="col" key={metric.key} className="number">
                {metricLabel(metric.key)}
              </th>
            ))}
            <th scope="col">{t('county.table.reports')}</th>
          </tr>
        </thead>
        <tbody>
          {data.periods.map((period) => (
            <tr key={`${period.start}/${period.end}`}>
              <th scope="row">{label(period.start, period.end)}</th>
              {metrics.map((metric) => (
                <SumCell key={metric.key} period={period} metric={metric} />
              ))}
              <CoverageCell period={period} names={names} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** A chart of period sums (complete periods only) with its table; a sentence instead when nothing can be drawn. */
function SeriesSection({
  id,
  heading,
  title,
  metrics,
  chartMetrics,
  unit,
  data,
  source,
  download,
}: {
  id: string;
  heading: string;
  title: string;
  metrics: Metric[];
  chartMetrics: Metric[];
  unit: Unit;
  data: CountyPageData;
  source: string;
  /** A link to the download of these figures, shown under them. */
  download: ReactNode;
}) {
  const { t, metricLabel, period: label, figure } = useFigureText();
  const periods = data.periods;
  const reported = periods.filter((period) => metrics.some((metric) => period.values[metric.key]?.value != null));
  const drawable = periods.filter((period) => fullyReported(period.coverage) && chartMetrics.some((metric) => period.values[metric.key]?.value != null));
  const table = <PeriodTable id={`${id}-table`} caption={t('county.tableCaption', { title })} metrics={metrics} data={data} />;

  let body: ReactNode;
  if (reported.length === 0) {
    body = <p>{t('county.series.none', { county: data.county.name })}</p>;
  } else if (drawable.length === 0 || chartMetrics.length === 0) {
    body = (
      <>
        <p>{t('county.series.noneComplete')}</p>
        {table}
      </>
    );
  } else {
    const spec: SeriesChartSpec = {
      kind: 'line',
      labels: periods.map((period) => label(period.start, period.end)),
      datasets: chartMetrics.map((metric) => ({ label: metricLabel(metric.key), values: chartValues(periods, metric.key) })),
      unit,
    };
    const latest = drawable[drawable.length - 1];
    const partial = periods.length - periods.filter((period) => fullyReported(period.coverage)).length;
    const summary = [
      t('county.series.summary', { count: periods.length, first: label(periods[0].start, periods[0].end), last: label(periods[periods.length - 1].start, periods[periods.length - 1].end) }),
      partial > 0 ? t('county.series.partial', { count: partial }) : t('county.series.allComplete'),
      t('county.series.latest', {
        period: label(latest.start, latest.end),
        figures: chartMetrics
          .map((metric) => {
            const value = latest.values[metric.key]?.value ?? null;
            return `${metricLabel(metric.key)} ${value === null ? t('figure.notReported') : figure(value, metric.unit)}`;
          })
          .join('; '),
      }),
    ].join(' ');
    body = (
      <ChartFigure id={id} title={title} summary={summary} source={source} spec={spec}>
        {table}
      </ChartFigure>
    );
  }
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {body}
      {reported.length > 0 ? download : null}
    </section>
  );
}

function TotalsSection({ data, compareHref, download }: { data: CountyPageData; compareHref: (metric: string) => string; download: ReactNode }) {
  const { t, metricLabel, figure } = useFigureText();
  const { number } = useT();
  const metrics = data.metrics.filter((metric) => metric.key in data.totals.values);
  const population = data.county.population;
  return (
    <section aria-labelledby="county-totals-heading">
      <h2 id="county-totals-heading">{t('county.totals.heading')}</h2>
      <p>
        {t('county.totals.intro', { expected: data.inRange.expected, counted: data.inRange.counted })}{' '}
        {population === null ? t('county.population.unknown', { county: data.county.name }) : t('county.population.known', { population: number(population) })}
      </p>
      <TableRegion labelledBy="county-totals-caption">
        <table>
          <caption id="county-totals-caption">{t('county.totals.caption', { county: data.county.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('county.totals.metric')}</th>
              <th scope="col" className="number">
                {t('county.totals.total')}
              </th>
              <th scope="col">{t('county.totals.reports')}</th>
              <th scope="col" className="number">
                {t('county.totals.perResident')}
              </th>
              <th scope="col">{t('county.totals.compare')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.map((metric) => {
              const total = data.totals.values[metric.key];
              const perResident = metric.unit === 'USD' ? total.perResident : total.per100k;
              return (
                <tr key={metric.key} className={HEADLINE.includes(metric.key) ? 'county-headline' : undefined}>
                  <th scope="row">{metricLabel(metric.key)}</th>
                  <td className="number">
                    <Figure value={total.value} unit={metric.unit} />
                  </td>
                  <td>
                    {t('county.totals.reportsCell', { counted: total.periodsReported, expected: data.inRange.expected })}
                    {total.value !== null && !total.complete ? (
                      <>
                        {' '}
                        <span className="county-partial">{t('county.totals.incomplete')}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="number">
                    {population === null ? (
                      <span className="not-reported">{t('county.population.notKnown')}</span>
                    ) : perResident === null ? (
                      <Figure value={null} unit={metric.unit} />
                    ) : metric.unit === 'USD' ? (
                      t('county.perResident', { value: figure(perResident, 'USD') })
                    ) : (
                      t('county.per100k', { value: figure(perResident, metric.unit) })
                    )}
                  </td>
                  <td>
                    <Link to={compareHref(metric.key)}>
                      {t('county.compareLink')}
                      <span className="visually-hidden">{` (${metricLabel(metric.key)})`}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
      {download}
    </section>
  );
}

function ComplianceSection({ data, download }: { data: CountyPageData; download: ReactNode }) {
  const { t } = useFigureText();
  const columns = ['on_time', 'late', 'returned', 'overdue', 'due'] as const;
  return (
    <section aria-labelledby="county-compliance-heading">
      <h2 id="county-compliance-heading">{t('county.compliance.heading')}</h2>
      <p>{t('county.compliance.intro')}</p>
      <TableRegion labelledBy="county-compliance-caption">
        <table>
          <caption id="county-compliance-caption">{t('county.compliance.caption', { county: data.county.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('county.compliance.agency')}</th>
              <th scope="col" className="number">
                {t('county.compliance.expected')}
              </th>
              {columns.map((column) => (
                <th scope="col" className="number" key={column}>
                  {t(`county.compliance.${column}` as MessageKey)}
                </th>
              ))}
              <th scope="col" className="number">
                {t('county.compliance.onTimePercent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.agencies.map((agency) => (
              <tr key={agency.slug}>
                <th scope="row">
                  <Link to={agencyPath(agency)}>{agency.name}</Link>
                  {agency.municipal ? <span className="muted"> ({agency.place.name})</span> : null}
                </th>
                {agency.reports ? (
                  <>
                    <td className="number">{agency.compliance.expected}</td>
                    {columns.map((column) => (
                      <td className="number" key={column}>
                        {agency.compliance.counts[column]}
                      </td>
                    ))}
                    <td className="number">
                      {agency.compliance.onTimePercent === null ? (
                        <span className="muted">{t('county.compliance.noDeadline')}</span>
                      ) : (
                        `${agency.compliance.onTimePercent}%`
                      )}
                    </td>
                  </>
                ) : (
                  <td colSpan={columns.length + 2}>{t('county.compliance.noPolicy')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {download}
    </section>
  );
}

export interface CountyLinks {
  json: string;
  figuresCsv: string;
  complianceCsv: string;
  feed: string;
  compare: (metric: string) => string;
}

export function CountyDashboardSections({ data, links }: { data: CountyPageData; links: CountyLinks }) {
  const { t, locale, period: label } = useFigureText();
  const county = data.county.name;
  const lang = (href: string) => (locale === 'es' ? `${href}${href.includes('?') ? '&' : '?'}lang=es` : href);
  // Each section links the download of what it shows; "Take the data" gathers them all.
  const figuresDownload = (
    <p className="county-download">
      <a href={lang(links.figuresCsv)}>{t('county.data.figuresCsv', { county })}</a> · <a href={links.json}>{t('county.data.json', { county })}</a>
    </p>
  );
  const complianceDownload = (
    <p className="county-download">
      <a href={lang(links.complianceCsv)}>{t('county.data.complianceCsv', { county })}</a>
    </p>
  );

  const downloads = (
    <section aria-labelledby="county-data-heading">
      <h2 id="county-data-heading">{t('county.data.heading')}</h2>
      <ul>
        <li>
          <a href={lang(links.figuresCsv)}>{t('county.data.figuresCsv', { county })}</a>
        </li>
        <li>
          <a href={lang(links.complianceCsv)}>{t('county.data.complianceCsv', { county })}</a>
        </li>
        <li>
          <a href={links.json}>{t('county.data.json', { county })}</a>
        </li>
        <li>
          <a href={links.feed}>{t('county.data.feed', { county })}</a>
        </li>
        <li>
          <Link to={links.compare('gross_cost')}>{t('county.data.compare')}</Link>
        </li>
      </ul>
    </section>
  );

  if (data.agencies.length === 0) {
    return (
      <>
        <section aria-labelledby="county-reports-heading">
          <h2 id="county-reports-heading">{t('county.heading')}</h2>
          <p>{t('county.noAgencies', { county })}</p>
        </section>
        {downloads}
      </>
    );
  }

  const reporting = data.agencies.filter((agency) => agency.reports).length;
  const anyReport = data.periods.some((period) => period.coverage.reported > 0);
  const first = data.periods[0];
  const last = data.periods[data.periods.length - 1];
  const source = first
    ? t('county.source', { first: label(first.start, first.end), last: label(last.start, last.end) })
    : t('county.sourceNoPeriods');
  const costMetrics = data.metrics.filter((metric) => metric.category === 'COST');
  const activityMetrics = data.metrics.filter((metric) => metric.category !== 'COST');

  return (
    <>
      <section aria-labelledby="county-reports-heading">
        <h2 id="county-reports-heading">{t('county.heading')}</h2>
        <p>{t('county.intro', { county, agencies: data.agencies.length, reporting })}</p>
        {!anyReport ? (
          <p className="notice">{reporting === 0 ? t('county.noPolicy', { county }) : t('county.noReports', { county })}</p>
        ) : (
          <p>{t('county.coverageNote')}</p>
        )}
        {anyReport ? <p className="muted">{t('figure.notReportedNote')}</p> : null}
      </section>

      {anyReport ? (
        <>
          <TotalsSection data={data} compareHref={links.compare} download={figuresDownload} />
          <SeriesSection
            id="county-costs"
            heading={t('county.costs.heading')}
            title={t('county.costs.title', { county })}
            metrics={costMetrics}
            chartMetrics={costMetrics.filter((metric) => HEADLINE.includes(metric.key))}
            unit="USD"
            data={data}
            source={source}
            download={figuresDownload}
          />
          <SeriesSection
            id="county-activity"
            heading={t('county.activity.heading')}
            title={t('county.activity.title', { county })}
            metrics={activityMetrics}
            chartMetrics={activityMetrics.filter((metric) => CHARTED_ACTIVITY.includes(metric.key))}
            unit="COUNT"
            data={data}
            source={source}
            download={figuresDownload}
          />
        </>
      ) : null}

      {reporting > 0 ? <ComplianceSection data={data} download={complianceDownload} /> : null}
      {downloads}
    </>
  );
}
