/**
 * Where the chart scripts are: build/charts-manifest.json, written by scripts/build-if-changed.ts
 * beside the bundles it makes in public/build/charts/ (their names carry a content hash, so
 * they are cached for a year). Read once per process; root.tsx gives the page its bundle's URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART_BUNDLES, type ChartBundle } from './chart-spec';

export type ChartScripts = Record<ChartBundle, string>;

/** The manifest's path in the project (`build/` next to the server build). */
export const CHARTS_MANIFEST = path.join('build', 'charts-manifest.json');

/** The project's directory: the first one up with a package.json (from build/ or from app/). */
function projectDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

let scripts: ChartScripts | null | undefined;

/** The URL of each chart bundle, or null without a build (the pages then show their tables alone). */
export function chartScripts(): ChartScripts | null {
  if (scripts !== undefined) return scripts;
  const file = path.join(projectDir(), CHARTS_MANIFEST);
  const manifest = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ChartScripts>) : null;
  scripts = manifest && CHART_BUNDLES.every((bundle) => typeof manifest[bundle] === 'string') ? (manifest as ChartScripts) : null;
  if (!scripts) console.warn(`No chart scripts in ${file}: run \`npm run build\`; charts are not drawn until then.`);
  return scripts;
}

/**
 * The chart bundles' content hashes, for the pages' ETag beside the Remix build's version: the chart
 * scripts are built outside Remix, so a change to them alone does not change that version, and
 * a browser revalidating a page must not keep one that names a script the new build replaced.
 */
export function chartScriptsVersion(): string {
  const current = chartScripts();
  return current ? CHART_BUNDLES.map((bundle) => current[bundle].replace(/^.*-|\.js$/g, '')).join('-') : 'no-charts';
}
