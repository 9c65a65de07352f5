import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { TableRegion } from '~/components/table-region';
import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { requireActor } from '~/auth/access.server';
import { Field } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { CsvColumns } from './csv-columns';
import { csvUploadPage, fileCsv, MAX_CSV_BYTES, MAX_CSV_ROWS, requireCsvUploader, type ShownCsvIssue } from '~/reporting/filings-csv.server';

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('filingsCsv.title')) }];
};

export type UploadPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return csvUploadPage(prisma(), actor, params.requirementId);
}

const MAX_TEXT = 200;

/** The form's own fields; the file's content is filings-csv.ts's business. */
function uploadFields(t: Translate) {
  const text = (required: string) => z.string({ error: required }).trim().min(1, required).max(MAX_TEXT, t('filingsCsv.tooLong', { max: MAX_TEXT }));
  return z.object({
    certifiedName: text(t('filingsCsv.nameRequired')),
    certifiedTitle: text(t('filingsCsv.titleRequired')),
    certify: z.literal('on', { error: t('filingsCsv.certifyRequired') }),
    file: z.instanceof(File, { error: t('filingsCsv.fileRequired') }).refine((file) => file.name !== '' && file.size > 0, t('filingsCsv.fileRequired')),
  });
}

type FieldName = 'file' | 'certifiedName' | 'certifiedTitle' | 'certify';

interface Refused {
  errors: Partial<Record<FieldName, string>>;
  issues: ShownCsvIssue[];
  posted: { certifiedName: string; certifiedTitle: string };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = prisma();
  // Only heads upload (it certifies and submits): refused before the body is read.
  await requireCsvUploader(db, actor, params.requirementId);
  const t = requestTranslator(request);
  const refuse = (refused: Partial<Refused>, status = 400) =>
    data<Refused>({ errors: {}, issues: [], posted: { certifiedName: '', certifiedTitle: '' }, ...refused }, { status });

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return refuse({ errors: { file: t('filingsCsv.fileTooLarge', { megabytes: MAX_CSV_BYTES / 1_000_000, rows: MAX_CSV_ROWS }) } }, 413);
    }
    if (error instanceof TypeError) return refuse({ errors: { file: t('filingsCsv.fileRequired') } }); // not a multipart form
    throw error;
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const posted = { certifiedName: text('certifiedName').slice(0, MAX_TEXT * 2), certifiedTitle: text('certifiedTitle').slice(0, MAX_TEXT * 2) };
  const parsed = uploadFields(t).safeParse({ certifiedName: text('certifiedName'), certifiedTitle: text('certifiedTitle'), certify: form.get('certify') ?? undefined, file: form.get('file') ?? undefined });
  if (!parsed.success) {
    const errors: Refused['errors'] = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as FieldName;
      errors[field] ??= issue.message;
    }
    return refuse({ errors, posted });
  }

  const result = await fileCsv(db, actor, {
    requirementId: params.requirementId,
    bytes: new Uint8Array(await parsed.data.file.arrayBuffer()),
    certifiedName: parsed.data.certifiedName,
    certifiedTitle: parsed.data.certifiedTitle,
    t,
  });
  if (!result.ok) return refuse({ issues: result.issues, posted }, 422);
  throw redirect(`/filings?filed=${result.filed.length}`);
}


export default function UploadCsv() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const { requirement, limits } = page;
  const errors: Refused['errors'] = result?.errors ?? {};
  const busy = navigation.state === 'submitting';
  const fieldsRefused = Object.keys(errors).length > 0;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/filings">{t('filingsCsv.back')}</Link>
      </p>
      <h1>{t('filingsCsv.title')}</h1>
      <dl>
        <dt>{t('filingsCsv.agency')}</dt>
        <dd>{requirement.agencyName}</dd>
        <dt>{t('filingsCsv.requirement')}</dt>
        <dd>
          {requirement.title} ({requirement.policyTitle})
        </dd>
      </dl>
      <p className="lead">{t('filingsCsv.intro')}</p>

      {result && (result.issues.length > 0 || fieldsRefused) ? (
        <div className="alert" role="alert">
          <p>{t('filingsCsv.refused')}</p>
          <p>{t('filingsCsv.chooseAgain')}</p>
        </div>
      ) : null}
      {result && result.issues.length > 0 ? (
        <section aria-labelledby="csv-issues">
          <h2 id="csv-issues">{t('filingsCsv.issuesTitle')}</h2>
          <TableRegion labelledBy="csv-issues">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('filingsCsv.where')}</th>
                  <th scope="col">{t('filingsCsv.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.issues.map((issue, i) => (
                  <tr key={i}>
                    <th scope="row">{issue.where}</th>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}

      <section aria-labelledby="csv-template">
        <h2 id="csv-template">{t('filingsCsv.templateTitle')}</h2>
        <p>
          <a href={page.templateHref} download>
            {t('filingsCsv.templateLink')}
          </a>
        </p>
        <p>
          {page.periods.length > 0
            ? t('filingsCsv.templateRows', { periods: page.periods.map((period) => `${period.label} (${period.key})`).join(', ') })
            : t('filingsCsv.templateNoRows')}
        </p>
        {page.drafted.length > 0 ? (
          <p className="notice">{t('filingsCsv.draftsWarning', { periods: page.drafted.map((period) => `${period.label} (${period.key})`).join(', ') })}</p>
        ) : null}
      </section>

      <CsvColumns fixedColumns={page.fixedColumns} metrics={page.metrics} explanationMin={limits.explanation} />

      {page.canUpload ? (
        <section aria-labelledby="csv-upload">
          <h2 id="csv-upload">{t('filingsCsv.formTitle')}</h2>
          <p>{t('filingsCsv.formIntro')}</p>
          <blockquote>{requirement.oathText}</blockquote>
          <Form method="post" encType="multipart/form-data" noValidate className="form">
            <Field
              label={t('filingsCsv.file')}
              hint={t('filingsCsv.fileHint', { rows: limits.rows, megabytes: limits.megabytes })}
              name="file"
              type="file"
              accept=".csv,text/csv"
              error={errors.file}
              required
            />
            <Field label={t('filingsCsv.certifiedName')} name="certifiedName" defaultValue={result?.posted.certifiedName ?? ''} error={errors.certifiedName} autoComplete="name" required />
            <Field
              label={t('filingsCsv.certifiedTitle')}
              hint={t('filingsCsv.certifiedTitleHint')}
              name="certifiedTitle"
              defaultValue={result?.posted.certifiedTitle ?? ''}
              error={errors.certifiedTitle}
              autoComplete="organization-title"
              required
            />
            <div className="checkbox-field">
              <input
                type="checkbox"
                id="field-certify"
                name="certify"
                required
                aria-invalid={errors.certify ? true : undefined}
                aria-describedby={errors.certify ? 'field-certify-error' : undefined}
              />{' '}
              <label htmlFor="field-certify">{t('filingsCsv.certify')}</label>
              {errors.certify ? (
                <p id="field-certify-error" className="field-error">
                  {errors.certify}
                </p>
              ) : null}
            </div>
            <p>
              <button type="submit" disabled={busy}>
                {busy ? t('filingsCsv.checking') : t('filingsCsv.submit')}
              </button>
            </p>
          </Form>
        </section>
      ) : (
        <p>{t('filingsCsv.headOnly')}</p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
