import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { cancelUpload, confirmImport, importPreview, type ChangeView } from '~/admin/imports.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.upload.fileName ?? 'Import'} · Preview · Operator · Oversight Portal` },
];

function uploadId(param: string | undefined) {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('Not found', { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const preview = await importPreview(prisma(), uploadId(params.id));
  // Confirmed or cancelled meanwhile (perhaps by another operator).
  if (!preview) throw new Response('Not found', { status: 404 });
  return preview;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const id = uploadId(params.id);
  const form = await request.formData();
  if (form.get('intent') === 'cancel') {
    await cancelUpload(prisma(), id);
    throw redirect('/admin/imports?cancelled=1');
  }
  if (form.get('intent') !== 'confirm') throw new Response('Bad request', { status: 400 });
  const outcome = await confirmImport(prisma(), { pendingId: id, userId: actor.userId, allowMassEnd: form.get('allowMassEnd') === 'on' });
  if (!outcome) throw new Response('Not found', { status: 404 });
  if (!outcome.ok) return data({ error: outcome.message }, { status: 400 });
  throw redirect(`/admin/imports?imported=${outcome.importId}`);
}

export default function ImportPreview() {
  const { upload, refused, massEnd, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const busy = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST';
  const importing = busy && navigation.formData?.get('intent') === 'confirm';
  const importable = preview !== null && (!refused || massEnd);

  const describe = (field: string, value: string | null) => {
    if (value === null) return '—';
    if (field === 'status') return t(`status.${value}` as MessageKey);
    if (field === 'model') return t(`model.${value}` as MessageKey);
    if (field === 'signedOn') return date(value);
    return value.toLowerCase();
  };
  const change = (c: ChangeView) =>
    c.kind === 'new'
      ? t('admin.preview.new', { status: t(`status.${c.status}` as MessageKey).toLowerCase() })
      : c.kind === 'ended'
        ? t('admin.preview.ended', { status: t(`status.${c.status}` as MessageKey).toLowerCase() })
        : c.fields.map((f) => t(`field.${f.field}`, { from: describe(f.field, f.from), to: describe(f.field, f.to) })).join('; ');

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
      {result?.error && result.error !== refused ? (
        <p className="alert" role="alert">
          {result.error}
        </p>
      ) : null}

      {preview ? (
        <>
          <dl>
            <dt>{t('admin.imports.listKind')}</dt>
            <dd>{t(`admin.imports.kind.${preview.listKind === 'participating' ? 'PARTICIPATING' : 'PENDING'}`)}</dd>
            <dt>{t('admin.imports.listDate')}</dt>
            <dd>{date(preview.asOf)}</dd>
            <dt>{t('admin.preview.rowsRead')}</dt>
            <dd>{preview.rowsRead}</dd>
          </dl>

          <h2>{t('admin.preview.countsTitle')}</h2>
          <dl className="stat-grid">
            {(['new', 'changed', 'ended', 'unchanged'] as const).map((kind) => (
              <div className="stat" key={kind}>
                <dt>{t(`admin.preview.count.${kind}`)}</dt>
                <dd>{preview.counts[kind]}</dd>
              </div>
            ))}
          </dl>
          <p>{t('admin.preview.homeActive', { count: preview.homeActive })}</p>

          <section aria-labelledby="home-changes">
            <h2 id="home-changes">{t('admin.preview.homeTitle')}</h2>
            {preview.home.length ? <ChangeTable rows={preview.home} describe={change} /> : <p>{t('admin.preview.noHomeChanges')}</p>}
          </section>

          <section aria-labelledby="other-changes">
            <h2 id="other-changes">{t('admin.preview.othersTitle')}</h2>
            {preview.others.byState.length ? (
              <>
                <div className="table-scroll" tabIndex={0}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('admin.preview.state')}</th>
                        <th scope="col">{t('admin.preview.count.new')}</th>
                        <th scope="col">{t('admin.preview.count.changed')}</th>
                        <th scope="col">{t('admin.preview.count.ended')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.others.byState.map((row) => (
                        <tr key={row.stateCode}>
                          <th scope="row">{row.stateCode}</th>
                          <td>{row.new}</td>
                          <td>{row.changed}</td>
                          <td>{row.ended}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <details>
                  <summary>{t('admin.preview.othersDetails', { count: preview.others.changes.length })}</summary>
                  <ChangeTable rows={preview.others.changes} describe={change} withState />
                </details>
              </>
            ) : (
              <p>{t('admin.preview.noOtherChanges')}</p>
            )}
          </section>

          {preview.warnings.length ? (
            <section aria-labelledby="warnings">
              <h2 id="warnings">{t('admin.preview.warningsTitle', { count: preview.warnings.length })}</h2>
              <ul>
                {preview.warnings.map((warning, index) => (
                  <li key={index}>{warning.message}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}

      <h2>{t('admin.preview.decideTitle')}</h2>
      <div role="status">{importing ? <p className="notice">{t('admin.preview.importing')}</p> : null}</div>
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
          {t('admin.preview.cancel')}
        </button>
      </Form>
    </>
  );
}

function ChangeTable({ rows, describe, withState = false }: { rows: ChangeView[]; describe: (change: ChangeView) => string; withState?: boolean }) {
  const { t } = useT();
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('table.agency')}</th>
            {withState ? <th scope="col">{t('admin.preview.state')}</th> : null}
            <th scope="col">{t('table.model')}</th>
            <th scope="col">{t('table.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{row.agency}</th>
              {withState ? <td>{row.stateCode}</td> : null}
              <td>{t(`model.${row.model}` as MessageKey)}</td>
              <td>{describe(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
