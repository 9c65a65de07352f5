/**
 * The chart script of pages with series charts only (`handle.charts: 'series'`): Chart.js's bar
 * and line charts, bundled alone into public/build/charts/ by scripts/build-if-changed.ts.
 */
import { drawCharts } from './draw.client';

drawCharts();
