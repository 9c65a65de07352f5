/**
 * The server's route matching, with this project's patch to @remix-run/router (patches/README.md:
 * ranked branches kept per route-tree shape, the winning branch per pathname). The server loads
 * the CommonJS build, the one patched, so this test loads it the same way.
 */
import { createRequire } from 'node:module';
import type * as RemixRouter from '@remix-run/router';
import { describe, expect, it } from 'vitest';

const { matchRoutes } = createRequire(import.meta.url)('@remix-run/router') as typeof RemixRouter;

type Route = RemixRouter.AgnosticRouteObject;
const childrenOf = (route: Route) => (route as RemixRouter.AgnosticNonIndexRouteObject).children!;

// Made anew for every call, as Remix does for each render.
function tree(extra: Route[] = []): Route[] {
  return [
    {
      id: 'root',
      path: '',
      children: [
        { id: 'index', index: true },
        { id: 'agency', path: 'agencies/:slug' },
        { id: 'report', path: 'agencies/:slug/reports/:filingId' },
        { id: 'places', path: 'places/:state/:slug?' },
        { id: 'search', path: 'search' },
        { id: 'Exact', path: 'Exact', caseSensitive: true },
        { id: 'admin', path: 'admin', children: [{ id: 'admin-index', index: true }, { id: 'admin-accounts', path: 'accounts/:id' }] },
        { id: 'pathless', children: [{ id: 'data', path: 'data' }] },
        ...extra,
        { id: 'files', path: 'files/*' },
      ],
    },
  ];
}

const summary = (routes: Route[], path: string) =>
  matchRoutes(routes, path)?.map((match) => ({ id: match.route.id, params: match.params, pathname: match.pathname })) ?? null;

const cases: [string, string[] | null, Record<string, string>?][] = [
  ['/', ['root', 'index']],
  ['/agencies/nc-gaston', ['root', 'agency'], { slug: 'nc-gaston' }],
  ['/agencies/nc-gaston/reports/12', ['root', 'report'], { slug: 'nc-gaston', filingId: '12' }],
  ['/places/nc', ['root', 'places'], { state: 'nc' }],
  ['/places/nc/gaston-county', ['root', 'places'], { state: 'nc', slug: 'gaston-county' }],
  ['/search/', ['root', 'search']],
  ['/SEARCH', ['root', 'search']],
  ['/Exact', ['root', 'Exact']],
  ['/exact', null],
  ['/admin', ['root', 'admin', 'admin-index']],
  ['/admin/accounts/7', ['root', 'admin', 'admin-accounts'], { id: '7' }],
  ['/data', ['root', 'pathless', 'data']],
  ['/files/a/b.csv', ['root', 'files'], { '*': 'a/b.csv' }],
  ['/agencies/caf%C3%A9', ['root', 'agency'], { slug: 'café' }],
  ['/nowhere', null],
];

describe('route matching (patched @remix-run/router)', () => {
  it('matches each path to the routes and params React Router defines, on first and repeated calls', () => {
    for (let round = 0; round < 3; round++) {
      for (const [path, ids, params] of cases) {
        const result = summary(tree(), path);
        if (ids === null) {
          expect(result, path).toBeNull();
          continue;
        }
        expect(result?.map((match) => match.id), path).toEqual(ids);
        if (params) expect(result?.at(-1)?.params, path).toEqual(params);
      }
    }
  });

  it('returns the route objects of the tree it was given, not those of an earlier tree of the same shape', () => {
    const first = tree();
    const second = tree();
    matchRoutes(first, '/agencies/a');
    const matches = matchRoutes(second, '/agencies/a')!;
    expect(matches[0].route).toBe(second[0]);
    expect(matches[1].route).toBe(childrenOf(second[0])[1]);
    // The same array again, after the other one.
    expect(matchRoutes(first, '/agencies/a')![1].route).toBe(childrenOf(first[0])[1]);
  });

  it('tells trees of different shapes apart', () => {
    const extra: Route[] = [{ id: 'about', path: 'about' }];
    expect(summary(tree(), '/about')).toBeNull();
    expect(summary(tree(extra), '/about')?.map((match) => match.id)).toEqual(['root', 'about']);
    expect(summary(tree(), '/about')).toBeNull();
    // Same paths, one route index instead: a different shape, a different answer.
    const indexed = tree();
    childrenOf(indexed[0])[1] = { id: 'agency-index', index: true };
    expect(summary(indexed, '/')?.map((match) => match.id)).toEqual(['root', 'index']);
    expect(summary(indexed, '/agencies/x')).toBeNull();
  });

  it('keeps answering correctly when more distinct pathnames arrive than it remembers', () => {
    const routes = tree();
    for (let i = 0; i < 2_500; i++) expect(matchRoutes(routes, `/agencies/a-${i}`)![1].params.slug).toBe(`a-${i}`);
    expect(matchRoutes(routes, '/agencies/a-3')![1].params.slug).toBe('a-3');
  });
});
