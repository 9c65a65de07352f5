/**
 * What a chart shows, as plain data the server sends with the page: the same numbers feed the
 * table beside the chart, so the two cannot disagree. Drawn in the browser by draw.client.ts.
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
