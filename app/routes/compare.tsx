/**
 * /compare?metric=gross_cost&from=&to=&sort=: one figure across North Carolina's counties, the
 * sum of their agencies' counted reports. Ordered on the server by a plain GET form, so it works
 * without JavaScript; a county with no report says "not reported", never 0.
 */
import { TableRegion } from '~/components/table-region';
import { COMPARE_SORTS, countyPath, type Range } from '~/paths';
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ChartFigure } from '~/components/charts/chart-figure';
import { Figure, useFigureText } from '~/components/figures';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { COMPARABLE_METRICS, comparisonData, type ComparisonData } from '~/dashboards/statewide.server';
import { sortCounties } from '~/dashboards/figures';
import { compareChart } from '~/dashboards/compare-chart';
import { DEFAULT_COMPARE_METRIC, parseCompareQuery } from '~/open-data/county-figures';
import { pageMeta } from '~/components/error-page';

/** No client app: the form is a plain GET form; the series chart script draws the chart. */
export const handle = {
  hydrate: false,
  // The chart is drawn only when some county reported the figure (not for a refused query).
  charts: (data: unknown) => ((data as { comparison?: { counties: { value: unknown }[] } | null } | undefined)?.comparison?.counties.some((county) => county.value !== null) ? 'series' : null),
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  // What the form shows again: the visitor's own choices, even when refused.
  const form = { metric: params.get('metric') || DEFAULT_COMPARE_METRIC, from: params.get('from') ?? '', to: params.get('to') ?? '', sort: params.get('sort') || 'desc' };
  const parsed = parseCompareQuery(params, COMPARABLE_METRICS);
  if (!parsed.ok) return data({ form, metrics: COMPARABLE_METRICS, sorts: COMPARE_SORTS, error: parsed.field, comparison: null, perResidentRefused: false }, { status: 400 });
  const db = prisma();
  const cached = await cachedByDataVersion(db, `compare:${JSON.stringify(parsed.value)}`, (reader) => comparisonData(reader, parsed.value), context.publicDataVersion);
  // Ordering per resident needs populations: without any, the option is not offered, and a link
  // that asks for it gets the highest first, saying so (not an alphabetical list in disguise).
  const populations = cached.counties.some((county) => county.population !== null);
  const sorts = populations ? COMPARE_SORTS : COMPARE_SORTS.filter((sort) => sort !== 'per_resident');
  const perResidentRefused = !populations && cached.sort === 'per_resident';
  const comparison = perResidentRefused ? { ...cached, sort: 'desc' as const, counties: sortCounties(cached.counties, 'desc') } : cached;
  return { form: { ...form, sort: comparison.sort }, metrics: COMPARABLE_METRICS, sorts, error: null, comparison, perResidentRefused };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: loaded, matches }) => {
  const t = metaTranslator(matches);
  const metric = loaded?.comparison?.metric.key;
  return [{ title: pageTitle(t, metric ? t('compare.pageTitle', { metric: t(`metric.${metric}.label` as MessageKey) }) : t('compare.title')) }];
});

function downloadQuery(metric: string, range: Range, sort: string, lang: string | null) {
  const query = new URLSearchParams({ metric });
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  query.set('sort', sort);
  if (lang) query.set('lang', lang);
  return query.toString();
}

export default function Compare() {
  const { form, metrics, sorts, error, comparison, perResidentRefused } = useLoaderData<typeof loader>();
  const { t, metricLabel } = useFigureText();
  const { date } = useT();

  const periodText = (range: Range) =>
    range.from && range.to
      ? t('compare.period.between', { from: date(range.from), to: date(range.to) })
      : range.from
        ? t('compare.period.from', { from: date(range.from) })
        : range.to
          ? t('compare.period.to', { to: date(range.to) })
          : t('compare.period.all');

  return (
    <>
      <h1>{t('compare.title')}</h1>
      <p className="lead">{t('compare.intro')}</p>

      <Form method="get" action="/compare" className="compare-form" aria-labelledby="compare-form-heading">
        <h2 id="compare-form-heading" className="visually-hidden">
          {t('compare.form.heading')}
        </h2>
        <div className="field">
          <label htmlFor="compare-metric">{t('compare.form.metric')}</label>
          <select id="compare-metric" name="metric" defaultValue={form.metric} aria-invalid={error === 'metric' || undefined}>
            {metrics.map((key) => (
              <option key={key} value={key}>
                {metricLabel(key)}
              </option>
            ))}
          </select>
        </div>
        <div className="compare-dates">
          <div className="field">
            <label htmlFor="compare-from">{t('compare.form.from')}</label>
            <input id="compare-from" name="from" type="date" defaultValue={form.from} aria-describedby="compare-dates-hint" aria-invalid={error === 'from' || undefined} />
          </div>
          <div className="field">
            <label htmlFor="compare-to">{t('compare.form.to')}</label>
            <input id="compare-to" name="to" type="date" defaultValue={form.to} aria-describedby="compare-dates-hint" aria-invalid={error === 'to' || undefined} />
          </div>
        </div>
        <p id="compare-dates-hint" className="hint">
          {t('compare.form.datesHint')}
        </p>
        <div className="field">
          <label htmlFor="compare-sort">{t('compare.form.sort')}</label>
          <select id="compare-sort" name="sort" defaultValue={form.sort}>
            {sorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`compare.sort.${sort}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('compare.form.submit')}</button>
      </Form>

      {perResidentRefused ? <p className="notice">{t('compare.sort.perResidentUnknown')}</p> : null}
      {error ? (
        <p className="alert" role="alert">
          {t(`compare.error.${error === 'from' || error === 'to' ? 'dates' : error === 'metric' ? 'metric' : 'other'}` as MessageKey)}
        </p>
      ) : null}

      {comparison ? <Results comparison={comparison} periodText={periodText(comparison.range)} /> : null}
    </>
  );
}

function Results({ comparison, periodText }: { comparison: ComparisonData; periodText: string }) {
  const { t, metricLabel, metricDefinition, figure, locale } = useFigureText();
  const metric = comparison.metric;
  const label = metricLabel(metric.key);
  const listed = comparison.counties.filter((county) => county.value !== null || county.agenciesRequired > 0);
  const others = comparison.counties.filter((county) => county.value === null && county.agenciesRequired === 0);
  const reported = comparison.counties.filter((county) => county.value !== null);
  const anyPopulation = comparison.counties.some((county) => county.population !== null);
  const source = t('compare.source', { period: periodText });
  const download = (path: string, lang: string | null) => `${path}?${downloadQuery(metric.key, comparison.range, comparison.sort, lang)}`;

  const chart = compareChart({
    counties: reported,
    missing: listed.length - reported.length,
    unit: metric.unit,
    metric: label,
    period: periodText,
    figure,
    barLabel: (county) => t('compare.chart.barLabel', { county: county.name, reports: county.periodsReported }),
  });
  const spec = chart.spec;
  const summary = chart.summary.map((message) => t(message.key, message.params)).join(' ');

  return (
    <section aria-labelledby="compare-results-heading">
      <h2 id="compare-results-heading">{t('compare.results', { metric: label })}</h2>
      <p>
        <strong>{label}:</strong> {metricDefinition(metric.key)}
      </p>
      {!anyPopulation ? <p>{t('compare.population.unknown')}</p> : null}
      {reported.length === 0 ? <p className="notice">{t('compare.none', { metric: label, period: periodText })}</p> : null}
      {reported.length > 0 ? (
        <ChartFigure id="compare-chart" title={t('compare.chart.title', { metric: label })} summary={summary} source={source} spec={spec}>
          <ResultsTable comparison={comparison} listed={listed} label={label} periodText={periodText} />
        </ChartFigure>
      ) : listed.length > 0 ? (
        <>
          <ResultsTable comparison={comparison} listed={listed} label={label} periodText={periodText} />
          <p className="muted">{source}</p>
        </>
      ) : null}
      {others.length > 0 ? (
        <details className="compare-others">
          <summary>{t('compare.others', { count: others.length })}</summary>
          <p>{others.map((county) => county.name).join(', ')}</p>
        </details>
      ) : null}
      <h3>{t('compare.data.heading')}</h3>
      <ul>
        <li>
          <a href={download('/api/v1/compare.csv', locale === 'es' ? 'es' : null)}>{t('compare.data.csv', { metric: label })}</a>
        </li>
        <li>
          <a href={download('/api/v1/compare', null)}>{t('compare.data.json', { metric: label })}</a>
        </li>
      </ul>
    </section>
  );
}

/** The comparison's numbers, one row per county with reports or agencies asked for them. */
function ResultsTable({ comparison, listed, label, periodText }: { comparison: ComparisonData; listed: ComparisonData['counties']; label: string; periodText: string }) {
  const { t } = useT();
  const metric = comparison.metric;
  return (
    <TableRegion labelledBy="compare-table-caption">
      <table>
        <caption id="compare-table-caption">{t('compare.table.caption', { metric: label, period: periodText })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.table.county')}</th>
            <th scope="col" className="number">
              {label}
            </th>
            <th scope="col" className="number">
              {metric.unit === 'USD' ? t('compare.table.perResident') : t('compare.table.per100k')}
            </th>
            <th scope="col">{t('compare.table.reports')}</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((county) => (
            <tr key={county.slug}>
              <th scope="row">
                <Link to={countyPath(comparison.stateCode, county.slug)}>{county.name}</Link>
              </th>
              <td className="number">
                <Figure value={county.value} unit={metric.unit} />
              </td>
              <td className="number">
                {county.population === null ? (
                  <span className="not-reported">{t('county.population.notKnown')}</span>
                ) : (
                  <Figure value={metric.unit === 'USD' ? county.perResident : county.per100k} unit={metric.unit === 'USD' ? 'USD' : 'COUNT'} />
                )}
              </td>
              <td>
                {t('compare.table.reportsCell', { count: county.periodsReported })}{' '}
                {t('compare.table.agenciesCell', { count: county.agenciesRequired, reporting: county.agenciesReporting })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
