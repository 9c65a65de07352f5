import { stringify } from 'csv-stringify/sync';
import type { Db } from '~/db/prisma.server';
import { parseAgreementQuery } from './agreements-api';
import { latestListDate, listAgreements } from './registry-queries.server';

export const AGREEMENT_COLUMNS = ['id', 'agency', 'agencyType', 'state', 'county', 'model', 'status', 'signedOn'] as const;

/** The agreements list for the open-data endpoints: JSON or CSV, 400 for bad filters. */
export async function agreementsResponse(db: Db, request: Request, format: 'json' | 'csv'): Promise<Response> {
  const query = parseAgreementQuery(new URL(request.url).searchParams);
  if (!query.ok) {
    return Response.json({ error: { status: 400, message: query.message } }, { status: 400 });
  }
  const [data, asOf] = await Promise.all([listAgreements(db, query.filter), latestListDate(db)]);
  const headers = { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' };
  if (format === 'json') {
    return Response.json({ data, meta: { count: data.length, asOf } }, { headers });
  }
  const csv = stringify(data, { header: true, columns: [...AGREEMENT_COLUMNS] });
  return new Response(csv, {
    headers: {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="287g-agreements${asOf ? `-${asOf}` : ''}.csv"`,
    },
  });
}
