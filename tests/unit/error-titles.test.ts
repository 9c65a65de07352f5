/**
 * A page whose loader failed takes the error page's <title>: a filer opening another agency's
 * report reads "You do not have access to this page", not the report's own title (issue #13).
 * Checked for every page route that has a meta, so a new route cannot forget it.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UNSAFE_ErrorResponseImpl as ErrorResponse } from '@remix-run/router';
import type { MetaFunction } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

const ROUTES = path.resolve(__dirname, '../../app/routes');
const routeFiles = readdirSync(ROUTES)
  .map((name) => (statSync(path.join(ROUTES, name)).isDirectory() ? path.join(name, 'route.tsx') : name))
  .filter((name) => name.endsWith('.tsx'))
  .filter((name) => readFileSync(path.join(ROUTES, name), 'utf8').includes('export const meta'));

type MetaArgs = Parameters<MetaFunction>[0];
const argsFor = (locale: 'en' | 'es', error: unknown) =>
  ({ data: undefined, error, params: {}, location: { pathname: '/x', search: '', hash: '', state: null, key: 'k' }, matches: [{ id: 'root', data: { locale } }] }) as unknown as MetaArgs;
const titleOf = (meta: MetaFunction, args: MetaArgs) => (meta(args) as { title?: string }[]).find((tag) => tag.title)?.title;

describe('error pages carry their own title on every page route', () => {
  it('finds the page routes', () => expect(routeFiles.length).toBeGreaterThan(30));

  it.each(routeFiles)('%s', async (file) => {
    const route = (await import(path.join(ROUTES, file))) as { meta: MetaFunction };
    expect(titleOf(route.meta, argsFor('en', new ErrorResponse(403, 'Forbidden', null)))).toBe('You do not have access to this page · Oversight Portal');
    expect(titleOf(route.meta, argsFor('es', new ErrorResponse(404, 'Not Found', null)))).toBe('No se encontró la página · Portal de Supervisión');
  });
});
