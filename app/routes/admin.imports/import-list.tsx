import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import { FetchSection } from './fetch-section';
import type { action, loader } from './route';

/** The imports page: upload a list, fetch ICE's lists now, the runs, pending uploads and past imports. */
export function ImportList() {
  const { imports, pending, imported, cancelled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const submitting = navigation.state === 'submitting' && navigation.formAction === '/admin/imports';
  const fetching = submitting && navigation.formData?.get('intent') === 'fetch';
  const uploading = submitting && !fetching;
  const errors: { file?: string; asOf?: string } = result?.errors ?? {};
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.imports.title')}</h1>
      {imported ? (
        <p className="notice" role="status">
          {t('admin.imports.imported', {
            list: t(`admin.imports.kind.${imported.listKind}`),
            date: date(imported.asOf),
            new: imported.new,
            changed: imported.changed,
            ended: imported.ended,
          })}
        </p>
      ) : null}
      {cancelled ? (
        <p className="notice" role="status">
          {t('admin.imports.cancelled')}
        </p>
      ) : null}

      <section aria-labelledby="upload">
        <h2 id="upload">{t('admin.imports.uploadTitle')}</h2>
        <p>{t('admin.imports.uploadIntro')}</p>
        <Form method="post" encType="multipart/form-data" noValidate className="form">
          <Field label={t('admin.imports.file')} hint={t('admin.imports.fileHint')} name="file" type="file" accept=".xlsx,.csv" error={errors.file} required />
          <Field label={t('admin.imports.asOf')} hint={t('admin.imports.asOfHint')} name="asOf" type="date" defaultValue={result?.asOf ?? ''} error={errors.asOf} />
          <button type="submit" disabled={uploading}>
            {uploading ? t('admin.imports.checking') : t('admin.imports.upload')}
          </button>
        </Form>
      </section>

      {pending.length ? (
        <section aria-labelledby="pending">
          <h2 id="pending">{t('admin.imports.pendingTitle')}</h2>
          <ul className="plain">
            {pending.map((upload) => (
              <li key={upload.id}>
                <Link to={`/admin/imports/${upload.id}`}>{upload.fileName}</Link>{' '}
                {t('admin.imports.uploadedBy', { name: upload.uploadedBy, date: upload.uploaded })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <FetchSection fetching={fetching} />

      <section aria-labelledby="history">
        <h2 id="history">{t('admin.imports.historyTitle')}</h2>
        {imports.length ? (
          <TableRegion labelledBy="history">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.imports.listDate')}</th>
                  <th scope="col">{t('admin.imports.listKind')}</th>
                  <th scope="col">{t('admin.imports.fileName')}</th>
                  <th scope="col">{t('admin.imports.by')}</th>
                  <th scope="col">{t('admin.imports.when')}</th>
                  <th scope="col">{t('admin.imports.counts')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{date(row.asOf)}</th>
                    <td>{t(`admin.imports.kind.${row.listKind}`)}</td>
                    <td>{row.fileName}</td>
                    <td>{row.importedBy}</td>
                    <td>{row.importedAt}</td>
                    <td>{t('admin.imports.countsText', row.counts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t('admin.imports.none')}</p>
        )}
      </section>
    </>
  );
}
