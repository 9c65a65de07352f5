import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useRef } from 'react';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import { requestLocale } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import type { FilingIssue } from '~/reporting/filing-checks';
import { filingPage, type PostedFiling } from '~/reporting/filing-pages.server';
import { idParam } from '~/utils/route-params';
import { attachmentState, Attachments } from './attachments';
import { CertifySection } from './certify-section';
import { IssueList } from './checked-field';
import { FigureFields } from './figure-fields';
import { FilingFacts, RevisionList } from './filing-facts';
import { filingFormAction } from './filing-form.server';
import { EXPLANATION_PREFIX } from './form-names';
import { FormSummary } from './form-summary';
import { useUnsavedChangesGuard } from './unsaved-guard';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? t('filing.title', { period: data.filing.periodLabel }) : t('filing.pageTitle')) }];
});

export type FilingPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const query = new URL(request.url).searchParams;
  const submitted = Number(query.get('submitted'));
  return filingPage(prisma(), actor, idParam(params.id), {
    locale: requestLocale(request),
    submitted: Number.isSafeInteger(submitted) ? submitted : null,
    attachmentQuery: query,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = idParam(params.id);
  const result = await filingFormAction(prisma(), actor, id, request);
  if (result.outcome === 'submitted') throw redirect(`/filings/${id}?submitted=${result.revision}`);
  const refused = result.outcome === 'refused' || (result.attachment !== undefined && 'problem' in result.attachment);
  return data(result, { status: refused ? 400 : 200 });
}

/**
 * The form and what its last post found: one banner at a time at the top (the error summary,
 * linking each problem to its field, or "Draft saved"), and each problem again under its field,
 * as "Error: …" for what must change or "Warning: …" for what may be right and explained.
 */
export default function FilingPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const { filing, sections, revisions, canCertify } = page;
  const formRef = useRef<HTMLFormElement>(null);
  useUnsavedChangesGuard(formRef, t('filing.leaveUnsaved'));

  // After a post, the page shows what was posted and what the post found; otherwise the saved draft.
  const answer = result && 'posted' in result ? result : null;
  const posted: PostedFiling | null = answer?.posted ?? null;
  const issues: FilingIssue[] = answer ? answer.issues : page.issues;
  const values = posted?.values ?? page.draft.values;
  const explanations = posted?.explanations ?? page.draft.explanations;
  const nothingToReport = posted?.nothingToReport ?? page.draft.nothingToReport;
  const about = (field: string) => issues.filter((issue) => issue.fields.includes(field));
  const explainable = issues.filter((issue) => issue.explainable && issue.rule);
  // Explanations of issues not raised now are kept in the form, so saving again does not drop them.
  const keptExplanations = Object.entries(explanations).filter(([rule]) => !explainable.some((issue) => issue.rule === rule));
  const isAmendment = revisions.length > 0;
  const busy = navigation.state === 'submitting';
  const attachment = attachmentState(answer?.attachment, page.attachments);

  return (
    <>
      <p>
        <Link to="/filings">{t('filing.back')}</Link>
      </p>
      <h1>{t('filing.title', { period: filing.periodLabel })}</h1>
      <FormSummary answer={answer} issues={issues} attachmentProblem={attachment.problem} />
      {page.submittedNotice ? (
        <p className="notice" role="status">
          {t('filing.submittedNotice', { number: page.submittedNotice })}
        </p>
      ) : null}
      <FilingFacts filing={filing} isAmendment={isAmendment} />

      {page.returned ? (
        <div className="alert" role="alert">
          <p>{t('filing.returnedNotice', { number: page.returned.revision, date: date(page.returned.on) })}</p>
          <blockquote>{page.returned.note}</blockquote>
        </div>
      ) : null}

      {page.awaitingAmendment ? (
        <p className="notice" role="status">
          {t('filing.awaitingAmendmentNotice', { number: page.awaitingAmendment.revision, counted: page.awaitingAmendment.counted ?? '' })}
        </p>
      ) : null}

      {isAmendment ? <RevisionList revisions={revisions} /> : null}

      {/* One form: the figures, the attachments and for heads the certification, so what is certified is what is shown
          and attaching or removing a document saves what is typed (nothing is lost to the reload). */}
      <Form method="post" noValidate className="filing-form" ref={formRef}>
        <h2>{t('filing.valuesTitle')}</h2>
        <p>{t('filing.valuesIntro')}</p>
        {/* Not a .field: its styles stretch an input to the full width. */}
        <div className="checkbox-field">
          <input
            type="checkbox"
            id="field-nothingToReport"
            name="nothingToReport"
            defaultChecked={nothingToReport}
            aria-describedby={['field-nothingToReport-hint', about('nothingToReport').length ? 'field-nothingToReport-issues' : null].filter(Boolean).join(' ')}
          />{' '}
          <label htmlFor="field-nothingToReport">
            {t('filing.nothingToReport')}
          </label>
          <p id="field-nothingToReport-hint" className="hint">
            {t('filing.nothingToReportHint')}
          </p>
          <IssueList id="field-nothingToReport-issues" issues={about('nothingToReport')} />
        </div>
        <FigureFields sections={sections} values={values} explanations={explanations} explainable={explainable} about={about} />
        {keptExplanations.map(([rule, text]) => (
          <input key={rule} type="hidden" name={`${EXPLANATION_PREFIX}${rule}`} value={text} />
        ))}

        {/* The first button of the form: Enter in a field saves the draft. */}
        <p>
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t('filing.saveDraft')}
          </button>
        </p>

        <Attachments filingId={filing.id} isAmendment={isAmendment} {...attachment} busy={busy} />

        {canCertify ? (
          <CertifySection oathText={filing.oathText} posted={posted} about={about} isAmendment={isAmendment} busy={busy} />
        ) : (
          <p>{t('filing.headOnly')}</p>
        )}
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
