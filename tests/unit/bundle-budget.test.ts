/**
 * Light public pages (issue #11): the JavaScript a first visit downloads, gzipped, measured on
 * the last build (`npm test` builds before it runs vitest) by scripts/bundle-sizes.ts. Text
 * pages stay under 40 KB (they ship none: `handle = { hydrate: false }`), chart pages under
 * 150 KB in either language, and no page loads zod (schemas live in *.server modules).
 */
import { describe, expect, it } from 'vitest';
import { measureBundles, PUBLIC_BUILD, readManifest, type RouteBundle } from '../../scripts/bundle-sizes';

const KB = 1000;
const TEXT_PAGES = ['routes/search', 'routes/audit', 'routes/data', 'routes/data_.ice-lists', 'routes/places.$state._index', 'routes/sign-in'];
const CHART_PAGES = ['routes/_index', 'routes/places.$state.$slug', 'routes/agencies.$slug', 'routes/compare'];

function bundles(): RouteBundle[] {
  try {
    readManifest();
  } catch {
    throw new Error(`No browser build in ${PUBLIC_BUILD}: run \`npm run build\` before this test (\`npm test\` does).`);
  }
  return measureBundles();
}

const budget = (all: RouteBundle[], routes: string[]) =>
  routes.map((route) => {
    const bundle = all.find((one) => one.route === route);
    if (!bundle) throw new Error(`${route} is not a page route of the build.`);
    return { route, kb: Math.max(bundle.gzipBytes, bundle.gzipBytesEs) / KB };
  });

describe('JavaScript of public pages (gzipped, first visit)', () => {
  const all = bundles();

  it('is at most 40 KB on text pages', () => {
    expect(budget(all, TEXT_PAGES).filter((page) => page.kb > 40)).toEqual([]);
  });

  it('is at most 150 KB on chart pages, in English and in Spanish', () => {
    expect(budget(all, CHART_PAGES).filter((page) => page.kb > 150)).toEqual([]);
  });

  // Public pages above all, but the signed-in ones have no use for zod either: forms are read on the server.
  it('never includes zod, on any page', () => {
    expect(all.length).toBeGreaterThan(TEXT_PAGES.length + CHART_PAGES.length);
    expect(all.filter((bundle) => bundle.contains.includes('zod')).map((bundle) => bundle.route)).toEqual([]);
  });

  it('never includes both languages, nor Chart.js before a chart mounts', () => {
    const found = all.filter((bundle) => bundle.contains.some((content) => content === 'en' || content === 'es' || content === 'chartjs'));
    expect(found.map((bundle) => `${bundle.route}: ${bundle.contains.join(', ')}`)).toEqual([]);
  });
});
