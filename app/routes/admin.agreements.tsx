import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, unstable_createMemoryUploadHandler } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { countyName, recordingChoices } from '~/admin/recorded-agreements.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { Field, SelectField, TextAreaField } from '~/components/forms';
import { NotOnIceListTag } from '~/components/registry';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { checkAttachment } from '~/reporting/attachment-types';
import { agencyPath } from '~/paths';
import { missingEvidence, RECORD_FIELDS, RecordAgreementForm } from '~/registry/recorded-agreement-form.server';
import { recordAgreementSource } from '~/registry/recorded-agreements.server';
import { translateErrors, type FieldErrors } from '~/utils/forms';
import { parseWith, readMultipartForm } from '~/utils/forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.recorded.title') })) }];
});

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
type Values = Record<(typeof RECORD_FIELDS)[number], string>;
const EMPTY: Values = { agencyName: '', agencyType: 'COUNTY', countyId: '', model: 'TFM', signedOn: '', sourceKind: 'MOA', title: '', url: '', note: '' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  return recordingChoices(prisma());
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  // A multipart reader that stops reading an upload at the size limit.
  const read = await readMultipartForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }));
  if (!read.ok) {
    // The typed fields are lost with an oversize or unreadable upload (the body was not read); say so plainly.
    if (read.problem === 'tooLarge') return data({ values: EMPTY, errors: { document: t('admin.recorded.tooLarge') }, done: null }, { status: 413 });
    return data({ values: EMPTY, errors: { document: t(read.problem === 'notMultipart' ? 'admin.recorded.notMultipart' : 'form.unreadable') }, done: null }, { status: 400 });
  }
  const { form } = read;
  const parsed = parseWith(RecordAgreementForm, form);
  // What was typed (or as read), to keep in the form after a refusal.
  const typed: Partial<Record<keyof Values, string | number>> = parsed.ok ? parsed.data : parsed.values;
  const values = Object.fromEntries(RECORD_FIELDS.map((name) => [name, String(typed[name] ?? '')])) as Values;
  const refuse = (errors: FieldErrors) => data({ values, errors: translateErrors(t, errors), done: null }, { status: 400 });
  if (!parsed.ok) return refuse(parsed.errors);
  const input = parsed.data;
  const file = form.get('document');
  const upload = file instanceof File && file.size > 0 ? file : null;
  let document = null;
  if (upload) {
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const checked = checkAttachment({ fileName: upload.name, bytes, maxBytes: MAX_DOCUMENT_BYTES });
    if (!checked.ok || checked.kind !== 'pdf') return refuse({ document: 'admin.recorded.documentNotPdf' });
    document = { fileName: checked.fileName, mediaType: checked.mediaType, bytes };
  }
  if (missingEvidence(input, Boolean(document))) return refuse({ url: 'admin.recorded.evidenceMissing' });
  const county = input.countyId === '' ? null : await countyName(prisma(), input.countyId);
  if (input.countyId !== '' && !county) return refuse({ countyId: 'admin.recorded.countyInvalid' });
  if (input.agencyType === 'COUNTY' && !county) return refuse({ countyId: 'admin.recorded.countyRequired' });

  const outcome = await recordAgreementSource(prisma(), {
    stateCode: 'NC',
    agencyName: input.agencyName,
    agencyType: input.agencyType,
    countyName: county,
    model: input.model,
    signedOn: input.signedOn,
    kind: input.sourceKind,
    title: input.title,
    url: input.url || null,
    note: input.note || null,
    document,
    recordedBy: `user:${actor.userId}`,
  });
  const notice = outcome.duplicate ? 'admin.recorded.duplicate' : outcome.created ? 'admin.recorded.created' : 'admin.recorded.added';
  return { values: EMPTY, errors: {} as Record<string, string>, done: { message: t(notice, { agency: input.agencyName }), slug: outcome.agencySlug } };
}

export default function RecordedAgreements() {
  const { counties, recorded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const values = result?.values ?? EMPTY;
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  // A new key after each success empties the form; after an error the typed values stay.
  const formKey = result?.done ? `done-${recorded.length}` : 'form';
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.recorded.title')}</h1>
      <p>{t('admin.recorded.intro')}</p>
      {result?.done ? (
        <p role="status" className="notice">
          {result.done.message} <Link to={agencyPath({ slug: result.done.slug })}>{t('admin.recorded.view')}</Link>
        </p>
      ) : null}
      {result && !result.done ? (
        <p role="alert" className="field-error">
          {t('admin.recorded.fix')}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" key={formKey}>
        <Field label={t('admin.recorded.agencyName')} name="agencyName" defaultValue={values.agencyName} error={errors.agencyName} hint={t('admin.recorded.agencyNameHint')} required maxLength={150} />
        <SelectField label={t('admin.recorded.agencyType')} name="agencyType" defaultValue={values.agencyType} error={errors.agencyType}>
          <option value="COUNTY">{t('admin.recorded.type.COUNTY')}</option>
          <option value="MUNICIPALITY">{t('admin.recorded.type.MUNICIPALITY')}</option>
          <option value="STATE_AGENCY">{t('admin.recorded.type.STATE_AGENCY')}</option>
        </SelectField>
        <SelectField label={t('admin.recorded.county')} name="countyId" defaultValue={values.countyId} error={errors.countyId} hint={t('admin.recorded.countyHint')}>
          <option value="">{t('admin.recorded.countyNone')}</option>
          {counties.map((county) => (
            <option key={county.id} value={county.id}>
              {county.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('table.model')} name="model" defaultValue={values.model} error={errors.model}>
          {(['JEM', 'WSO', 'TFM'] as const).map((model) => (
            <option key={model} value={model}>
              {t(`model.${model}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.recorded.signedOn')} name="signedOn" type="date" defaultValue={values.signedOn} error={errors.signedOn} required />
        <SelectField label={t('admin.recorded.sourceKind')} name="sourceKind" defaultValue={values.sourceKind} error={errors.sourceKind}>
          <option value="MOA">{t('source.MOA')}</option>
          <option value="OTHER">{t('source.OTHER')}</option>
        </SelectField>
        <Field label={t('admin.recorded.sourceTitle')} name="title" defaultValue={values.title} error={errors.title} hint={t('admin.recorded.sourceTitleHint')} required maxLength={200} />
        <Field label={t('admin.recorded.url')} name="url" type="url" defaultValue={values.url} error={errors.url} hint={t('admin.recorded.urlHint')} />
        <Field label={t('admin.recorded.document')} name="document" type="file" accept="application/pdf,.pdf" error={errors.document} hint={t('admin.recorded.documentHint')} />
        <TextAreaField label={t('admin.recorded.note')} name="note" defaultValue={values.note} error={errors.note} maxLength={2000} />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('admin.recorded.submit')}
        </button>
      </Form>

      <h2 id="recorded">{t('admin.recorded.listTitle')}</h2>
      {recorded.length ? (
        <TableRegion labelledBy="recorded">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('table.agency')}</th>
                <th scope="col">{t('table.model')}</th>
                <th scope="col">{t('table.signed')}</th>
                <th scope="col">{t('table.source')}</th>
              </tr>
            </thead>
            <tbody>
              {recorded.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={agencyPath(row.agency)}>{row.agency.name}</Link> {row.onIceList ? null : <NotOnIceListTag />}
                  </th>
                  <td>{t(`model.${row.model}`)}</td>
                  <td>{row.signedOn ? date(row.signedOn) : '—'}</td>
                  <td>
                    {t(`source.${row.kind}`)}: {row.title}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t('admin.recorded.none')}</p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
