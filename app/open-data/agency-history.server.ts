/**
 * The agency's registry history as open data: its agreements with every source they rest on
 * (ICE lists, MOAs, other public sources) and the lineage, one line per event (lineage.ts) —
 * the same lines the agency page shows.
 */
import { apiError } from './http.server';
import { prisma } from '~/db/prisma.server';
import { agencyDetail } from '~/registry/registry-queries.server';
import { jsonDownload } from './download.server';

export async function agencyHistoryResponse(request: Request, slug: string): Promise<Response> {
  const agency = await agencyDetail(prisma(), slug);
  if (!agency) {
    return apiError(404, 'No agency with that address.');
  }
  const origin = new URL(request.url).origin;
  const data = {
    agency: { slug: agency.slug, name: agency.name, kind: agency.kind, place: agency.place },
    agreements: agency.agreements.map(({ events: _events, sources, ...agreement }) => ({
      ...agreement,
      sources: sources.map((source) => ({ ...source, document: source.documentId ? `${origin}/sources/${source.documentId}` : null })),
    })),
    history: agency.lineage,
  };
  return jsonDownload(request, data, {
    source: "ICE's published participating and pending lists as imported by this portal, and signed MOAs or other public sources recorded by its operators.",
    period: null,
    page: `${origin}/agencies/${agency.slug}`,
    notes: [
      'history: one line per event, oldest first; kind is one of recorded, listed, pending, onIceList, approved, modelChanged, resigned, ended, returned, changed.',
      'onIceList false: the agreement is known from an MOA or another public source and is not yet on ICE\u2019s list.',
    ],
  });
}
