/**
 * What a chart shows, as plain data the server sends with the page: the same numbers feed the
 * table beside the chart, so the two cannot disagree. ChartFigure writes it into the page as JSON,
 * and the chart script (draw.client.ts, no React) draws it.
 */
import type { Unit } from '~/reporting/metrics';

export interface SeriesChartSpec {
  kind: 'line' | 'bar' | 'stacked-bar';
  /** One per point on the x axis, e.g. period labels. */
  labels: string[];
  /** null: not reported (a gap), never drawn as zero. */
  datasets: { label: string; values: (number | null)[] }[];
  unit: Unit;
  /** Bars along the y axis: long category names (counties) stay readable. */
  horizontal?: boolean;
}

export interface MapChartSpec {
  kind: 'map';
  /** GeoJSON FeatureCollection of the regions; each feature's id is its FIPS code. */
  geoUrl: string;
  regions: { fips: string; name: string; category: string }[];
  /** Legend order; colours chosen for contrast on white and for colour-blind readers. */
  categories: { id: string; label: string; color: string }[];
}

export type ChartSpec = SeriesChartSpec | MapChartSpec;

/**
 * The chart scripts (built by scripts/build-if-changed.ts into public/build/charts/): one for
 * series charts, one with the map too. A page names the one it needs in its handle,
 * `handle = { hydrate: false, charts: 'series' }`, and root.tsx adds that script, alone.
 */
export const CHART_BUNDLES = ['series', 'map'] as const;
export type ChartBundle = (typeof CHART_BUNDLES)[number];
/** A page's `handle.charts`: its bundle, or a function of its loader data (no chart, null). */
export type PageCharts = ChartBundle | ((data: unknown) => ChartBundle | null);

/**
 * A spec as the text of a `<script type="application/json">` beside its canvas: never run, so
 * no CSP nonce, but the HTML parser ends the element at the first `</script`, so `<` (a county
 * or label can hold anything) is written as the JSON escape \u003c, which parses back to `<`.
 */
export function specScriptText(spec: ChartSpec): string {
  return JSON.stringify(spec).replace(/</g, '\\u003c');
}

/** The id of a chart's spec element: the chart's id (its canvas's data-chart) and `-spec`. */
export const specElementId = (chartId: string) => `${chartId}-spec`;
