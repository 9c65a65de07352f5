import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { useOutlet } from '@remix-run/react';
import { z } from 'zod';
import {
  fetchIceListsNow,
  iceFetchSettings,
  importHistory,
  importSummary,
  MAX_UPLOAD_BYTES,
  pendingUploads,
  recentFetchRuns,
  storeUpload,
} from '~/admin/imports.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { ImportList } from './import-list';

export const meta: MetaFunction = () => [{ title: 'ICE list imports · Operator · Oversight Portal' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  // /admin/imports/:id (the preview) renders in this route's outlet and loads its own data.
  if (params.id) return { imports: [], pending: [], imported: null, cancelled: false, fetchRuns: [], fetchSettings: iceFetchSettings(), fetched: null, fetchBusy: false };
  const db = prisma();
  const search = new URL(request.url).searchParams;
  const importedId = Number(search.get('imported'));
  const [imports, pending, imported, fetchRuns] = await Promise.all([
    importHistory(db),
    pendingUploads(db),
    Number.isSafeInteger(importedId) && importedId > 0 ? importSummary(db, importedId) : null,
    recentFetchRuns(db),
  ]);
  // After "Fetch now": that run's result (it is among the most recent).
  const fetched = fetchRuns.find((run) => run.id === Number(search.get('fetched'))) ?? null;
  return { imports, pending, imported, cancelled: search.has('cancelled'), fetchRuns, fetchSettings: iceFetchSettings(), fetched, fetchBusy: search.has('fetchBusy') };
}

const AsOf = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);
/** The "Fetch ICE's lists now" button's form (multipart like the upload's, so one parser reads both). */
const FetchIntent = z.literal('fetch');

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const refuse = (errors: { file?: string; asOf?: string }, asOf: string, status = 400) => data({ errors, asOf }, { status });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse({ file: t('admin.imports.tooLarge') }, '', 413);
    if (error instanceof TypeError) return refuse({ file: t('admin.imports.fileRequired') }, ''); // not a multipart form
    throw error;
  }
  if (FetchIntent.safeParse(form.get('intent')).success) {
    const run = await fetchIceListsNow(prisma(), actor.userId);
    throw redirect(run.runId === null ? '/admin/imports?fetchBusy#fetch' : `/admin/imports?fetched=${run.runId}#fetch`);
  }
  const typedAsOf = typeof form.get('asOf') === 'string' ? (form.get('asOf') as string).trim() : '';
  const file = form.get('file');
  const errors: { file?: string; asOf?: string } = {};
  if (!(file instanceof File) || !file.name || file.size === 0) errors.file = t('admin.imports.fileRequired');
  if (!AsOf.safeParse(typedAsOf).success) errors.asOf = t('admin.imports.asOfInvalid');
  if (errors.file || errors.asOf || !(file instanceof File)) return refuse(errors, typedAsOf);

  const stored = await storeUpload(prisma(), {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name.slice(0, 200),
    asOf: typedAsOf || null,
    uploadedById: actor.userId,
  });
  if (!stored.ok) return refuse({ file: stored.message }, typedAsOf);
  throw redirect(`/admin/imports/${stored.id}`);
}

export default function Imports() {
  const outlet = useOutlet();
  return outlet ?? <ImportList />;
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
