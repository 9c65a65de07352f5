import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect, unstable_createMemoryUploadHandler } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import { requestLocale, requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import {
  csvUploadPage,
  describeCsvProblem,
  fileCsv,
  issueWhere,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  requireCsvUploader,
  type CsvIssue,
} from '~/reporting/filings-csv.server';
import { translateErrors } from '~/utils/forms';
import { parseWith, readMultipartForm } from '~/utils/forms.server';
import { CsvColumns } from './csv-columns';
import { CsvIssues, type ShownCsvIssue } from './csv-issues';
import { UploadForm } from './upload-form';
import { MAX_TEXT, UploadFields } from '~/reporting/filing-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('filingsCsv.title')) }];
});

export type UploadPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return csvUploadPage(prisma(), actor, params.requirementId, requestLocale(request));
}

/** What a refused upload answers: the fields' errors, the file's problems, and what was typed. */
export interface Refused {
  errors: Record<string, string>;
  issues: ShownCsvIssue[];
  posted: { certifiedName: string; certifiedTitle: string };
}

/** The file's problems in the reader's language: where, then what. */
const shownIssues = (t: Translate, issues: CsvIssue[]): ShownCsvIssue[] =>
  issues.map(({ problem, ...issue }) => ({ ...issue, where: issueWhere({ ...issue, problem }, t), message: describeCsvProblem(t, problem) }));

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = prisma();
  // Only heads upload (it certifies and submits): refused before the body is read.
  await requireCsvUploader(db, actor, params.requirementId);
  const t = requestTranslator(request);
  const refuse = (refused: Partial<Refused>, status = 400) =>
    data<Refused>({ errors: {}, issues: [], posted: { certifiedName: '', certifiedTitle: '' }, ...refused }, { status });

  // A multipart reader rather than parseForm: it stops reading a file over the limit.
  const read = await readMultipartForm(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  if (!read.ok) {
    if (read.problem === 'tooLarge') {
      return refuse({ errors: { file: t('filingsCsv.fileTooLarge', { megabytes: MAX_CSV_BYTES / 1_000_000, rows: MAX_CSV_ROWS }) } }, 413);
    }
    return refuse({ errors: { file: t(read.problem === 'notMultipart' ? 'filingsCsv.fileRequired' : 'form.unreadable') } });
  }
  const { form } = read;
  const parsed = parseWith(UploadFields, form);
  if (!parsed.ok) {
    const { certifiedName = '', certifiedTitle = '' } = parsed.values;
    const posted = { certifiedName: certifiedName.slice(0, MAX_TEXT * 2), certifiedTitle: certifiedTitle.slice(0, MAX_TEXT * 2) };
    return refuse({ errors: translateErrors((key) => t(key, { max: MAX_TEXT }), parsed.errors), posted });
  }

  const { certifiedName, certifiedTitle, file } = parsed.data;
  const result = await fileCsv(db, actor, { requirementId: params.requirementId, bytes: new Uint8Array(await file.arrayBuffer()), certifiedName, certifiedTitle });
  if (!result.ok) return refuse({ issues: shownIssues(t, result.issues), posted: { certifiedName, certifiedTitle } }, 422);
  throw redirect(`/filings?filed=${result.filed.length}`);
}

/** The template to download, and the periods it has rows for. */
function TemplateSection({ page }: { page: UploadPageData }) {
  const { t } = useT();
  const named = (periods: UploadPageData['periods']) => periods.map((period) => `${period.label} (${period.key})`).join(', ');
  return (
    <section aria-labelledby="csv-template">
      <h2 id="csv-template">{t('filingsCsv.templateTitle')}</h2>
      <p>
        <a href={page.templateHref} download>
          {t('filingsCsv.templateLink')}
        </a>
      </p>
      <p>{page.periods.length > 0 ? t('filingsCsv.templateRows', { periods: named(page.periods) }) : t('filingsCsv.templateNoRows')}</p>
      {page.drafted.length > 0 ? <p className="notice">{t('filingsCsv.draftsWarning', { periods: named(page.drafted) })}</p> : null}
    </section>
  );
}

export default function UploadCsv() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const { requirement, limits } = page;
  const refused = result && (result.issues.length > 0 || Object.keys(result.errors).length > 0);

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

      {refused ? (
        <div className="alert" role="alert">
          <p>{t('filingsCsv.refused')}</p>
          <p>{t('filingsCsv.chooseAgain')}</p>
        </div>
      ) : null}
      {result && result.issues.length > 0 ? <CsvIssues issues={result.issues} /> : null}

      <TemplateSection page={page} />
      <CsvColumns fixedColumns={page.fixedColumns} metrics={page.metrics} explanationMin={limits.explanation} />
      {page.canUpload ? <UploadForm oathText={requirement.oathText} limits={limits} refused={result ?? null} /> : <p>{t('filingsCsv.headOnly')}</p>}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
