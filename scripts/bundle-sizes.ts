/**
 * npx tsx scripts/bundle-sizes.ts [--json]: how much JavaScript a first visit to a page of each
 * route downloads, gzipped (level 6, as `gzip -c`): everything the page's HTML loads, and what
 * that code imports later. Read from the last build: the browser manifest
 * (public/build/manifest-*.js) and the chart scripts' (build/charts-manifest.json).
 *
 * A page that hydrates loads the client entry, the root and the route's modules (and their
 * parents'), each one's `imports` chunks, once each, and the page's message catalog, which
 * entry.client.tsx imports before hydrating: one figure per language; any other dynamic import
 * is counted too, as if it were always taken. A route that declares `handle = { hydrate: false }`
 * (itself or a parent) loads none of that: root.tsx leaves the scripts out. A route whose handle
 * names a chart script (`charts: 'series'` or `'map'`, or a function that may return one: at
 * most) loads that bundle, hydrating or not; it is part of the page's total, and a column of its
 * own. Also says which files hold zod, each language's catalog, Chart.js and the map's code.
 * tests/unit/bundle-budget.test.ts holds the public pages to their budgets with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHART_BUNDLES, type ChartBundle } from '../app/components/charts/chart-spec';
import { CHARTS_MANIFEST, type ChartScripts } from '../app/components/charts/chart-scripts.server';

const PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PUBLIC_BUILD = path.join(PROJECT, 'public', 'build');
export const CHARTS_MANIFEST_PATH = path.join(PROJECT, CHARTS_MANIFEST);

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface ManifestRoute extends ManifestEntry {
  id: string;
  parentId?: string;
}
interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestRoute>;
}

/** What a file holds, by strings that survive minification. */
const MARKERS = {
  zod: /\$ZodType|ZodError/,
  en: /Oversight Portal/,
  es: /Portal de Supervisi(ó|\\u00f3|\\xF3)n/i,
  chartjs: /Canvas is already in use/,
  /** chartjs-chart-geo: the statewide map. */
  chartmap: /choropleth/,
} as const;
export type Content = keyof typeof MARKERS;

export interface RouteBundle {
  route: string;
  /** False when the page is served without the client app (`handle = { hydrate: false }`). */
  hydrates: boolean;
  /** The chart script its HTML loads (`handle.charts`), if any. */
  charts: ChartBundle | null;
  files: number;
  /** What an English page loads, chart script included; `gzipBytesEs` a Spanish one. */
  gzipBytes: number;
  gzipBytesEs: number;
  /** What the files it loads hold (the message catalog loaded before hydrating aside). */
  contains: Content[];
  /** Of the total, the chart script's share. */
  chartGzipBytes: number;
}

/** The manifest written by the last `remix build`, or an error that says to build first. */
export function readManifest(buildDir = PUBLIC_BUILD): Manifest {
  const name = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((file) => /^manifest-.*\.js$/.test(file)) : undefined;
  if (!name) throw new Error(`No browser build in ${buildDir}: run \`npm run build\` first.`);
  const source = fs.readFileSync(path.join(buildDir, name), 'utf8');
  return JSON.parse(source.replace(/^window\.__remixManifest\s*=\s*/, '').replace(/;\s*$/, '')) as Manifest;
}

/** The chart scripts' URLs written by the last build, or an error that says to build first. */
export function readChartScripts(manifestPath = CHARTS_MANIFEST_PATH): ChartScripts {
  if (!fs.existsSync(manifestPath)) throw new Error(`No chart scripts in ${manifestPath}: run \`npm run build\` first.`);
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ChartScripts;
}

/**
 * What a route's source declares in `export const handle = { … };` (up to the `;` that ends
 * the line): `hydrate: false`, and the chart script it names (`charts: 'map'`, or a function
 * returning 'series': the largest it may load).
 */
function declaredHandle(routeId: string): { hydrates: boolean; charts: ChartBundle | null } {
  const base = path.join(PROJECT, 'app', routeId);
  const file = [`${base}.tsx`, `${base}.ts`, path.join(base, 'route.tsx'), path.join(base, 'route.ts')].find((candidate) => fs.existsSync(candidate));
  const handle = file ? (/^export const handle\b[\s\S]*?;$/m.exec(fs.readFileSync(file, 'utf8'))?.[0] ?? '') : '';
  const charts = /\bcharts:([\s\S]*)/.exec(handle)?.[1] ?? '';
  return {
    hydrates: !/\bhydrate:\s*false\b/.test(handle),
    charts: [...CHART_BUNDLES].reverse().find((bundle) => charts.includes(`'${bundle}'`)) ?? null,
  };
}

interface BuiltFile {
  text: string;
  gzip: number;
  contains: Content[];
  /** Chunks it imports statically (a chunk's own imports are in the manifest only for entries). */
  imports: string[];
  dynamicImports: string[];
}

function fileReader(buildDir: string) {
  const files = new Map<string, BuiltFile>();
  return (url: string): BuiltFile => {
    let built = files.get(url);
    if (!built) {
      const bytes = fs.readFileSync(path.join(buildDir, url.replace(/^\/build\//, '')));
      const text = bytes.toString('utf8');
      built = {
        text,
        gzip: gzipSync(bytes, { level: 6 }).length,
        contains: (Object.keys(MARKERS) as Content[]).filter((key) => MARKERS[key].test(text)),
        imports: [...text.matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)].map((match) => match[1]),
        dynamicImports: [...text.matchAll(/import\(\s*"(\/build\/[^"]+\.js)"\s*\)/g)].map((match) => match[1]),
      };
      files.set(url, built);
    }
    return built;
  };
}

/** Every page route's bundle as a first visit loads it, largest first. */
export function measureBundles(buildDir = PUBLIC_BUILD, chartsManifest = CHARTS_MANIFEST_PATH): RouteBundle[] {
  const manifest = readManifest(buildDir);
  const read = fileReader(buildDir);
  let chartScripts: ChartScripts | undefined;
  const chartScript = (bundle: ChartBundle) => (chartScripts ??= readChartScripts(chartsManifest))[bundle];
  const closure = (urls: Iterable<string>) => {
    const all = new Set<string>();
    const visit = (url: string) => {
      if (all.has(url)) return;
      all.add(url);
      read(url).imports.forEach(visit);
    };
    [...urls].forEach(visit);
    return all;
  };
  const urlsOf = (entry: ManifestEntry) => [entry.module, ...(entry.imports ?? [])];
  const sum = (urls: Set<string>) => [...urls].reduce((total, url) => total + read(url).gzip, 0);
  const isCatalog = (url: string) => read(url).contains.some((content) => content === 'en' || content === 'es');
  // Resource routes (the API, downloads, feeds) render no page: their module is an empty stub
  // (`export default x()`), where a page's exports its component (`export{C as default,…}`).
  const isPage = (route: ManifestRoute) => route.id === 'root' || /\bas default\b/.test(read(route.module).text);
  return Object.values(manifest.routes)
    .filter(isPage)
    .map((route) => {
      const chain: ManifestRoute[] = [];
      for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) chain.push(at);
      const handles = chain.map((at) => declaredHandle(at.id));
      const hydrates = handles.every((handle) => handle.hydrates);
      const charts = handles.find((handle) => handle.charts)?.charts ?? null;
      // The client app, when the page hydrates: its modules, then whatever they import later
      // (statically or not), the catalogs aside: the reader's alone is added per language.
      const app = hydrates ? closure([...urlsOf(manifest.entry), ...chain.flatMap(urlsOf)]) : new Set<string>();
      const dynamic = [...app].flatMap((url) => read(url).dynamicImports);
      const later = new Set<string>();
      const visitLater = (url: string) => {
        if (later.has(url) || app.has(url)) return;
        later.add(url);
        [...read(url).imports, ...read(url).dynamicImports].forEach(visitLater);
      };
      dynamic.filter((url) => !isCatalog(url)).forEach(visitLater);
      const chartCode = charts ? closure([chartScript(charts)]) : new Set<string>();
      const loaded = new Set([...app, ...later, ...chartCode]);
      const catalog = (locale: 'en' | 'es') => closure(dynamic.filter((url) => read(url).contains.includes(locale)));
      const withCatalog = (locale: 'en' | 'es') => new Set([...loaded, ...catalog(locale)]);
      return {
        route: route.id,
        hydrates,
        charts,
        files: withCatalog('en').size,
        gzipBytes: sum(withCatalog('en')),
        gzipBytesEs: sum(withCatalog('es')),
        contains: [...new Set([...loaded].flatMap((url) => read(url).contains))].sort(),
        chartGzipBytes: sum(chartCode),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.route.localeCompare(b.route));
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

function printTable(bundles: RouteBundle[]) {
  const width = Math.max(...bundles.map((bundle) => bundle.route.length));
  console.log(`${'route'.padEnd(width)}  ${'KB gz en'.padStart(8)}  ${'KB gz es'.padStart(8)}  files  ${'charts'.padStart(13)}  contains`);
  for (const bundle of bundles) {
    const note = [bundle.hydrates ? '' : 'no client app (hydrate: false)', bundle.contains.join(', ')].filter(Boolean).join('; ');
    const charts = bundle.charts ? `${bundle.charts} ${kb(bundle.chartGzipBytes)}` : '';
    console.log(
      `${bundle.route.padEnd(width)}  ${kb(bundle.gzipBytes).padStart(8)}  ${kb(bundle.gzipBytesEs).padStart(8)}  ${String(bundle.files).padStart(5)}  ${charts.padStart(13)}  ${note}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bundles = measureBundles();
  if (process.argv.includes('--json')) console.log(JSON.stringify(bundles, null, 2));
  else printTable(bundles);
}
