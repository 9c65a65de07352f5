/**
 * Whole pages as a browser gets them, rendered in-process by Remix's request handler (root
 * layout, loaders, meta, headers, entry.server) from the route modules a test names, without a
 * build. Route ids and paths are given as the Remix compiler would derive them.
 */
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import * as entryServer from '~/entry.server';
import * as root from '~/root';

export interface TestRoute {
  /** URL path pattern, e.g. 'agencies/:slug'; omit for the index route. */
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

export type BuildRoute = { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> };

/** A request handler for the root layout plus these routes, keyed by route id ('routes/compare'). */
export function testRequestHandler(pages: Record<string, TestRoute>) {
  const routes: Record<string, BuildRoute> = {
    root: { id: 'root', path: '', module: root },
    ...Object.fromEntries(Object.entries(pages).map(([id, route]) => [id, { id, parentId: 'root', ...route }])),
  };
  return createRequestHandler(testServerBuild(routes), 'production');
}

/** A server build of these route modules (the root among them), as the compiler would make it. */
export function testServerBuild(routes: Record<string, BuildRoute>): ServerBuild {
  return {
    mode: 'production',
    entry: { module: entryServer },
    routes,
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: Object.fromEntries(
        Object.values(routes).map((route) => [
          route.id,
          {
            id: route.id,
            parentId: route.parentId,
            path: route.path,
            index: route.index,
            module: `/build/${route.id}.js`,
            hasLoader: 'loader' in route.module,
            hasAction: 'action' in route.module,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: 'ErrorBoundary' in route.module,
          },
        ]),
      ),
      url: '/build/manifest-test.js',
      version: 'test',
    },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  } as unknown as ServerBuild;
}
