/**
 * The server's static router, with this project's patch to react-router-dom (patches/README.md:
 * data routes made once per route array, not once per render). Two renders of one route array
 * for different addresses must each show their own page and data; another array its own routes.
 * Loaded as the server loads it: the CommonJS build, the one patched.
 */
import { createRequire } from 'node:module';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type * as RouterDomServer from 'react-router-dom/server';
import type * as RouterDom from 'react-router-dom';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { createStaticHandler, createStaticRouter, StaticRouterProvider } = require('react-router-dom/server') as typeof RouterDomServer;
const { Outlet, useLoaderData, useParams } = require('react-router-dom') as typeof RouterDom;

function Page({ name }: { name: string }) {
  const data = useLoaderData() as { value: string };
  const params = useParams();
  return createElement('p', null, `${name}:${data.value}:${params.slug ?? '-'}`);
}

function routes(label: string): RouterDom.RouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      element: createElement('main', null, createElement(Outlet)),
      children: [
        { id: 'home', index: true, loader: () => ({ value: `${label}-home` }), element: createElement(Page, { name: 'home' }) },
        { id: 'agency', path: 'agencies/:slug', loader: ({ params }) => ({ value: `${label}-${params.slug}` }), element: createElement(Page, { name: 'agency' }) },
      ],
    },
  ];
}

async function render(tree: RouterDom.RouteObject[], path: string) {
  const context = await createStaticHandler(tree).query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error('unexpected redirect');
  const router = createStaticRouter(tree, context);
  return { router, html: renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })) };
}

describe('createStaticRouter', () => {
  it('renders each request of one route array with its own page, params and loader data', async () => {
    const tree = routes('a');
    const first = await render(tree, '/agencies/gaston');
    const second = await render(tree, '/');
    const third = await render(tree, '/agencies/wake');
    expect(first.html).toContain('agency:a-gaston:gaston');
    expect(second.html).toContain('home:a-home:-');
    expect(third.html).toContain('agency:a-wake:wake');
    expect(second.html).not.toContain('gaston');
    // Made once for the array: the same data routes for every render of it.
    expect(second.router.routes).toBe(first.router.routes);
    expect(third.router.state.matches.map((match) => match.route.id)).toEqual(['root', 'agency']);
    expect(third.router.state.matches[1]!.route).toBe(first.router.routes[0]!.children![1]);
  });

  it('makes another array its own data routes', async () => {
    const one = await render(routes('one'), '/agencies/x');
    const other = await render(routes('two'), '/agencies/x');
    expect(other.router.routes).not.toBe(one.router.routes);
    expect(one.html).toContain('agency:one-x:x');
    expect(other.html).toContain('agency:two-x:x');
  });
});
