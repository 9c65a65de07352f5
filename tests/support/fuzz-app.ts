/**
 * The whole portal in this process, from source (no build): every route module of app/routes,
 * found as the Remix compiler finds them (its flat-routes convention), under the root layout,
 * behind the portal's own Express stack (server/app.ts, the input guard among it). The fuzz suite sends it
 * raw addresses (percent-encoded NUL, ids past PostgreSQL's integer) over HTTP, so it sees what
 * a browser would: Express's and Remix's own parsing included.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js';
import * as root from '~/root';
import { projectDir } from '../../scripts/db/database';
import { portalApp } from '../../server/app';
import { testServerBuild, type BuildRoute } from './page-handler';

const APP_DIR = path.join(projectDir, 'app');
// As remix.config.js says.
const IGNORED_ROUTE_FILES = ['**/.*', '**/*.test.*'];

export interface RouteEntry {
  /** 'routes/admin.accounts.$id' */
  id: string;
  parentId?: string;
  /** Path pattern relative to its parent, e.g. ':id'. */
  path?: string;
  index?: boolean;
  /** The module's file under app/, e.g. 'routes/admin.accounts.$id/route.tsx'. */
  file: string;
  /** The full URL pattern, e.g. '/admin/accounts/:id'. */
  pattern: string;
}

/** Every route module of app/routes, as the compiler derives them. */
export function routeEntries(): RouteEntry[] {
  const manifest = flatRoutes(APP_DIR, IGNORED_ROUTE_FILES);
  const patternOf = (id: string): string => {
    const route = manifest[id];
    const own = route.path ?? '';
    const parent = route.parentId && route.parentId !== 'root' ? patternOf(route.parentId) : '';
    return `${parent}/${own}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  };
  return Object.values(manifest)
    .map((route) => ({ id: route.id, parentId: route.parentId, path: route.path, index: route.index, file: route.file, pattern: patternOf(route.id) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A route's module, loaded from source. */
export async function routeModule(entry: RouteEntry): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(APP_DIR, entry.file));
}

export interface FuzzApp {
  origin: string;
  close: () => Promise<void>;
}

/** Serves every route on a free loopback port. DATABASE_URL must name the test's database. */
export async function startFuzzApp(): Promise<FuzzApp> {
  const entries = routeEntries();
  const modules = await Promise.all(entries.map(routeModule));
  const routes: Record<string, BuildRoute> = {
    root: { id: 'root', path: '', module: root },
  };
  entries.forEach((entry, i) => {
    routes[entry.id] = { id: entry.id, parentId: entry.parentId ?? 'root', path: entry.path, index: entry.index, module: modules[i] };
  });
  const build = testServerBuild(routes);

  // The portal's own Express stack (server/app.ts), in front of these routes; no kept answers,
  // so every case reaches the routes.
  const app = portalApp({ build, buildVersion: 'fuzz', responses: null, mode: 'production' });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
