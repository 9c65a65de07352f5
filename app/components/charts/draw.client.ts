/**
 * Draws a ChartSpec on a canvas with Chart.js (and chartjs-chart-geo for maps). Loaded by
 * ChartFigure with a dynamic import, so pages without charts never download Chart.js.
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale } from 'chartjs-chart-geo';
import type { Feature, FeatureCollection } from 'geojson';
import type { ChartSpec, MapChartSpec, SeriesChartSpec } from './chart-spec';

Chart.register(...registerables, ChoroplethController, GeoFeature, ProjectionScale, ColorScale);

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

async function mapConfig(spec: MapChartSpec): Promise<ChartConfiguration<'choropleth'>> {
  const response = await fetch(spec.geoUrl);
  const geo = (await response.json()) as FeatureCollection;
  const byFips = new Map(spec.regions.map((region) => [region.fips, region]));
  const colors = new Map(spec.categories.map((category) => [category.id, category.color]));
  const labels = new Map(spec.categories.map((category) => [category.id, category.label]));
  const features = geo.features.filter((feature) => byFips.has(String(feature.id)));
  return {
    type: 'choropleth',
    data: {
      labels: features.map((feature) => byFips.get(String(feature.id))!.name),
      datasets: [
        {
          label: 'map',
          outline: features,
          data: features.map((feature: Feature) => ({ feature, value: 0 })),
          backgroundColor: (context) => {
            const raw = context.raw as { feature?: Feature } | undefined;
            const region = raw?.feature ? byFips.get(String(raw.feature.id)) : undefined;
            return (region && colors.get(region.category)) ?? '#ffffff';
          },
          borderColor: '#555555',
          borderWidth: 0.6,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      showOutline: true,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw as { feature: Feature };
              const region = byFips.get(String(raw.feature.id));
              return region ? `${region.name}: ${labels.get(region.category) ?? region.category}` : '';
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: 'mercator' },
        color: { axis: 'x', display: false },
      },
    },
  };
}

/** Draws the chart; resolves to a function that removes it. */
export async function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, locale: string): Promise<() => void> {
  const config = spec.kind === 'map' ? await mapConfig(spec) : seriesConfig(spec, locale);
  const chart = new Chart(canvas, config as ChartConfiguration);
  canvas.dataset.drawn = 'true';
  return () => chart.destroy();
}
