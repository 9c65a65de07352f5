import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { cancelUpload, confirmImport, importPreview } from '~/admin/imports.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { messagesText } from '~/registry/ice-list-messages';
import { parseForm, wholeFormError } from '~/utils/forms.server';
import { idParam } from '~/utils/route-params';
import { ChangeTable, OtherStates, PreviewSummary, Warnings } from './preview-tables';
import { ImportDecision } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  const page = data ? t('admin.preview.title', { file: data.upload.fileName }) : t('error.notFound');
  return [{ title: pageTitle(t, t('admin.pageTitle', { page })) }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const preview = await importPreview(prisma(), idParam(params.id));
  // Confirmed or cancelled meanwhile (perhaps by another operator).
  if (!preview) throw new Response('Not found', { status: 404 });
  // The importer's refusal and its warnings about rows, in the reader's language.
  const t = requestTranslator(request);
  const warnings = preview.preview?.warnings.map((warning) => (warning.messages ? messagesText(t, warning.messages) : warning.message)) ?? [];
  return {
    ...preview,
    refused: preview.refused && messagesText(t, preview.refused),
    preview: preview.preview && { ...preview.preview, warnings },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const id = idParam(params.id);
  const parsed = await parseForm(request, ImportDecision);
  // Only buttons and a checkbox: nothing typed to show again, so the page says what was wrong.
  if (!parsed.ok) return data({ error: requestTranslator(request)(wholeFormError(parsed.errors)) }, { status: 400 });
  if (parsed.data.intent === 'cancel') {
    await cancelUpload(prisma(), id);
    throw redirect('/admin/imports?cancelled=1');
  }
  const outcome = await confirmImport(prisma(), { pendingId: id, userId: actor.userId, allowMassEnd: parsed.data.allowMassEnd });
  if (!outcome) throw new Response('Not found', { status: 404 });
  if (!outcome.ok) return data({ error: messagesText(requestTranslator(request), outcome.refusal) }, { status: 400 });
  throw redirect(`/admin/imports?imported=${outcome.importId}`);
}

export type Preview = NonNullable<Awaited<ReturnType<typeof loader>>['preview']>;

export default function ImportPreview() {
  const { upload, refused, massEnd, nothingToImport, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link> › <Link to="/admin/imports">{t('admin.imports.title')}</Link>
      </p>
      <h1>{t('admin.preview.title', { file: upload.fileName })}</h1>
      <p>{t('admin.imports.uploadedBy', { name: upload.uploadedBy, date: upload.uploaded })}</p>

      {refused ? (
        <div className="alert" role="alert">
          <p>{refused}</p>
          <p>{massEnd ? t('admin.preview.massEndHint') : t('admin.preview.cannotImport')}</p>
        </div>
      ) : null}
      {result?.error && result.error !== refused && !nothingToImport ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}

      {preview ? (
        <>
          <PreviewSummary preview={preview} />
          <section aria-labelledby="home-changes">
            <h2 id="home-changes">{t('admin.preview.homeTitle')}</h2>
            {preview.home.length ? <ChangeTable rows={preview.home} labelledBy="home-changes" /> : <p>{t('admin.preview.noHomeChanges')}</p>}
          </section>
          <OtherStates others={preview.others} />
          <Warnings warnings={preview.warnings} />
        </>
      ) : null}
      <Decide />
    </>
  );
}

/** Confirm (waiving the mass-end rule if the operator ticks it) or cancel the upload. */
function Decide() {
  const { refused, massEnd, nothingToImport, sameFileImported, preview } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useT();
  const busy = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST';
  const importing = busy && navigation.formData?.get('intent') === 'confirm';
  const importable = preview !== null && (!refused || massEnd) && !nothingToImport;
  return (
    <>
      <h2>{t('admin.preview.decideTitle')}</h2>
      <div role="status">{importing ? <p className="notice">{t('admin.preview.importing')}</p> : null}</div>
      {nothingToImport ? (
        // Nothing to confirm: the only way on is to discard the upload.
        <div className="notice" id="nothing-to-import">
          <p>
            <strong>{t('admin.preview.nothingToImport')}</strong>
          </p>
          {sameFileImported ? (
            <p>{t('admin.preview.sameFile', { date: sameFileImported.importedAt, list: t(`admin.imports.kind.${sameFileImported.listKind}`), asOf: sameFileImported.asOf })}</p>
          ) : null}
          <p>{t('admin.preview.nothingToImportHint')}</p>
        </div>
      ) : null}
      {importable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          {massEnd ? (
            <p>
              <input type="checkbox" id="allowMassEnd" name="allowMassEnd" />{' '}
              <label htmlFor="allowMassEnd">{t('admin.preview.allowMassEnd', { count: preview.counts.ended })}</label>
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {importing ? t('admin.preview.importing') : t('admin.preview.confirm')}
          </button>
        </Form>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="cancel" />
        <button type="submit" className="secondary" disabled={busy}>
          {nothingToImport ? t('admin.preview.discard') : t('admin.preview.cancel')}
        </button>
      </Form>
    </>
  );
}
