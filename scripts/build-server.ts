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

export async function buildServer() {
  await build({
    absWorkingDir: projectDir,
    entryPoints: ['server/index.ts'],
    outfile: SERVER_BUNDLE,
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
  console.log(`Server: ${SERVER_BUNDLE}`);
}
