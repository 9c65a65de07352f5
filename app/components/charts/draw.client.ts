/**
 * Draws a ChartSpec on a canvas with Chart.js (and chartjs-chart-geo for maps, draw-map.client.ts,
 * imported only to draw one). Loaded by ChartFigure with a dynamic import when a chart mounts,
 * so pages without charts never download Chart.js.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { ChartSpec, SeriesChartSpec } from './chart-spec';

// Only what these charts draw (bar and line series), not all of Chart.js's registerables: the
// chunk stays smaller. The map's parts come with draw-map.client.ts, on the one page with a map.
Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Okabe–Ito colours: distinguishable with the common kinds of colour blindness. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

function formatter(unit: SeriesChartSpec['unit'], locale: string) {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const plain = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  return (value: number | string) => (unit === 'USD' ? money.format(Number(value)) : plain.format(Number(value)));
}

function seriesConfig(spec: SeriesChartSpec, locale: string): ChartConfiguration {
  const format = formatter(spec.unit, locale);
  const stacked = spec.kind === 'stacked-bar';
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
      scales: spec.horizontal
        ? { y: { stacked }, x: { stacked, beginAtZero: true, ticks: { callback: (value) => format(value) } } }
        : { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { callback: (value) => format(value) } } },
      plugins: {
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format((spec.horizontal ? item.parsed.x : item.parsed.y) ?? 0)}` } },
      },
    },
  };
}

/** Draws the chart; resolves to a function that removes it. */
export async function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, locale: string): Promise<() => void> {
  const config = spec.kind === 'map' ? await (await import('./draw-map.client')).mapConfig(spec) : seriesConfig(spec, locale);
  const chart = new Chart(canvas, config as ChartConfiguration);
  canvas.dataset.drawn = 'true';
  return () => chart.destroy();
}
