/**
 * The agency dashboard's sections below its agreements: where the figures come from, costs and
 * activity per period (chart + table), the people transferred to ICE (suppressed breakdowns),
 * and the reporting record, each with its downloads. Everything is in the server-rendered HTML;
 * the charts only draw on top of tables that are already there.
 */
import { newYorkDate } from '~/reporting/calendar';
import { reportPath } from '~/paths';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ChartFigure } from '~/components/charts/chart-figure';
import type { SeriesChartSpec } from '~/components/charts/chart-spec';
import { AmendedMark, Figure, useFigureText } from '~/components/figures';
import type { AgencyDashboard, AgencyPeriod, MetricInfo } from '~/dashboards/dashboard-types';
import { LEVEL_METRICS, percent as sharePercent } from '~/dashboards/figures';
import type { MessageKey } from '~/i18n/i18n';
import { BREAKDOWN_GROUPS } from '~/reporting/metrics';
import { useT } from '~/i18n/use-t';
import { TableRegion } from '~/components/table-region';
import { ACTIVITY_CHART_KEYS, agencyDownloadPaths, chartKeys, chartValues, COST_CHART_KEYS, complianceReportPath, costTotals, hasReports, metricsOf, seriesSummary, shownPeriods, totalOf, type SeriesSummary } from '~/open-data/agency-figures';

type Downloads = ReturnType<typeof agencyDownloadPaths>;

/**
 * A hidden breakdown cell. Not "fewer than 5": a complementary cell hidden with a small one may
 * hold many more, and the dashboards do not say which is which (suppression.ts), so every hidden
 * cell reads "hidden" and HiddenCountNote gives the rule once.
 */
export function HiddenCount() {
  const { t } = useT();
  return <span className="suppressed">{t('agencyDashboard.people.hidden')}</span>;
}

export function HiddenCountNote({ threshold }: { threshold: number }) {
  const { t } = useT();
  return <p>{t('agencyDashboard.people.hiddenNote', { threshold })}</p>;
}

/** "1 report" / "3 reports" from a pair of catalog keys ending in .one and .other. */
function usePlural() {
  const { t, number } = useT();
  return (key: string, count: number, params: Record<string, string | number> = {}) =>
    t(`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey, { count: number(count), ...params });
}

export function AgencyDashboardSections({ dashboard }: { dashboard: AgencyDashboard }) {
  const { t, locale } = useT();
  const periods = shownPeriods(dashboard.periods);
  const downloads = agencyDownloadPaths(dashboard.agency.slug, locale);
  const reported = hasReports(periods);
  const summary = seriesSummary(periods);

  if (dashboard.sources.length === 0 && !reported) {
    return (
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('agencyDashboard.title')}</h2>
        <p>{t('agencyDashboard.noPolicy')}</p>
      </section>
    );
  }
  return (
    <>
      <SourceSection dashboard={dashboard} downloads={downloads} reported={reported} amended={(summary?.amended ?? 0) > 0} />
      {reported && summary ? (
        <>
          <CostSection dashboard={dashboard} periods={periods} summary={summary} downloads={downloads} />
          <ActivitySection dashboard={dashboard} periods={periods} summary={summary} downloads={downloads} />
          <PeopleSection dashboard={dashboard} downloads={downloads} />
        </>
      ) : null}
      <ComplianceSection dashboard={dashboard} downloads={downloads} />
    </>
  );
}

function SourceSection({ dashboard, downloads, reported, amended }: { dashboard: AgencyDashboard; downloads: Downloads; reported: boolean; amended: boolean }) {
  const { t, date } = useT();
  const { period } = useFigureText();
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t('agencyDashboard.title')}</h2>
      {dashboard.sources.map((source) => (
        <p key={source.requirement.id}>
          {t('agencyDashboard.source.requirement', {
            policy: source.policy.title,
            statute: source.policy.statute,
            adoptedBy: source.policy.adoptedBy,
            adoptedOn: date(source.policy.adoptedOn),
            requirement: source.requirement.title,
            frequency: t(`frequency.${source.requirement.frequency}`).toLowerCase(),
            since: date(source.requirement.since),
          })}{' '}
          {source.firstPeriod && source.lastPeriod
            ? t('agencyDashboard.source.span', {
                first: period(source.firstPeriod.start, source.firstPeriod.end),
                last: period(source.lastPeriod.start, source.lastPeriod.end),
              })
            : null}{' '}
          {source.lastFiledAt ? t('agencyDashboard.source.lastFiled', { date: date(newYorkDate(source.lastFiledAt)) }) : t('agencyDashboard.source.noneFiled')}
        </p>
      ))}
      {reported ? (
        <>
          <p>{t('figure.notReportedNote')}</p>
          {amended ? <p>{t('agencyDashboard.amendedNote')}</p> : null}
        </>
      ) : (
        <p>{t('agencyDashboard.noReports')}</p>
      )}
      <p>
        <a href={downloads.json}>{t('agencyDashboard.download.json')}</a>
      </p>
    </section>
  );
}

/** A table in a keyboard-scrollable region named by its caption (hidden: a heading above already says it). */
function ScrollTable({ id, caption, children }: { id: string; caption: string; children: ReactNode }) {
  return (
    <TableRegion labelledBy={`${id}-caption`}>
      <table id={id}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </TableRegion>
  );
}

function PeriodHeader({ slug, period }: { slug: string; period: AgencyPeriod }) {
  const { t, period: label } = useFigureText();
  const text = label(period.start, period.end);
  return (
    <th scope="row">
      {text}
      {period.report?.amended ? <AmendedMark href={reportPath(slug, period.report.filingId)} period={text} /> : null}
      {period.report?.nothingToReport ? <span className="muted"> ({t('agencyDashboard.nothingToReport')})</span> : null}
    </th>
  );
}

/** Periods as rows, metrics as columns, and the sums of what was reported. */
function PeriodTable({
  id,
  caption,
  slug,
  periods,
  metrics,
  totals,
}: {
  id: string;
  caption: string;
  slug: string;
  periods: AgencyPeriod[];
  metrics: MetricInfo[];
  totals: Record<string, string | null>;
}) {
  const { t, metricLabel } = useFigureText();
  return (
    <ScrollTable id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('agencyDashboard.period')}</th>
          {metrics.map((metric) => (
            <th scope="col" key={metric.key} className="number">
              {metricLabel(metric.key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {periods.map((period) => (
          <tr key={`${period.start}/${period.end}`}>
            <PeriodHeader slug={slug} period={period} />
            {metrics.map((metric) => (
              <td key={metric.key} className="number">
                <Figure value={period.values[metric.key] ?? null} unit={metric.unit} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('agencyDashboard.total')}</th>
          {metrics.map((metric) => (
            <td key={metric.key} className="number">
              {/* A level (staff FTE, officers certified) means nothing added up over periods. */}
              {LEVEL_METRICS.has(metric.key) ? (
                <span className="muted">{t('agencyDashboard.notSummed')}</span>
              ) : (
                <Figure value={totals[metric.key] ?? null} unit={metric.unit} />
              )}
            </td>
          ))}
        </tr>
      </tfoot>
    </ScrollTable>
  );
}

/** Sums per metric: the dashboard's own (SQL) sums where it gives them, exact sums of the rows otherwise; null: nothing to add up. */
function totalsFor(dashboard: AgencyDashboard, periods: AgencyPeriod[], metrics: MetricInfo[]) {
  return Object.fromEntries(
    metrics.map((metric) => {
      const fromDashboard = dashboard.costs.totals.find((entry) => entry.key === metric.key);
      return [metric.key, fromDashboard ? fromDashboard.value : totalOf(periods, metric).value];
    }),
  );
}

/** The chart over a table, or the table alone when there is nothing to draw. */
function SeriesBlock({
  id,
  title,
  summary,
  source,
  spec,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  source: string;
  spec: SeriesChartSpec;
  children: ReactNode;
}) {
  if (spec.datasets.length > 0) {
    return (
      <ChartFigure id={id} title={title} summary={summary} source={source} spec={spec}>
        {children}
      </ChartFigure>
    );
  }
  return (
    <div className="chart">
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{summary}</p>
      {children}
      <p className="muted">{source}</p>
    </div>
  );
}

function useSeries(dashboard: AgencyDashboard, periods: AgencyPeriod[], summary: SeriesSummary) {
  const { t, period, metricLabel } = useFigureText();
  const plural = usePlural();
  const first = period(summary.first.start, summary.first.end);
  const last = period(summary.last.start, summary.last.end);
  return {
    first,
    last,
    reported: plural('agencyDashboard.reportedPeriods', summary.reported),
    tail: [
      summary.notReported > 0 ? plural('agencyDashboard.missingPeriods', summary.notReported) : null,
      summary.amended > 0 ? plural('agencyDashboard.amendedPeriods', summary.amended) : null,
    ]
      .filter(Boolean)
      .join(' '),
    source: t('agencyDashboard.chartSource', { agency: dashboard.agency.name, first, last }),
    spec: (keys: string[], unit: SeriesChartSpec['unit']): SeriesChartSpec => ({
      kind: 'line',
      labels: periods.map((entry) => period(entry.start, entry.end)),
      datasets: keys.map((key) => ({ label: metricLabel(key), values: chartValues(periods, key) })),
      unit,
    }),
  };
}

function DownloadLinks({ links }: { links: { href: string; text: string }[] }) {
  return (
    <ul className="agency-downloads">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.text}</a>
        </li>
      ))}
    </ul>
  );
}

function CostSection({ dashboard, periods, summary, downloads }: { dashboard: AgencyDashboard; periods: AgencyPeriod[]; summary: SeriesSummary; downloads: Downloads }) {
  const { t, figure, metricDefinition } = useFigureText();
  const series = useSeries(dashboard, periods, summary);
  const metrics = metricsOf(dashboard.metrics, 'COST');
  const totals = totalsFor(dashboard, periods, metrics);
  const { gross, net } = costTotals(dashboard);
  const sentence =
    gross !== null && net !== null
      ? t('agencyDashboard.costs.summary', { first: series.first, last: series.last, gross: figure(gross, 'USD'), net: figure(net, 'USD'), reported: series.reported })
      : t('agencyDashboard.costs.summaryNoCost', { first: series.first, last: series.last, reported: series.reported });
  const title = t('agencyDashboard.costs.chart');
  return (
    <section aria-labelledby="costs-title">
      <h2 id="costs-title">{t('agencyDashboard.costs.title')}</h2>
      <p>{metricDefinition('net_local_cost')}</p>
      <SeriesBlock
        id="agency-costs"
        title={title}
        summary={[sentence, series.tail].filter(Boolean).join(' ')}
        source={series.source}
        spec={series.spec(chartKeys(COST_CHART_KEYS, dashboard.metrics, periods), 'USD')}
      >
        <PeriodTable id="agency-costs-table" caption={title} slug={dashboard.agency.slug} periods={periods} metrics={metrics} totals={totals} />
      </SeriesBlock>
      <DownloadLinks
        links={[
          { href: downloads.figures, text: t('agencyDashboard.download.figures') },
          { href: downloads.json, text: t('agencyDashboard.download.json') },
        ]}
      />
    </section>
  );
}

function ActivitySection({ dashboard, periods, summary, downloads }: { dashboard: AgencyDashboard; periods: AgencyPeriod[]; summary: SeriesSummary; downloads: Downloads }) {
  const { t, figure, metricLabel } = useFigureText();
  const series = useSeries(dashboard, periods, summary);
  const activity = metricsOf(dashboard.metrics, 'ACTIVITY');
  const accountability = metricsOf(dashboard.metrics, 'ACCOUNTABILITY');
  if (activity.length === 0 && accountability.length === 0) return null;
  const keys = chartKeys(ACTIVITY_CHART_KEYS, dashboard.metrics, periods);
  const activityTotals = totalsFor(dashboard, periods, activity);
  const listed = keys
    .map((key) => ({ key, total: activityTotals[key] }))
    .filter((entry): entry is { key: string; total: string } => entry.total !== null)
    .map((entry) => t('agencyDashboard.totalEntry', { label: metricLabel(entry.key), value: figure(entry.total, 'COUNT') }))
    .join('; ');
  const sentence = listed
    ? t('agencyDashboard.activity.summary', { first: series.first, last: series.last, reported: series.reported, totals: listed })
    : t('agencyDashboard.activity.none', { first: series.first, last: series.last });
  const title = t('agencyDashboard.activity.chart');
  const accountabilityTitle = t('agencyDashboard.accountability.title');
  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title">{t('agencyDashboard.activity.title')}</h2>
      {activity.length > 0 ? (
        <SeriesBlock id="agency-activity" title={title} summary={[sentence, series.tail].filter(Boolean).join(' ')} source={series.source} spec={series.spec(keys, 'COUNT')}>
          <PeriodTable id="agency-activity-table" caption={title} slug={dashboard.agency.slug} periods={periods} metrics={activity} totals={activityTotals} />
        </SeriesBlock>
      ) : null}
      {accountability.length > 0 ? (
        <>
          <h3 id="accountability-title">{accountabilityTitle}</h3>
          <p>{t('agencyDashboard.accountability.intro')}</p>
          <PeriodTable
            id="agency-accountability-table"
            caption={accountabilityTitle}
            slug={dashboard.agency.slug}
            periods={periods}
            metrics={accountability}
            totals={totalsFor(dashboard, periods, accountability)}
          />
        </>
      ) : null}
      <DownloadLinks links={[{ href: downloads.figures, text: t('agencyDashboard.download.figures') }]} />
    </section>
  );
}

function PeopleSection({ dashboard, downloads }: { dashboard: AgencyDashboard; downloads: Downloads }) {
  const { t, figure, breakdownHeading, metricLabel } = useFigureText();
  const plural = usePlural();
  const { groups, lowLevelCharges, threshold } = dashboard.breakdowns;
  const percent = (value: string) => t('agencyDashboard.percent', { value: figure(value, 'COUNT') });
  // Shares of shown cells only: a hidden cell's share would give its count away.
  const share = (value: string | null, total: string) => (value === null ? null : sharePercent(Number(value), Number(total)));
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('agencyDashboard.people.title')}</h2>
      {groups.length === 0 ? (
        <p>{t('agencyDashboard.people.none')}</p>
      ) : (
        <>
          <p>{t('agencyDashboard.people.intro')}</p>
          {groups.some((group) => group.suppressedCells > 0) ? <HiddenCountNote threshold={threshold} /> : null}
          {groups.map((group) => {
            const heading = breakdownHeading(group.id);
            return (
              <div key={group.id} className="agency-breakdown">
                <h3 id={`${group.id}-title`}>{heading}</h3>
                <p>
                  {/* Catalogue 2 breaks down other totals too (bookings, stops, ICE requests): name the total. */}
                  {totalOfGroup(group.id) === 'transfers_to_ice'
                    ? plural('agencyDashboard.people.groupSummary', Number(group.total), {
                        total: figure(group.total, 'COUNT'),
                        reports: plural('agencyDashboard.reports', group.periodsReported),
                      })
                    : t('agencyDashboard.people.groupSummaryOf', {
                        metric: t(`metric.${totalOfGroup(group.id)}.label` as MessageKey),
                        total: figure(group.total, 'COUNT'),
                        reports: plural('agencyDashboard.reports', group.periodsReported),
                      })}
                </p>
                <ScrollTable id={`${group.id}-table`} caption={heading}>
                  <thead>
                    <tr>
                      <th scope="col">{t('agencyDashboard.people.category')}</th>
                      <th scope="col" className="number">
                        {t('agencyDashboard.people.count')}
                      </th>
                      <th scope="col" className="number">
                        {t('agencyDashboard.people.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.cells.map((cell) => {
                      const shown = cell.suppressed ? null : share(cell.value, group.total);
                      return (
                        <tr key={cell.key}>
                          <th scope="row">{metricLabel(cell.key)}</th>
                          <td className="number">{cell.suppressed ? <HiddenCount /> : <Figure value={cell.value} unit="COUNT" />}</td>
                          <td className="number">{cell.suppressed ? <HiddenCount /> : shown === null ? '' : percent(shown)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('agencyDashboard.people.total')}</th>
                      <td className="number">
                        <Figure value={group.total} unit="COUNT" />
                      </td>
                      <td className="number">{Number(group.total) > 0 ? percent('100') : ''}</td>
                    </tr>
                  </tfoot>
                </ScrollTable>
                {group.id === 'transferred_by_charge' ? <LowLevelCharges lowLevel={lowLevelCharges} percent={percent} /> : null}
              </div>
            );
          })}
          {groups.some((group) => group.id === 'transferred_by_charge') ? null : <p>{t('agencyDashboard.lowLevel.notReported')}</p>}
        </>
      )}
      {groups.length > 0 ? <DownloadLinks links={[{ href: downloads.breakdowns, text: t('agencyDashboard.download.breakdowns') }]} /> : null}
    </section>
  );
}

const totalOfGroup = (id: string) => BREAKDOWN_GROUPS.find((group) => group.id === id)?.total ?? 'transfers_to_ice';

function LowLevelCharges({ lowLevel, percent }: { lowLevel: AgencyDashboard['breakdowns']['lowLevelCharges']; percent: (value: string) => string }) {
  const { t, figure } = useFigureText();
  if (lowLevel.reason === 'suppressed') return <p>{t('agencyDashboard.lowLevel.suppressed')}</p>;
  if (lowLevel.reason === 'not_reported' || lowLevel.people === null || lowLevel.of === null) return <p>{t('agencyDashboard.lowLevel.notReported')}</p>;
  return (
    <p className="agency-key-figure">
      {t('agencyDashboard.lowLevel.shown', {
        of: figure(lowLevel.of, 'COUNT'),
        people: figure(lowLevel.people, 'COUNT'),
        percent: lowLevel.percent === null ? t('figure.notReported') : percent(lowLevel.percent),
      })}
    </p>
  );
}

function ComplianceSection({ dashboard, downloads }: { dashboard: AgencyDashboard; downloads: Downloads }) {
  const { t, date } = useT();
  const { period, figure } = useFigureText();
  const plural = usePlural();
  const { periods, summary } = dashboard.compliance;
  const counts = (Object.entries(summary.counts) as [string, number][])
    .filter(([, count]) => count > 0)
    .map(([status, count]) => plural(`agencyDashboard.count.${status}`, count))
    .join(', ');
  const title = t('agencyDashboard.compliance.title');
  return (
    <section aria-labelledby="compliance-title">
      <h2 id="compliance-title">{title}</h2>
      {periods.length === 0 ? (
        <p>{t('agencyDashboard.compliance.none')}</p>
      ) : (
        <>
          <p>
            {plural('agencyDashboard.compliance.summary', summary.expected, { counts })}{' '}
            {summary.onTimePercent !== null ? t('agencyDashboard.compliance.onTime', { percent: t('agencyDashboard.percent', { value: figure(summary.onTimePercent, 'COUNT') }) }) : null}
          </p>
          <ScrollTable id="agency-compliance-table" caption={t('agencyDashboard.compliance.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('agencyDashboard.period')}</th>
                <th scope="col">{t('agencyDashboard.compliance.dueOn')}</th>
                <th scope="col">{t('agencyDashboard.compliance.status')}</th>
                <th scope="col">{t('agencyDashboard.compliance.lastFiled')}</th>
                <th scope="col">{t('agencyDashboard.compliance.report')}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((entry) => {
                const label = period(entry.start, entry.end);
                const path = complianceReportPath(dashboard.agency.slug, entry);
                return (
                  <tr key={`${entry.requirementId}/${entry.key}`}>
                    <th scope="row">
                      {label}
                      {entry.partial ? <span className="muted"> {t('agencyDashboard.compliance.partial')}</span> : null}
                    </th>
                    <td>{date(entry.dueOn)}</td>
                    <td>
                      <span className={`agency-status agency-status-${entry.status}`}>{t(`agencyDashboard.status.${entry.status}`)}</span>
                    </td>
                    <td>{entry.lastFiledAt ? date(newYorkDate(entry.lastFiledAt)) : <span className="muted">{t('agencyDashboard.compliance.notFiled')}</span>}</td>
                    <td>{path ? <Link to={path}>{t('agencyDashboard.reportLink', { period: label })}</Link> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        </>
      )}
      <DownloadLinks links={[{ href: downloads.compliance, text: t('agencyDashboard.download.compliance') }]} />
    </section>
  );
}
