/**
 * Chart.js's configuration of a series chart, from its spec: plain data (Chart.js is only a type
 * here), so a unit test can check it without a canvas. draw.client.ts draws with it.
 */
import type { ChartConfiguration } from 'chart.js';
import type { SeriesChartSpec } from './chart-spec';

/** Okabe–Ito colours: distinguishable with the common kinds of colour blindness. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/** Pixels per bar of a horizontal chart: enough for a 12px label beside every bar. */
export const BAR_ROW_PX = 26;
/** Room for the value axis and its ticks under a horizontal chart. */
const AXIS_PX = 48;

/**
 * The height a horizontal bar chart needs for every bar to keep its label, or null to keep the
 * stylesheet's height (a vertical chart, or few bars). The stylesheet's 18rem fits about ten.
 */
export function chartHeight(spec: SeriesChartSpec): number | null {
  if (!spec.horizontal) return null;
  const needed = spec.labels.length * BAR_ROW_PX + AXIS_PX;
  return needed > 288 ? needed : null;
}

function formatter(unit: SeriesChartSpec['unit'], locale: string) {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const plain = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  return (value: number | string) => (unit === 'USD' ? money.format(Number(value)) : plain.format(Number(value)));
}

export function seriesConfig(spec: SeriesChartSpec, locale: string): ChartConfiguration {
  const format = formatter(spec.unit, locale);
  const stacked = spec.kind === 'stacked-bar';
  // The category axis names every bar or point: Chart.js would otherwise drop labels that do not
  // fit (11 of 22 counties), and a bar without its name says nothing. chartHeight gives the room.
  const categories = { stacked, ticks: { autoSkip: false } };
  const values = { stacked, beginAtZero: true, ticks: { callback: (value: number | string) => format(value) } };
  return {
    type: spec.kind === 'line' ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((dataset, i) => ({
        label: dataset.label,
        data: dataset.values,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        // Gaps stay gaps: a period not reported is not joined across.
        spanGaps: false,
        pointRadius: 3,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: spec.horizontal ? { y: categories, x: values } : { x: categories, y: values },
      plugins: {
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format((spec.horizontal ? item.parsed.x : item.parsed.y) ?? 0)}` } },
      },
    },
  };
}
