/**
 * The agency's registry history as open data: its agreements with every source they rest on
 * (ICE lists, MOAs, other public sources) and the lineage, one line per event (lineage.ts) —
 * the same lines the agency page shows.
 */
import { apiError } from './http.server';
import { prisma } from '~/db/prisma.server';
import { agencyDetail } from '~/registry/registry-queries.server';
import { documentDownload } from './download.server';

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
  // The notes name the keys: the snake_case ones, or the camelCase ones of the legacy document.
  const meta = (notes: string[]) => ({
    source: "ICE's published participating and pending lists as imported by this portal, and signed MOAs or other public sources recorded by its operators.",
    period: null,
    page: `${origin}/agencies/${agency.slug}`,
    notes,
  });
  const kinds = 'history: one line per event, oldest first; kind is one of recorded, listed, pending, onIceList, approved, modelChanged, resigned, ended, returned, changed.';
  return documentDownload(
    request,
    data,
    meta([
      'Keys are snake_case; columns=legacy gives the camelCase document of before release 0.2 (deprecated, removed in the next release).',
      kinds,
      'on_ice_list false: the agreement is known from an MOA or another public source and is not yet on ICE\u2019s list.',
    ]),
    meta([kinds, 'onIceList false: the agreement is known from an MOA or another public source and is not yet on ICE\u2019s list.']),
  );
}
