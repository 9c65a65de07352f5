import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect, unstable_createMemoryUploadHandler } from '@remix-run/node';
import { useOutlet } from '@remix-run/react';
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
import { metaTranslator, pageTitle } from '~/i18n/use-t';
import { messagesText } from '~/registry/ice-list-messages';
import { translateErrors, type FieldErrors } from '~/utils/forms';
import { parseWith, readMultipartForm } from '~/utils/forms.server';
import { ImportList } from './import-list';
import { fileRequired, ListQuery, Upload } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.imports.title') })) }];
});

/** A record's id in the address; anything else is ignored. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  // /admin/imports/:id (the preview) renders in this route's outlet and loads its own data.
  if (params.id) return { imports: [], pending: [], imported: null, cancelled: false, fetchRuns: [], fetchSettings: iceFetchSettings(), fetched: null, fetchBusy: false };
  const db = prisma();
  const parsed = parseWith(ListQuery, new URL(request.url).searchParams);
  const query = parsed.ok ? parsed.data : { imported: undefined, fetched: undefined, cancelled: false, fetchBusy: false };
  const [imports, pending, imported, fetchRuns] = await Promise.all([
    importHistory(db),
    pendingUploads(db),
    query.imported ? importSummary(db, query.imported) : null,
    recentFetchRuns(db),
  ]);
  // After "Fetch now": that run's result (it is among the most recent).
  const fetched = fetchRuns.find((run) => run.id === query.fetched) ?? null;
  return { imports, pending, imported, cancelled: query.cancelled, fetchRuns, fetchSettings: iceFetchSettings(), fetched, fetchBusy: query.fetchBusy };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const refuse = (errors: FieldErrors, asOf: string, status = 400) => data({ errors: translateErrors(t, errors), asOf }, { status });
  // A multipart reader that stops reading an upload at the size limit.
  const read = await readMultipartForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  if (!read.ok) {
    if (read.problem === 'tooLarge') return refuse({ file: 'admin.imports.tooLarge' }, '', 413);
    return refuse({ file: read.problem === 'notMultipart' ? fileRequired : 'form.unreadable' }, '');
  }
  const { form } = read;
  // The "Fetch ICE's lists now" button's form is multipart like the upload's, so one parser reads both.
  if (form.get('intent') === 'fetch') {
    const run = await fetchIceListsNow(prisma(), actor.userId);
    throw redirect(run.runId === null ? '/admin/imports?fetchBusy#fetch' : `/admin/imports?fetched=${run.runId}#fetch`);
  }
  const parsed = parseWith(Upload, form);
  if (!parsed.ok) return refuse(parsed.errors, (parsed.values.asOf ?? '').trim());
  const { file, asOf } = parsed.data;

  const stored = await storeUpload(prisma(), {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name.slice(0, 200),
    asOf: asOf || null,
    uploadedById: actor.userId,
  });
  if (!stored.ok) return data({ errors: { file: messagesText(t, stored.refusal) }, asOf }, { status: 400 });
  throw redirect(`/admin/imports/${stored.id}`);
}

export default function Imports() {
  const outlet = useOutlet();
  return outlet ?? <ImportList />;
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
