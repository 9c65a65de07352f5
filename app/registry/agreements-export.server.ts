import { hasDemoData } from '~/dashboards/demo-data.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import type { Db } from '~/db/prisma.server';
import { AGREEMENT_LEGACY, withLegacyKeys } from '~/open-data/columns';
import { apiError } from '~/open-data/http.server';
import { translator, type MessageKey } from '~/i18n/i18n';
import { parseAgreementQuery } from './agreements-api';
import { agreementsCsv, agreementsCsvFileName, csvLanguage } from './agreements-export';
import { latestListDate, listAgreements } from './registry-queries.server';

/**
 * The agreements list for the open-data endpoints: JSON or CSV, 400 for bad filters. The CSV
 * alone takes `lang=es` for Spanish headers and `columns=legacy` for the old camelCase header;
 * JSON keys never change with the language, and keep the old camelCase keys (agencyType,
 * signedOn) beside the snake_case ones for one release. Both say when the database holds
 * demonstration data (meta.demo; a demonstration_data column), as the other downloads do.
 */
/** The model's English name for the JSON (its keys and text never change with the language). */
const modelName = (model: string) => translator('en')(`model.${model}` as MessageKey);

export async function agreementsResponse(db: Db, request: Request, format: 'json' | 'csv', version?: string | null): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const language = format === 'csv' ? csvLanguage(params) : { ok: true as const, locale: 'en' as const, legacy: false, filters: params };
  if (!language.ok) {
    return apiError(400, language.message);
  }
  const query = parseAgreementQuery(language.filters);
  if (!query.ok) {
    return apiError(400, query.message);
  }
  // The body is the same for everyone until the registry changes: built once per data version.
  const legacy = format === 'csv' && language.legacy;
  const key = `agreements:${format}:${language.locale}:${legacy}:${JSON.stringify(query.filter)}`;
  const { body, asOf, demo } = await cachedByDataVersion(db, key, async (reader) => {
    const [data, asOf, demo] = await Promise.all([listAgreements(reader, query.filter), latestListDate(reader), hasDemoData(reader)]);
    const body =
      format === 'json'
        ? JSON.stringify({ data: data.map((row) => withLegacyKeys({ ...row, model_name: row.model ? modelName(row.model) : null }, AGREEMENT_LEGACY)), meta: { count: data.length, asOf, demo } })
        : agreementsCsv(data, language.locale, { demo, legacy });
    return { asOf, demo, body };
  }, version);
  const headers = { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' };
  if (format === 'json') {
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json' } });
  }
  return new Response(body, {
    headers: {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${agreementsCsvFileName(asOf, language.locale, demo)}"`,
      'Content-Language': language.locale,
    },
  });
}
