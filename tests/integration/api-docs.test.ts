/**
 * docs/api.md and the OpenAPI description stay true to the code: every API route is in both,
 * and every example in the docs runs against a real portal (the built app on a demo database
 * with demonstration reports) and answers as documented: the status, and the documented JSON's
 * keys present in the answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '~/auth/api-tokens.server';
import { OPENAPI } from '~/open-data/openapi';
import { projectDir } from '../../scripts/db/database';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

const DOCS = fs.readFileSync(path.join(projectDir, 'docs', 'api.md'), 'utf8');

/** app/routes/api.v1.places.$state.$county.figures[.csv].ts → /api/v1/places/{state}/{county}/figures.csv */
function routePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, '')
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== '_index');
  return `/${segments.map((segment) => segment.replace(/^\$(\w+)/, '{$1}').replace(/\[(\.\w+)\]/, '$1')).join('/')}`;
}

const API_ROUTES = fs
  .readdirSync(path.join(projectDir, 'app', 'routes'))
  .filter((file) => file.startsWith('api.v1.') || file.startsWith('feeds.'))
  .map(routePath);

interface Example {
  section: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  /** The ```json block that follows the example in its section, if any. */
  documented: unknown;
}

/** Shell words of a curl command: single and double quotes, backslash-newline continuations. */
function words(command: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of command.replace(/\\\n/g, ' ').matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3]);
  return out;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const section of DOCS.split(/^## /m).slice(1)) {
    const title = section.split('\n')[0];
    const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
    blocks.forEach(([, lang, code], i) => {
      if (lang !== 'sh') return;
      const next = blocks[i + 1];
      const documented = next && next[1] === 'json' ? JSON.parse(next[2]) : null;
      for (const command of code.split(/\n(?=curl )/)) {
        const argv = words(command.trim());
        if (argv[0] !== 'curl') continue;
        const example: Example = { section: title, method: 'GET', url: '', headers: {}, body: null, documented };
        for (let k = 1; k < argv.length; k++) {
          if (argv[k] === '-X') example.method = argv[++k];
          else if (argv[k] === '-H') {
            const [name, ...value] = argv[++k].split(':');
            example.headers[name.trim()] = value.join(':').trim();
          } else if (argv[k] === '-d') example.body = argv[++k];
          else if (argv[k].startsWith('http')) example.url = argv[k];
        }
        found.push(example);
      }
    });
  }
  return found;
}

/** Every key of the documented JSON is in the answer (first element of arrays; values differ). */
function missingKeys(documented: unknown, actual: unknown, at = ''): string[] {
  if (Array.isArray(documented)) {
    if (documented.length === 0) return [];
    if (!Array.isArray(actual) || actual.length === 0) return [`${at}[] (empty or not a list)`];
    return missingKeys(documented[0], actual[0], `${at}[0]`);
  }
  if (documented && typeof documented === 'object') {
    if (!actual || typeof actual !== 'object') return [`${at} (not an object)`];
    return Object.entries(documented).flatMap(([key, value]) => (key in actual ? missingKeys(value, (actual as Record<string, unknown>)[key], `${at}.${key}`) : [`${at}.${key}`]));
  }
  return [];
}

describe('every API route is documented', () => {
  it('in the OpenAPI description', () => {
    expect(API_ROUTES.filter((route) => !(route in OPENAPI.paths))).toEqual([]);
  });

  it('in docs/api.md, with an example', () => {
    const documented = new Set(examples().map((example) => new URL(example.url).pathname));
    const templates = API_ROUTES.map((route) => new RegExp(`^${route.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`));
    const undocumented = API_ROUTES.filter((route, i) => ![...documented].some((pathname) => templates[i].test(pathname)));
    expect(undocumented).toEqual([]);
  });
});

describe('the examples in docs/api.md', () => {
  let db: TestDatabase;
  let portal: PortalProcess;
  const substitutions: [string, string][] = [];

  beforeAll(async () => {
    db = await createDemoDatabase();
    const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
    const head = await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } });
    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } });
    const { token } = await createApiToken(db.prisma, { agencyId: gaston.id, name: 'docs', createdById: head.id });
    // The docs show a token and ids as placeholders; the test fills in real ones.
    const cabarrusReport = await db.prisma.filing.findFirstOrThrow({
      where: { agency: { slug: 'nc-cabarrus-county-sheriffs-office' }, revisions: { some: {} } },
      orderBy: { id: 'asc' },
    });
    substitutions.push(['opt_…', token], ['"requirementId": 12', `"requirementId": ${requirement.id}`], ['/reports/2', `/reports/${cabarrusReport.id}`]);
    portal = await startPortalProcess(db.url);
  }, 180_000);
  afterAll(async () => {
    await portal?.stop();
    await db?.drop();
  });

  it('there are examples', () => {
    expect(examples().length).toBeGreaterThan(10);
  });

  for (const example of examples()) {
    it(`${example.method} ${new URL(example.url).pathname}${new URL(example.url).search}`, async () => {
      const fill = (text: string) => substitutions.reduce((out, [from, to]) => out.split(from).join(to), text);
      const url = new URL(fill(example.url));
      const response = await fetch(`${portal.origin}${url.pathname}${url.search}`, {
        method: example.method,
        headers: Object.fromEntries(Object.entries(example.headers).map(([name, value]) => [name, fill(value)])),
        body: example.body === null ? undefined : fill(example.body),
      });
      const text = await response.text();
      expect(response.status, `${example.section}: ${text.slice(0, 500)}`).toBeLessThan(300);
      if (example.documented !== null) {
        expect(missingKeys(example.documented, JSON.parse(text)), example.section).toEqual([]);
      }
    });
  }
});
