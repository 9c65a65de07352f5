/**
 * Draws the page's charts with Chart.js, without React: every `canvas[data-chart]` from the spec
 * ChartFigure wrote beside it. Run by the chart scripts (charts-series.client.ts, and
 * charts-map.client.ts with chartjs-chart-geo for the map), which scripts/build-if-changed.ts
 * bundles on their own, outside the Remix build: only pages that name one in their handle load
 * one, so pages without charts never download Chart.js.
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
import { specElementId, type ChartSpec, type MapChartSpec, type SeriesChartSpec } from './chart-spec';

// Only what these charts draw (bar and line series), not all of Chart.js's registerables: the
// bundle stays smaller. The map's parts come with draw-map.client.ts, on the one page with a map.
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

/** The map's configuration (draw-map.client.ts), given only by the bundle that draws maps. */
export type MapConfig = (spec: MapChartSpec) => Promise<ChartConfiguration<'choropleth'>>;

/** Draws one chart, and marks its canvas `data-drawn="true"` (the browser tests wait for it). */
async function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, locale: string, mapConfig?: MapConfig): Promise<void> {
  let config: ChartConfiguration | ChartConfiguration<'choropleth'>;
  if (spec.kind !== 'map') config = seriesConfig(spec, locale);
  else if (mapConfig) config = await mapConfig(spec);
  else throw new Error(`Chart ${canvas.dataset.chart} is a map, but the page loads the chart script without one (handle.charts: 'map').`);
  new Chart(canvas, config as ChartConfiguration);
  canvas.dataset.drawn = 'true';
}

/**
 * Draws every chart of the page, in the page's language (`<html lang>`). A chart that fails is
 * reported in the console and left undrawn; its table and summary are there anyway.
 */
export function drawCharts(mapConfig?: MapConfig): void {
  const locale = document.documentElement.lang === 'es' ? 'es' : 'en';
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
    const text = document.getElementById(specElementId(canvas.dataset.chart ?? ''))?.textContent;
    if (!text) {
      console.error(`Chart ${canvas.dataset.chart}: no spec beside the canvas.`);
      continue;
    }
    drawChart(canvas, JSON.parse(text) as ChartSpec, locale, mapConfig).catch((error: unknown) => console.error(error));
  }
}
