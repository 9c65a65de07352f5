import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import type { Db } from '~/db/prisma.server';
import { apiError } from '~/open-data/http.server';
import { parseAgreementQuery } from './agreements-api';
import { agreementsCsv, agreementsCsvFileName, csvLanguage } from './agreements-export';
import { latestListDate, listAgreements } from './registry-queries.server';

/**
 * The agreements list for the open-data endpoints: JSON or CSV, 400 for bad filters. The CSV
 * alone takes `lang=es` for Spanish headers; JSON keys never change.
 */
export async function agreementsResponse(db: Db, request: Request, format: 'json' | 'csv', version?: string | null): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const language = format === 'csv' ? csvLanguage(params) : { ok: true as const, locale: 'en' as const, filters: params };
  if (!language.ok) {
    return apiError(400, language.message);
  }
  const query = parseAgreementQuery(language.filters);
  if (!query.ok) {
    return apiError(400, query.message);
  }
  // The body is the same for everyone until the registry changes: built once per data version.
  const key = `agreements:${format}:${language.locale}:${JSON.stringify(query.filter)}`;
  const { body, asOf } = await cachedByDataVersion(db, key, async (reader) => {
    const [data, asOf] = await Promise.all([listAgreements(reader, query.filter), latestListDate(reader)]);
    return { asOf, body: format === 'json' ? JSON.stringify({ data, meta: { count: data.length, asOf } }) : agreementsCsv(data, language.locale) };
  }, version);
  const headers = { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' };
  if (format === 'json') {
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
  }
  return new Response(body, {
    headers: {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${agreementsCsvFileName(asOf, language.locale)}"`,
      'Content-Language': language.locale,
    },
  });
}
