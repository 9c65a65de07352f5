/** GET /api/v1/places/:state/overdue.csv: every overdue or declined report of the state's agencies, as the statewide page lists them. */
import { cachedOverdueReports } from '~/dashboards/statewide-overdue.server';
import { translator, type MessageKey } from '~/i18n/i18n';
import { csvLanguage } from '~/registry/agreements-export';
import { csvDownload } from './download.server';
import { apiError } from './http.server';
import { OVERDUE_COLUMNS, overdueRows } from './overdue-downloads';

/** ?lang=es for Spanish headers and labels; the file is new since release 0.2, so columns=legacy changes nothing. */
export async function overdueCsvResponse(request: Request, params: { state?: string }, version?: string | null): Promise<Response> {
  const url = new URL(request.url);
  const language = csvLanguage(url.searchParams);
  if (!language.ok) return apiError(400, language.message);
  const state = params.state ?? '';
  const data = /^[a-z]{2}$/i.test(state) ? await cachedOverdueReports(state, version) : null;
  if (!data) return apiError(404, `No state "${state}" in the registry.`);
  const t = translator(language.locale);
  const header = OVERDUE_COLUMNS.map((column) => t(`statewide.csv.overdue.${column}` as MessageKey));
  const fileName = `${data.stateCode.toLowerCase()}-${t('statewide.csv.overdue.fileName')}.csv`;
  return csvDownload(request, fileName, header, overdueRows(data.reports, language.locale, url.origin));
}
