/**
 * The OpenAPI 3.1 description of the portal's API, served at /api/v1/openapi.json. Written by
 * hand beside docs/api.md; tests/integration/api-docs.test.ts fails when an API route is missing
 * here or in the docs, and runs every example of the docs against a real portal.
 */
const text = (description: string, type = 'text/csv') => ({ description, content: { [type]: { schema: { type: 'string' } } } });
const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: {}, meta: { type: 'object' } } } } },
});
const notFound = { description: 'No such place, agency or feed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const badRequest = { description: 'An unknown filter or value; the message says what is allowed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const param = (name: string, description: string, example: string, where: 'path' | 'query' = 'path') => ({
  name,
  in: where,
  required: where === 'path',
  description,
  schema: { type: 'string' },
  example,
});
const STATE = param('state', 'Two-letter state code, lower case.', 'nc');
const COUNTY = param('county', 'The county’s slug, as in its page’s address.', 'gaston-county');
const AGENCY = param('slug', 'The agency’s slug, as in its page’s address.', 'nc-gaston-county-sheriffs-office');
const LANG = param('lang', '`es` for Spanish CSV headers and text (default English).', 'es', 'query');
/** The old camelCase header for one release (docs/api.md "Column names"); changes only the files whose columns were renamed. */
const LEGACY = { ...param('columns', 'Deprecated, for one release: `legacy` gives the camelCase header used before release 0.2 (agreements, counties, timeline, filings, metrics). Not with lang.', 'legacy', 'query'), deprecated: true };
/** The same for the nested JSON documents: `legacy` gives the whole document as before release 0.2 (camelCase keys, figures as decimal strings). */
const LEGACY_DOCUMENT = {
  ...param('columns', 'Deprecated, for one release: `legacy` gives the document as before release 0.2: camelCase keys, figures as decimal strings.', 'legacy', 'query'),
  deprecated: true,
};
const RANGE = [param('from', 'First period key included, e.g. 2025-Q1.', '2025-Q1', 'query'), param('to', 'Last period key included.', '2026-Q3', 'query')];
const METRIC = param('metric', 'A metric key of the data dictionary (not a breakdown cell).', 'gross_cost', 'query');

const get = (summary: string, responses: Record<string, unknown>, parameters: unknown[] = []) => ({ get: { summary, parameters, responses } });

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Oversight Portal API',
    version: '1',
    description:
      'Open data on 287(g) agreements and the reports local policy requires of the agencies that take part, and filing by agencies’ own systems. Read-only endpoints need no key and allow any origin. Downloads carry an ETag and Cache-Control: no-cache; while the database holds demonstration data, JSON says meta.demo=true and CSV files have a demonstration_data column. Every column and key is snake_case and listed in the data dictionary (/data); the camelCase names used before release 0.2 are deprecated aliases for one release (tabular JSON keeps them beside the new keys; CSV and the nested JSON documents of places, agencies, reports and ICE lists give them with columns=legacy). The nested documents give figures as JSON numbers; keys that are data (metric keys, period keys, models, header names) keep their form. See docs/api.md.',
    license: { name: 'AGPL-3.0-or-later' },
  },
  paths: {
    '/api/v1/agreements': get('287(g) agreements in the registry', { 200: json('Agreements (snake_case keys; agencyType and signedOn are deprecated aliases) and meta.count, meta.asOf, meta.demo'), 400: badRequest }, [
      param('state', 'Two-letter code.', 'NC', 'query'),
      param('status', 'active, pending or ended.', 'active', 'query'),
      param('model', 'jem, wso or tfm.', 'wso', 'query'),
    ]),
    '/api/v1/agreements.csv': get('The same agreements as CSV', { 200: text('CSV'), 400: badRequest }, [param('state', 'Two-letter code.', 'NC', 'query'), LANG, LEGACY]),
    '/api/v1/audit-log': get('The hash-chained audit log, in chain order', { 200: json('Entries and meta.count, meta.head') }),
    '/api/v1/me': get('Which agency an API token acts for', { 200: json('The agency'), 401: { description: 'No token, or an unknown or revoked one.' } }),
    '/api/v1/filings': {
      post: {
        summary: 'Submit one report for one period (agency API token)',
        security: [{ agencyToken: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['requirementId', 'periodKey', 'values', 'certification'] } } } },
        responses: {
          201: json('The filing, revision and period'),
          400: badRequest,
          401: { description: 'No token, or an unknown or revoked one.' },
          403: { description: 'Not a requirement of the token’s agency.' },
          409: { description: 'No report is expected for that period.' },
          413: { description: 'A body over 256 KB.' },
          422: { description: 'The report is refused; issues name the fields.' },
        },
      },
    },
    '/api/v1/metrics': get('The data dictionary', { 200: json('One entry per metric'), 400: badRequest }, [LANG]),
    '/api/v1/metrics.csv': get('The data dictionary as CSV', { 200: text('CSV'), 400: badRequest }, [LANG, LEGACY]),
    '/api/v1/places/{state}': get('Statewide overview: agreements by county, totals by model, the timeline, the latest reports', { 200: json('The overview (snake_case keys)'), 400: badRequest, 404: notFound }, [STATE, LEGACY_DOCUMENT]),
    '/api/v1/places/{state}/counties.csv': get('Agreements per county (the map’s table)', { 200: text('CSV'), 404: notFound }, [STATE, LANG, LEGACY]),
    '/api/v1/places/{state}/timeline.csv': get('Active agreements month by month', { 200: text('CSV'), 404: notFound }, [STATE, LANG, LEGACY]),
    '/api/v1/places/{state}/filings.csv': get('The latest reports and amendments', { 200: text('CSV'), 404: notFound }, [STATE, LANG, LEGACY]),
    '/api/v1/places/{state}/overdue.csv': get('Every overdue or declined report of the state’s agencies, most overdue first (the statewide page shows the first 50)', { 200: text('CSV'), 400: badRequest, 404: notFound }, [STATE, LANG]),
    '/api/v1/places/{state}/{county}': get('A county’s dashboard: figures summed across its agencies, coverage, compliance', { 200: json('The dashboard (snake_case keys, figures as JSON numbers)'), 400: badRequest, 404: notFound }, [STATE, COUNTY, ...RANGE, LEGACY_DOCUMENT]),
    '/api/v1/places/{state}/{county}/figures.csv': get('A county’s figures period by period', { 200: text('CSV'), 404: notFound }, [STATE, COUNTY, LANG]),
    '/api/v1/places/{state}/{county}/compliance.csv': get('The reporting record of a county’s agencies', { 200: text('CSV'), 404: notFound }, [STATE, COUNTY, LANG]),
    '/api/v1/compare': get('One metric compared across counties', { 200: json('Each county’s total and per resident, as JSON numbers; status reported, not_reported or no_requirement; the camelCase keys are deprecated aliases'), 400: badRequest }, [METRIC, ...RANGE]),
    '/api/v1/compare.csv': get('The comparison as CSV', { 200: text('CSV'), 400: badRequest }, [METRIC, ...RANGE, LANG]),
    '/api/v1/figures.csv': get(
      'Every counted figure of every agency, a row per agency, period and metric (the agency files’ columns with the agency’s name and state); streamed, hundreds of MB nationally',
      { 200: text('CSV'), 400: badRequest, 503: { description: 'Too many of these downloads at once, or the database does not answer: try again later (Retry-After).' } },
      [LANG],
    ),
    '/api/v1/agencies/{slug}': get('An agency’s dashboard: figures, breakdowns (small counts suppressed), compliance, sources', { 200: json('The dashboard (snake_case keys, figures as JSON numbers)'), 400: badRequest, 404: notFound }, [AGENCY, LEGACY_DOCUMENT]),
    '/api/v1/agencies/{slug}/figures.csv': get('An agency’s figures period by period', { 200: text('CSV'), 404: notFound }, [AGENCY, LANG]),
    '/api/v1/agencies/{slug}/breakdowns.csv': get('People transferred to ICE by breakdown, small counts suppressed', { 200: text('CSV'), 404: notFound }, [AGENCY, LANG]),
    '/api/v1/agencies/{slug}/compliance.csv': get('An agency’s reporting record', { 200: text('CSV'), 404: notFound }, [AGENCY, LANG]),
    '/api/v1/agencies/{slug}/history': get('The agency’s agreements with their sources, and one history line per event', { 200: json('Agreements, sources and history (snake_case keys)'), 400: badRequest, 404: notFound }, [AGENCY, LEGACY_DOCUMENT]),
    '/api/v1/agencies/{slug}/reports/{filingId}': get('One report’s submitted revisions, certifications and figures', { 200: json('The revision history (snake_case keys, figures as JSON numbers)'), 400: badRequest, 404: notFound }, [AGENCY, param('filingId', 'The report’s id.', '2'), LEGACY_DOCUMENT]),
    '/api/v1/agencies/{slug}/reports/{filingId}/revisions.csv': get('One report’s revisions as CSV, a row per revision and figure', { 200: text('CSV'), 404: notFound }, [AGENCY, param('filingId', 'The report’s id.', '2'), LANG]),
    '/api/v1/ice-lists': get('Every ICE list the portal fetched, as received: time, address, HTTP status and headers, size, SHA-256, and whether it was imported', {
      200: json('One entry per file, newest first (snake_case keys), and meta.count'),
      400: badRequest,
    }, [LEGACY_DOCUMENT]),
    '/data/ice-lists/{id}': get(
      'One fetched ICE list, byte for byte (ETag: its SHA-256)',
      { 200: text('The file as fetched (XLSX)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 404: notFound },
      [param('id', 'The file’s id in /api/v1/ice-lists.', '1')],
    ),
    '/api/v1/openapi.json': get('This description', { 200: json('OpenAPI 3.1') }),
    '/feeds/{file}': get('Atom feed of reports, amendments and registry changes statewide (file: nc.atom)', { 200: text('Atom', 'application/atom+xml'), 404: notFound }, [param('file', 'The state’s feed.', 'nc.atom')]),
    '/feeds/{state}/{file}': get('Atom feed for one county', { 200: text('Atom', 'application/atom+xml'), 404: notFound }, [STATE, param('file', 'The county’s feed.', 'gaston-county.atom')]),
    '/geo/nc-counties.json': get('North Carolina’s county shapes (GeoJSON, feature id = FIPS)', { 200: text('GeoJSON', 'application/geo+json') }),
    '/healthz': get('Health check', { 200: json('Database reachable'), 503: { description: 'Database unreachable.' } }),
  },
  components: {
    securitySchemes: { agencyToken: { type: 'http', scheme: 'bearer', description: 'An agency API token (opt_…), created by the agency head.' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['status', 'message'], properties: { status: { type: 'integer' }, message: { type: 'string' }, issues: { type: 'array' } } } },
      },
    },
  },
} as const;
