import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
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
      { key: 'compare.chart.reported', params: { count: 2, metric: 'Gross cost', period: 'all periods' } },
      { key: 'compare.chart.ranked', params: { count: 4, top: 'Burke County', value: '$900.50' } },
    ]);
  });

  it('names no highest county, and puts each count on its bar, when the totals add up 11 and 4 reports', () => {
    const result = chart([county('Alamance County', '1094632.03', 11), county('Gaston County', '50218.45', 4)], 3);
    expect(result.ranked).toBe(false);
    expect(result.summary).toEqual([
      { key: 'compare.chart.reported', params: { count: 2, metric: 'Gross cost', period: 'all periods' } },
      { key: 'compare.chart.unequal', params: { fewest: 4, most: 11 } },
      { key: 'compare.chart.missing', params: { count: 3 } },
    ]);
    expect(result.spec.labels).toEqual(['Alamance County (reports: 11)', 'Gaston County (reports: 4)']);
  });

  it('words the summary with one number per sentence, each in its singular or plural form', () => {
    const words = (language: 'en' | 'es', result: ReturnType<typeof chart>) => result.summary.map((m) => translator(language)(m.key, m.params)).join(' ');
    const one = chart([county('Avery County', '50', 1)], 1);
    expect(words('en', one)).toBe(
      '1 county reported Gross cost for all periods. Each total adds up 1 report; the highest is Avery County, at $50. ' +
        'One other county with an agency asked to report has not reported it: it is in the table as not reported, and not in the chart.',
    );
    expect(words('es', one)).toBe(
      '1 condado informó la cifra “Gross cost” para all periods. Cada total suma 1 informe; el más alto es Avery County, con $50. ' +
        'Otro condado con una agencia obligada a informar no la ha informado: figura en la tabla como no informado, y no en el gráfico.',
    );
    const several = chart([county('Avery County', '50', 4), county('Burke County', '900.50', 4)], 3);
    expect(words('en', several)).toMatch(/^2 counties reported Gross cost for all periods\. Each total adds up 4 reports; the highest is Burke County, at \$900\.50\. 3 other counties with an agency/);
    expect(words('es', several)).toMatch(/^2 condados informaron la cifra “Gross cost” para all periods\. Cada total suma 4 informes; .* Otros 3 condados con una agencia obligada a informar no la han informado/);
    expect(words('en', chart([county('Alamance County', '1094632.03', 11), county('Gaston County', '50218.45', 4)]))).toMatch(
      /^2 counties reported Gross cost for all periods\. Their totals add up different numbers of reports \(from 4 to 11\)/,
    );
  });

  it('leaves counties without the figure out of the chart (they are in the table as not reported)', () => {
    const { spec } = chart([county('Avery County', '50', 2), county('Burke County', null, 0)]);
    expect(spec.labels).toEqual(['Avery County']);
    expect(spec.datasets[0].values).toEqual([50]);
  });
});
