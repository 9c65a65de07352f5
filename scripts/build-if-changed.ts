/**
 * `npm start` runs this before the server: it builds (`remix build`, the chart scripts, the
 * server bundle: scripts/build-server.ts) only when what the build is made of changed since
 * the last build (a fresh clone, a pull, an edit). The fingerprint is a
 * hash of the sources' paths and contents, not their times, so a checkout that touches every
 * file does not force a rebuild and an edit within the same second is not missed.
 * `npm run build` passes --force: it always builds, and stamps the result.
 *
 * After Remix (which empties public/build), it bundles the chart scripts with esbuild, outside
 * the Remix build: chart pages do not hydrate, they load one self-contained script each (Chart.js
 * and the page's charts, no React, no further chunk). Their names carry a content hash;
 * build/charts-manifest.json says which is which, for the server (chart-scripts.server.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { ChartBundle } from '../app/components/charts/chart-spec';
import { CHARTS_MANIFEST, type ChartScripts } from '../app/components/charts/chart-scripts.server';
import { buildServer, ICE_LIST_WORKER, SERVER_BUNDLE } from './build-server';
import { projectDir } from './db/database';

/** What the build reads: the app (with the generated Prisma client), its config and its dependencies. */
const INPUTS = ['app', 'server', 'scripts', 'seeds', 'remix.config.js', 'tsconfig.json', 'package-lock.json', 'public', 'patches'];
const SKIP = new Set([path.join('public', 'build')]);
const STAMP = path.join(projectDir, 'build', '.sources-sha256');

function* files(relative: string): Generator<string> {
  if (SKIP.has(relative)) return;
  const absolute = path.join(projectDir, relative);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    yield relative;
    return;
  }
  for (const name of fs.readdirSync(absolute).sort()) yield* files(path.join(relative, name));
}

export function sourcesFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(`${file}\0`).update(fs.readFileSync(path.join(projectDir, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Each chart bundle's entry: series charts only, or with the map (chartjs-chart-geo). */
const CHART_ENTRIES: Record<ChartBundle, string> = {
  series: 'app/components/charts/charts-series.client.ts',
  map: 'app/components/charts/charts-map.client.ts',
};
const CHARTS_DIR = path.join('public', 'build', 'charts');

/** The chart scripts, minified ES modules as Remix's browser build makes (esbuild, no target: esnext). */
async function buildChartScripts() {
  fs.rmSync(path.join(projectDir, CHARTS_DIR), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: CHART_ENTRIES,
    outdir: CHARTS_DIR,
    entryNames: '[name]-[hash]',
    bundle: true,
    // One file per page: no shared chunks, nothing loaded after the script itself.
    splitting: false,
    format: 'esm',
    platform: 'browser',
    target: 'esnext',
    mainFields: ['browser', 'module', 'main'],
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  const scripts = Object.fromEntries(
    Object.entries(result.metafile.outputs).flatMap(([output, meta]) => {
      const bundle = (Object.keys(CHART_ENTRIES) as ChartBundle[]).find((name) => meta.entryPoint === CHART_ENTRIES[name]);
      return bundle ? [[bundle, `/build/${path.relative(path.join('public', 'build'), output).split(path.sep).join('/')}`]] : [];
    }),
  ) as ChartScripts;
  fs.writeFileSync(path.join(projectDir, CHARTS_MANIFEST), `${JSON.stringify(scripts, null, 2)}\n`);
  for (const [bundle, url] of Object.entries(scripts)) console.log(`Chart script (${bundle}): ${url}`);
}

const fingerprint = sourcesFingerprint();
const built = ['build/index.js', 'public/build', CHARTS_MANIFEST, SERVER_BUNDLE, ICE_LIST_WORKER].every((file) => fs.existsSync(path.join(projectDir, file)));
const force = process.argv.includes('--force');
if (!force && built && fs.readFileSync(STAMP, { encoding: 'utf8', flag: 'a+' }).trim() === fingerprint) {
  console.log('The build is up to date with the sources: not rebuilding.');
} else {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['remix', 'build'], { cwd: projectDir, stdio: 'inherit' });
  await buildChartScripts();
  await buildServer();
  fs.writeFileSync(STAMP, `${fingerprint}\n`);
}
