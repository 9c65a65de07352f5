import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { documentDownload } from '~/open-data/download.server';
import { iceListArchive } from '~/registry/ice-archive.server';

/** Every ICE list the portal fetched, newest first, with where to download its exact bytes (docs/api.md); snake_case keys, `?columns=legacy` the camelCase ones of before release 0.2. */
export async function loader({ request }: LoaderFunctionArgs) {
  const files = await iceListArchive(prisma());
  const data = files.map((file) => ({
    id: file.id,
    list: file.listKind.toLowerCase(),
    fetchedAt: file.fetchedAt.toISOString(),
    url: file.url,
    httpStatus: file.httpStatus,
    headers: file.headers,
    size: file.size,
    sha256: file.sha256,
    fileName: file.fileName,
    download: `/data/ice-lists/${file.id}`,
    result: file.result,
    importId: file.importId,
    listDate: file.listDate,
    reason: file.reason,
    runId: file.runId,
  }));
  return documentDownload(request, data, {
    source: 'ICE’s 287(g) participating and pending lists as the portal fetched them, byte for byte, each with its SHA-256.',
    period: null,
    count: data.length,
  });
}
