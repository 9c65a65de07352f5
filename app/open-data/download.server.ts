/**
 * Public downloads in one shape, so every figure on a public page can be taken away the same
 * way: JSON as { data, meta } and CSV with a header row, both with caching headers (ETag from
 * the body, revalidated on every use) and, while the database holds demo data, labelled as
 * demonstration data (meta.demo and a `demonstration_data` column), never passed off as real.
 */
import { prisma } from '~/db/prisma.server';
import { publicSuppressionThreshold } from '~/dashboards/suppression.server';
import { hasDemoData } from '~/dashboards/demo-data.server';
import { csvFile, type CsvCell } from '~/utils/csv-file';
import { legacyHeader } from './columns';
import { CORS, apiError, publicDataResponse } from './http.server';
import { documentColumns, snakeDocument, withSnakeKeysBeside } from './json-keys';

export interface DownloadMeta {
  /** Where the figures come from, in a sentence. */
  source: string;
  /** The periods covered, e.g. "2024-Q1 to 2026-Q3", or null when not about periods. */
  period?: string | null;
  [extra: string]: unknown;
}


/**
 * A JSON download. meta keeps its camelCase keys with the snake_case ones beside them (json-keys.ts);
 * `legacy`: meta exactly as before release 0.2, for the old documents of `?columns=legacy`.
 */
export async function jsonDownload(request: Request, data: unknown, meta: DownloadMeta, { legacy = false }: { legacy?: boolean } = {}): Promise<Response> {
  const demo = await hasDemoData(prisma());
  const full = {
    ...meta,
    demo,
    ...(demo ? { notice: 'Demonstration data: the reports and policies are made up; the registry of agreements comes from ICE’s real lists.' } : {}),
    suppressionThreshold: publicSuppressionThreshold(),
  };
  const body = JSON.stringify({ data, meta: legacy ? full : withSnakeKeysBeside(full) });
  return publicDataResponse(request, body, { 'Content-Type': 'application/json; charset=utf-8', Vary: 'Accept-Language, Cookie', ...CORS });
}

/**
 * A nested JSON document (a place's, an agency's, a report's…), built with camelCase keys and
 * decimal strings as the pages read it: given with snake_case keys and figures as numbers
 * (json-keys.ts), or with `?columns=legacy` exactly as before release 0.2 (with `legacyMeta`,
 * whose notes name the old keys), for one release. Another `columns` answers 400.
 */
export async function documentDownload(request: Request, document: unknown, meta: DownloadMeta, legacyMeta: DownloadMeta = meta): Promise<Response> {
  const columns = documentColumns(new URL(request.url).searchParams);
  if (!columns.ok) return apiError(400, columns.message);
  if (columns.legacy) return jsonDownload(request, document, legacyMeta, { legacy: true });
  return jsonDownload(request, snakeDocument(document), meta);
}

/**
 * A CSV download: a UTF-8 BOM so Excel reads accents, CRLF line ends, the header row first.
 * Cells: null as empty (the header or a status column says why), text a spreadsheet would run
 * as a formula with a leading apostrophe (csvFile), the rest as it is.
 */
export async function csvDownload(
  request: Request,
  fileName: string,
  header: string[],
  rows: CsvCell[][],
  /** For `?columns=legacy`: the file's renamed columns, new name → old name (columns.ts); the header given is the English one. */
  { legacy }: { legacy?: Readonly<Record<string, string>> } = {},
): Promise<Response> {
  const demo = await hasDemoData(prisma());
  const names = legacy ? legacyHeader(header, legacy) : header;
  const table = demo ? [['demonstration_data', ...names], ...rows.map((row) => ['yes', ...row])] : [names, ...rows];
  const body = csvFile(table);
  const name = demo ? fileName.replace(/\.csv$/, '-demonstration.csv') : fileName;
  return publicDataResponse(request, body, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
    Vary: 'Accept-Language, Cookie',
    ...CORS,
  });
}
