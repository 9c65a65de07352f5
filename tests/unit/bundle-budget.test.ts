/**
 * Light public pages (issue #11): the JavaScript a first visit downloads, gzipped, measured on
 * the last build (`npm test` builds before it runs vitest) by scripts/bundle-sizes.ts: all that
 * a page's HTML loads, the chart script included. Text pages stay under 40 KB (they ship none:
 * `handle = { hydrate: false }`), chart pages under 150 KB in either language with their charts
 * (they do not hydrate either: one chart script each, `handle.charts`), and no page loads zod
 * (schemas live in *.server modules) nor, without charts, Chart.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHARTS_MANIFEST_PATH, measureBundles, PUBLIC_BUILD, readChartScripts, readManifest, type RouteBundle } from '../../scripts/bundle-sizes';

const KB = 1000;
const TEXT_PAGES = ['routes/search', 'routes/audit', 'routes/data', 'routes/data_.ice-lists', 'routes/places.$state._index', 'routes/sign-in'];
/** Each chart page and the chart script it loads: the statewide page has the map. */
const CHART_PAGES: Record<string, 'series' | 'map'> = {
  'routes/_index': 'map',
  'routes/places.$state.$slug': 'series',
  'routes/agencies.$slug': 'series',
  'routes/compare': 'series',
};

function bundles(): RouteBundle[] {
  try {
    readManifest();
    readChartScripts();
  } catch {
    throw new Error(`No browser build in ${PUBLIC_BUILD} or no ${CHARTS_MANIFEST_PATH}: run \`npm run build\` before this test (\`npm test\` does).`);
  }
  return measureBundles();
}

const find = (all: RouteBundle[], route: string) => {
  const bundle = all.find((one) => one.route === route);
  if (!bundle) throw new Error(`${route} is not a page route of the build.`);
  return bundle;
};
const budget = (all: RouteBundle[], routes: string[]) =>
  routes.map((route) => {
    const bundle = find(all, route);
    return { route, kb: Math.max(bundle.gzipBytes, bundle.gzipBytesEs) / KB };
  });

/** A chart script's gzipped size, read here from the build, not from bundle-sizes.ts. */
const chartScriptBytes = (bundle: 'series' | 'map') =>
  gzipSync(fs.readFileSync(path.join(PUBLIC_BUILD, readChartScripts()[bundle].replace(/^\/build\//, ''))), { level: 6 }).length;

describe('JavaScript of public pages (gzipped, first visit)', () => {
  const all = bundles();

  it('is at most 40 KB on text pages', () => {
    expect(budget(all, TEXT_PAGES).filter((page) => page.kb > 40)).toEqual([]);
  });

  it('is at most 150 KB on chart pages, in English and in Spanish, chart code included', () => {
    expect(budget(all, Object.keys(CHART_PAGES)).filter((page) => page.kb > 150)).toEqual([]);
  });

  // The loophole this closes: a chart page that counted its app and not Chart.js.
  it('counts the chart script of each chart page, its own and no other', () => {
    for (const [route, charts] of Object.entries(CHART_PAGES)) {
      const bundle = find(all, route);
      expect(bundle.charts, route).toBe(charts);
      expect(bundle.contains, route).toContain('chartjs');
      expect(bundle.contains.includes('chartmap'), route).toBe(charts === 'map');
      for (const total of [bundle.gzipBytes, bundle.gzipBytesEs]) expect(total, route).toBeGreaterThanOrEqual(chartScriptBytes(charts));
    }
    // Chart.js is most of it: the statewide page's script, with the map, is the larger.
    expect(chartScriptBytes('series')).toBeGreaterThan(40 * KB);
    expect(chartScriptBytes('map')).toBeGreaterThan(chartScriptBytes('series'));
  });

  // Public pages above all, but the signed-in ones have no use for zod either: forms are read on the server.
  it('never includes zod, on any page', () => {
    expect(all.length).toBeGreaterThan(TEXT_PAGES.length + Object.keys(CHART_PAGES).length);
    expect(all.filter((bundle) => bundle.contains.includes('zod')).map((bundle) => bundle.route)).toEqual([]);
  });

  it('never includes a message catalog up front, nor Chart.js on a page without charts', () => {
    const found = all.filter((bundle) =>
      bundle.contains.some((content) => content === 'en' || content === 'es' || (!(bundle.route in CHART_PAGES) && (content === 'chartjs' || content === 'chartmap'))),
    );
    expect(found.map((bundle) => `${bundle.route}: ${bundle.contains.join(', ')}`)).toEqual([]);
    expect(all.filter((bundle) => bundle.charts && !(bundle.route in CHART_PAGES)).map((bundle) => bundle.route)).toEqual([]);
  });
});
