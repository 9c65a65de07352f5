/**
 * npx tsx scripts/bundle-sizes.ts [--json]: how much JavaScript a first visit to a page of each
 * route downloads, gzipped (level 6, as `gzip -c`), read from the last build's browser manifest
 * (public/build/manifest-*.js). A visit loads the client entry, the root and the route's
 * modules (and their parents'), each one's `imports` chunks, once each, and the page's message
 * catalog, which entry.client.tsx imports before hydrating: one figure per language. Chart.js,
 * which a page imports only when a chart mounts, is a column of its own (+charts: at most, the
 * map's code included). A route that declares
 * `handle = { hydrate: false }` (itself or a parent) loads no JavaScript at all: root.tsx leaves
 * the scripts out. Also says which files hold zod, each language's catalog and Chart.js.
 * tests/unit/bundle-budget.test.ts holds the public pages to their budgets with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const PUBLIC_BUILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'build');

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
  chartjs: /Canvas is already in use|choropleth/,
} as const;
export type Content = keyof typeof MARKERS;

export interface RouteBundle {
  route: string;
  /** False when the page is served without scripts (`handle = { hydrate: false }`). */
  hydrates: boolean;
  files: number;
  /** What an English page loads; `gzipBytesEs` a Spanish one. */
  gzipBytes: number;
  gzipBytesEs: number;
  /** What the static part holds (the catalog loaded before hydrating aside). */
  contains: Content[];
  /** Chart code the page may import later, when a chart mounts (at most: the map's too). */
  chartGzipBytes: number;
}

/** The manifest written by the last `remix build`, or an error that says to build first. */
export function readManifest(buildDir = PUBLIC_BUILD): Manifest {
  const name = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((file) => /^manifest-.*\.js$/.test(file)) : undefined;
  if (!name) throw new Error(`No browser build in ${buildDir}: run \`npm run build\` first.`);
  const source = fs.readFileSync(path.join(buildDir, name), 'utf8');
  return JSON.parse(source.replace(/^window\.__remixManifest\s*=\s*/, '').replace(/;\s*$/, '')) as Manifest;
}

/** Whether a route's source declares `export const handle = { hydrate: false, … }`. */
function declaresNoHydration(routeId: string): boolean {
  const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'app');
  const base = path.join(appDir, routeId);
  const file = [`${base}.tsx`, `${base}.ts`, path.join(base, 'route.tsx'), path.join(base, 'route.ts')].find((candidate) => fs.existsSync(candidate));
  return Boolean(file && /^export const handle\b[^=]*=\s*\{[^}]*\bhydrate:\s*false/m.test(fs.readFileSync(file, 'utf8')));
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
export function measureBundles(buildDir = PUBLIC_BUILD): RouteBundle[] {
  const manifest = readManifest(buildDir);
  const read = fileReader(buildDir);
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
  // Resource routes (the API, downloads, feeds) render no page: their module is an empty stub
  // (`export default x()`), where a page's exports its component (`export{C as default,…}`).
  const isPage = (route: ManifestRoute) => route.id === 'root' || /\bas default\b/.test(read(route.module).text);
  return Object.values(manifest.routes)
    .filter(isPage)
    .map((route) => {
      const chain: ManifestRoute[] = [];
      for (let at: ManifestRoute | undefined = route; at; at = at.parentId ? manifest.routes[at.parentId] : undefined) chain.push(at);
      const urls = closure([...urlsOf(manifest.entry), ...chain.flatMap(urlsOf)]);
      const dynamic = [...urls].flatMap((url) => read(url).dynamicImports);
      const catalog = (locale: 'en' | 'es') => closure(dynamic.filter((url) => read(url).contains.includes(locale)));
      const withCatalog = (locale: 'en' | 'es') => new Set([...urls, ...catalog(locale)]);
      const hydrates = !chain.some((at) => declaresNoHydration(at.id));
      // Everything the dynamic imports other than the catalogs lead to, statically or not.
      const later = new Set<string>();
      const visitLater = (url: string) => {
        if (later.has(url) || urls.has(url)) return;
        later.add(url);
        [...read(url).imports, ...read(url).dynamicImports].forEach(visitLater);
      };
      dynamic.filter((url) => !read(url).contains.some((content) => content === 'en' || content === 'es')).forEach(visitLater);
      const chartCode = [...later].some((url) => read(url).contains.includes('chartjs')) ? later : new Set<string>();
      return {
        route: route.id,
        hydrates,
        files: hydrates ? withCatalog('en').size : 0,
        gzipBytes: hydrates ? sum(withCatalog('en')) : 0,
        gzipBytesEs: hydrates ? sum(withCatalog('es')) : 0,
        contains: hydrates ? [...new Set([...urls].flatMap((url) => read(url).contains))].sort() : [],
        chartGzipBytes: hydrates ? sum(chartCode) : 0,
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.route.localeCompare(b.route));
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

function printTable(bundles: RouteBundle[]) {
  const width = Math.max(...bundles.map((bundle) => bundle.route.length));
  console.log(`${'route'.padEnd(width)}  ${'KB gz en'.padStart(8)}  ${'KB gz es'.padStart(8)}  files  ${'+charts'.padStart(7)}  contains`);
  for (const bundle of bundles) {
    const note = bundle.hydrates ? bundle.contains.join(', ') : 'no scripts (hydrate: false)';
    const charts = bundle.chartGzipBytes ? kb(bundle.chartGzipBytes) : '';
    console.log(
      `${bundle.route.padEnd(width)}  ${kb(bundle.gzipBytes).padStart(8)}  ${kb(bundle.gzipBytesEs).padStart(8)}  ${String(bundle.files).padStart(5)}  ${charts.padStart(7)}  ${note}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bundles = measureBundles();
  if (process.argv.includes('--json')) console.log(JSON.stringify(bundles, null, 2));
  else printTable(bundles);
}
