import { useLoaderData } from '@remix-run/react';
import { ErrorSummary, type SummaryItem } from '~/components/forms';
import { useT } from '~/i18n/use-t';
import { describeAttachmentProblem, type AttachmentProblem } from '~/reporting/attachment-types';
import type { FilingIssue } from '~/reporting/filing-checks';
import { describeFilingMessage, issueLabelKey } from '~/reporting/filing-messages';
import { FILE_FIELD_ID } from './attachments';
import { fieldId } from './checked-field';
import type { FilingFormResult } from './filing-form.server';
import { EXPLANATION_PREFIX, VALUE_PREFIX } from './form-names';
import type { loader } from './route';

/**
 * The one banner at the top of the form: the error summary when there is anything to check
 * (its title says whether the draft was saved), else "Draft saved" after a save. Never both: a
 * green "saved" over a red list read as if nothing were left to do.
 */
export function FormSummary({ answer, issues, attachmentProblem }: { answer: FilingFormResult | null; issues: FilingIssue[]; attachmentProblem: AttachmentProblem | null }) {
  const { sections, canCertify, revisions } = useLoaderData<typeof loader>();
  const { t } = useT();

  // Where each problem's link goes: the explanation it asks for, else its first field on the page.
  const onPage = new Set<string>(['nothingToReport', ...sections.flatMap((section) => section.metricKeys.map((key) => `${VALUE_PREFIX}${key}`))]);
  if (canCertify) ['certifiedName', 'certifiedTitle', ...(revisions.length > 0 ? ['amendmentReason'] : [])].forEach((name) => onPage.add(name));
  const target = (issue: FilingIssue) => {
    if (issue.explainable && issue.rule) return fieldId(`${EXPLANATION_PREFIX}${issue.rule}`);
    const name = issue.fields.map((field) => (onPage.has(field) ? field : `${VALUE_PREFIX}${field}`)).find((field) => onPage.has(field));
    return name ? fieldId(name) : null;
  };
  const problems: SummaryItem[] = [
    ...issues.map((issue) => ({ text: t(issueLabelKey(issue), { message: describeFilingMessage(t, issue.message) }), fieldId: target(issue) })),
    ...(attachmentProblem
      ? [{ text: describeAttachmentProblem(t, attachmentProblem), fieldId: attachmentProblem.code === 'sealed' ? null : FILE_FIELD_ID }]
      : []),
  ];

  if (problems.length === 0) {
    return answer?.outcome === 'saved' ? (
      <p className="notice" role="status">
        {t('filing.savedNotice')}
      </p>
    ) : null;
  }
  const title = !answer
    ? t('filing.issuesTitle')
    : !answer.draftSaved
      ? t('filing.notSaved')
      : answer.outcome === 'refused'
        ? t('filing.refused')
        : t('filing.savedWithIssues');
  return <ErrorSummary title={title} items={problems} focusAfter={answer} />;
}
