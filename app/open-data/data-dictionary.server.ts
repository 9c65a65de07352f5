/**
 * The data dictionary's downloads. Text follows ?lang= (en by default, so scripts get stable
 * output whatever their Accept-Language); keys, units and categories are codes in both.
 */
import { apiError } from './http.server';
import { translator, type MessageKey } from '~/i18n/i18n';
import { csvLanguage } from '~/registry/agreements-export';
import { METRIC_CATALOGUE_VERSION } from '~/reporting/metrics';
import { DICTIONARY_LEGACY, withLegacyKeys } from './columns';
import { dataDictionary, DICTIONARY_COLUMNS, dictionaryRecord, dictionaryRows } from './data-dictionary';
import { csvDownload, jsonDownload } from './download.server';

export async function dictionaryResponse(request: Request, format: 'json' | 'csv'): Promise<Response> {
  const language = csvLanguage(new URL(request.url).searchParams);
  if (!language.ok) return apiError(400, language.message);
  const entries = dataDictionary(language.locale);
  const t = translator(language.locale);
  if (format === 'json') {
    // snake_case keys, and the camelCase ones of before release 0.2 beside them for one release.
    const data = entries.map((entry) => withLegacyKeys(dictionaryRecord(entry), DICTIONARY_LEGACY));
    return jsonDownload(request, data, { source: t('dictionary.source', { version: METRIC_CATALOGUE_VERSION }), period: null, language: language.locale });
  }
  const header = DICTIONARY_COLUMNS.map((column) => t(`download.dictionary.${column}` as MessageKey));
  return csvDownload(request, `${t('download.dictionary.fileName')}.csv`, header, dictionaryRows(entries), { legacy: language.legacy ? DICTIONARY_LEGACY : undefined });
}
