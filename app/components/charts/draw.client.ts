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
import { specElementId, type ChartSpec, type MapChartSpec } from './chart-spec';
import { chartHeight, seriesConfig } from './series-config';

// Only what these charts draw (bar and line series), not all of Chart.js's registerables: the
// bundle stays smaller. The map's parts come with draw-map.client.ts, on the one page with a map.
Chart.register(BarController, LineController, BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The map's configuration (draw-map.client.ts), given only by the bundle that draws maps. */
export type MapConfig = (spec: MapChartSpec) => Promise<ChartConfiguration<'choropleth'>>;

/** Draws one chart, and marks its canvas `data-drawn="true"` (the browser tests wait for it). */
async function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, locale: string, mapConfig?: MapConfig): Promise<void> {
  let config: ChartConfiguration | ChartConfiguration<'choropleth'>;
  if (spec.kind !== 'map') {
    config = seriesConfig(spec, locale);
    // Room for every bar's label; set through the CSSOM, which the CSP's style-src allows.
    const height = chartHeight(spec);
    if (height !== null && canvas.parentElement) canvas.parentElement.style.height = `${height}px`;
  }
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
