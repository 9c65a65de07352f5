import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import type { FilingPageData } from './route';

type Filing = FilingPageData['filing'];
type Revision = FilingPageData['revisions'][number];

/** Whose report, for which period, due when, and where it stands. */
export function FilingFacts({ filing, isAmendment }: { filing: Filing; isAmendment: boolean }) {
  const { t, date } = useT();
  return (
    <dl>
      <dt>{t('filing.agency')}</dt>
      <dd>{filing.agency.name}</dd>
      <dt>{t('filing.requirement')}</dt>
      <dd>
        {filing.requirementTitle} ({filing.policyTitle}, {filing.statute})
      </dd>
      <dt>{t('filing.periodDates')}</dt>
      <dd>{t('filing.dates', { start: date(filing.periodStart), end: date(filing.periodEnd) })}</dd>
      <dt>{t('filing.dueOn')}</dt>
      <dd>{date(filing.dueOn)}</dd>
      <dt>{t('filing.status')}</dt>
      <dd>
        {filing.draftSaved && !isAmendment
          ? t('filings.status.draft', { status: t(`filings.status.${filing.status}`).toLowerCase() })
          : t(`filings.status.${filing.status}`)}
      </dd>
    </dl>
  );
}

/** The revisions submitted so far, with who certified each and why it was amended. */
export function RevisionList({ revisions }: { revisions: Revision[] }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="revisions">
      <h2 id="revisions">{t('filing.revisionsTitle')}</h2>
      <TableRegion labelledBy="revisions">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('filing.revisionNumber')}</th>
              <th scope="col">{t('filing.submittedAt')}</th>
              <th scope="col">{t('filing.certifiedBy')}</th>
              <th scope="col">{t('filing.amendmentReasonColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.number}>
                <th scope="row">
                  {revision.number}
                  {revision.nothingToReport ? ` (${t('filing.nothingReported')})` : ''}
                </th>
                <td>{date(revision.certifiedAt)}</td>
                <td>{t('filing.certifiedByValue', { name: revision.certifiedName, title: revision.certifiedTitle })}</td>
                <td>{revision.amendmentReason ?? t('filing.firstSubmission')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>{t('filing.amendIntro')}</p>
    </section>
  );
}
