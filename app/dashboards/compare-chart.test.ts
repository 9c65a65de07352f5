import { describe, expect, it } from 'vitest';
import { compareChart, type ChartedCounty } from './compare-chart';

const county = (name: string, value: string | null, periodsReported: number): ChartedCounty => ({ name, value, per100k: null, periodsReported });
const chart = (counties: ChartedCounty[], missing = 0) =>
  compareChart({
    counties,
    missing,
    unit: 'USD',
    metric: 'Gross cost',
    period: 'all periods',
    figure: (value) => `$${value}`,
    barLabel: (c) => `${c.name} (reports: ${c.periodsReported})`,
  });

describe('compareChart', () => {
  it('gives every one of 22 counties its own bar label and value, in the page’s order', () => {
    const counties = Array.from({ length: 22 }, (_, i) => county(`County ${i + 1}`, String(1000 - i), 4));
    const { spec } = chart(counties);
    expect(spec.labels).toEqual(counties.map((c) => c.name));
    expect(spec.datasets[0].values).toEqual(counties.map((c) => Number(c.value)));
    expect(spec.horizontal).toBe(true);
  });

  it('names the highest county when every total adds up the same number of reports', () => {
    const result = chart([county('Avery County', '50', 4), county('Burke County', '900.50', 4)]);
    expect(result.ranked).toBe(true);
    expect(result.summary).toEqual([
      { key: 'compare.chart.summary', params: { count: 2, metric: 'Gross cost', period: 'all periods', reports: 4, top: 'Burke County', value: '$900.50' } },
    ]);
  });

  it('names no highest county, and puts each count on its bar, when the totals add up 11 and 4 reports', () => {
    const result = chart([county('Alamance County', '1094632.03', 11), county('Gaston County', '50218.45', 4)], 3);
    expect(result.ranked).toBe(false);
    expect(result.summary).toEqual([
      { key: 'compare.chart.summaryUnequal', params: { count: 2, metric: 'Gross cost', period: 'all periods', fewest: 4, most: 11 } },
      { key: 'compare.chart.missing', params: { count: 3 } },
    ]);
    expect(result.spec.labels).toEqual(['Alamance County (reports: 11)', 'Gaston County (reports: 4)']);
  });

  it('leaves counties without the figure out of the chart (they are in the table as not reported)', () => {
    const { spec } = chart([county('Avery County', '50', 2), county('Burke County', null, 0)]);
    expect(spec.labels).toEqual(['Avery County']);
    expect(spec.datasets[0].values).toEqual([50]);
  });
});
