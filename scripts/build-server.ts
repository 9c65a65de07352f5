/**
 * Bundles the server (server/index.ts and the app and scripts/db modules it imports) into
 * build/server.js, which `npm start` runs with plain `node`. Running the TypeScript sources
 * through tsx instead costs a loader thread with its own heap (about 140 MB of the server's
 * memory, measured) and time at every start. Packages stay external: node_modules are loaded
 * as they are.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { projectDir } from './db/database';

export const SERVER_BUNDLE = path.join('build', 'server.js');
/**
 * The worker thread that reads ICE's lists (app/registry/ice-list-reader.server.ts), beside the
 * server and Remix's build/index.js, where both look for it.
 */
export const ICE_LIST_WORKER = path.join('build', 'ice-list-worker.js');

export async function buildServer() {
  await bundle('server/index.ts', SERVER_BUNDLE);
  await bundle('app/registry/ice-list-worker.server.ts', ICE_LIST_WORKER);
  console.log(`Server: ${SERVER_BUNDLE}, ${ICE_LIST_WORKER}`);
}

async function bundle(entry: string, outfile: string) {
  await build({
    absWorkingDir: projectDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // `~/…` imports resolve through tsconfig.json's paths, as in the Remix build.
    tsconfig: 'tsconfig.json',
    sourcemap: true,
    logLevel: 'warning',
  });
}
