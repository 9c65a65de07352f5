/**
 * The /compare chart and the sentence that sums it up, from the comparison's counties. Plain
 * TypeScript, safe in the browser bundle (the page itself does not hydrate).
 *
 * A county's total is the sum of however many reports its agencies have filed, so a county with
 * 11 reports and one with 4 are not the same kind of total: the page names a "highest" only when
 * every total is built from the same number of reports, and otherwise says how many each one is
 * built from (in the sentence and on each bar) instead of ranking them.
 */
import type { SeriesChartSpec } from '~/components/charts/chart-spec';
import type { Message } from '~/i18n/message';
import type { Unit } from '~/reporting/metrics';
import { sortCounties, type ComparableCounty } from './figures';

export interface ChartedCounty extends ComparableCounty {
  periodsReported: number;
}

export interface CompareChart {
  spec: SeriesChartSpec;
  /** The summary's sentences, as message codes the page words. */
  summary: Message[];
  /** True when the totals are built from the same number of reports and the summary ranks them. */
  ranked: boolean;
}

/**
 * `counties` in the page's order (only those that reported; the others are in the table as not
 * reported). `figure` words a value in the reader's language; `barLabel` a county's bar label
 * with its number of reports.
 */
export function compareChart(input: {
  counties: readonly ChartedCounty[];
  missing: number;
  unit: Unit;
  metric: string;
  period: string;
  figure: (value: string, unit: Unit) => string;
  barLabel: (county: ChartedCounty) => string;
}): CompareChart {
  const reported = input.counties.filter((county) => county.value !== null);
  const counts = reported.map((county) => county.periodsReported);
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  const ranked = reported.length > 0 && fewest === most;
  const spec: SeriesChartSpec = {
    kind: 'bar',
    // Every bar carries its county's name; with unequal report counts, the count too.
    labels: reported.map((county) => (ranked ? county.name : input.barLabel(county))),
    datasets: [{ label: input.metric, values: reported.map((county) => Number(county.value)) }],
    unit: input.unit,
    horizontal: true,
  };
  const summary: Message[] = [];
  if (reported.length > 0) {
    // One number per sentence, each sentence in its plural form.
    summary.push({ key: 'compare.chart.reported', params: { count: reported.length, metric: input.metric, period: input.period } });
    if (ranked) {
      const top = sortCounties(reported, 'desc')[0];
      summary.push({ key: 'compare.chart.ranked', params: { count: fewest, top: top.name, value: input.figure(top.value!, input.unit) } });
    } else {
      summary.push({ key: 'compare.chart.unequal', params: { fewest, most } });
    }
  }
  if (input.missing > 0) summary.push({ key: 'compare.chart.missing', params: { count: input.missing } });
  return { spec, summary, ranked };
}
