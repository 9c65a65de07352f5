import type { FilingIssue } from '~/reporting/filing-checks';
import type { PostedFiling } from '~/reporting/filing-pages.server';
import { useT } from '~/i18n/use-t';
import { CheckedField, IssueList } from './checked-field';

/** The head's certification under the policy's oath, and the submit button. */
export function CertifySection({
  oathText,
  posted,
  about,
  isAmendment,
  busy,
}: {
  oathText: string;
  posted: PostedFiling | null;
  about: (field: string) => FilingIssue[];
  isAmendment: boolean;
  busy: boolean;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="certify">
      <h2 id="certify">{t('filing.certifyTitle')}</h2>
      <p>{t('filing.certifyIntro')}</p>
      <blockquote>{oathText}</blockquote>
      <CheckedField
        name="certifiedName"
        label={t('filing.certifiedName')}
        defaultValue={posted?.certifiedName ?? ''}
        issues={about('certifiedName')}
        autoComplete="name"
      />
      <CheckedField
        name="certifiedTitle"
        label={t('filing.certifiedTitle')}
        hint={t('filing.certifiedTitleHint')}
        defaultValue={posted?.certifiedTitle ?? ''}
        issues={about('certifiedTitle')}
        autoComplete="organization-title"
      />
      {isAmendment ? (
        <CheckedField
          name="amendmentReason"
          label={t('filing.amendmentReason')}
          hint={t('filing.amendmentReasonHint')}
          defaultValue={posted?.amendmentReason ?? ''}
          issues={about('amendmentReason')}
          multiline
        />
      ) : null}
      <IssueList id="field-periodKey-issues" issues={about('periodKey')} />
      <p>
        <button type="submit" name="intent" value="submit" disabled={busy}>
          {isAmendment ? t('filing.amend') : t('filing.submit')}
        </button>
      </p>
    </section>
  );
}
