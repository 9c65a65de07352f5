/**
 * The chart script of a page with the county map (`handle.charts: 'map'`): the series charts'
 * code and chartjs-chart-geo's, in one file (scripts/build-if-changed.ts), so the page loads
 * one script and no further chunk.
 */
import { mapConfig } from './draw-map.client';
import { drawCharts } from './draw.client';

drawCharts(mapConfig);
