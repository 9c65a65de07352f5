/**
 * Refusals to report and notices of non-compliance (issue 15, point 3), on the agency's public
 * page beside its compliance record and extensions: each refusal (the date of the agency's
 * letter, the requirement, the periods declined, what it said, the letter) and each notice (when
 * it was made, the periods it names, the response date, when and how it was sent, the letter).
 * Nothing at all when there are none.
 */
import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import { periodKeyLabel } from '~/reporting/follow-through';

export interface RefusalRow {
  id: number;
  requirementTitle: string;
  periodKeys: string[];
  declinedOn: string;
  statement: string;
  letter: { fileName: string } | null;
}

export interface NoticeRow {
  id: number;
  requirementTitle: string;
  periodKeys: string[];
  respondBy: string;
  generatedOn: string;
  sentOn: string | null;
  sentHow: string | null;
}

export function RefusalsAndNotices({ slug, refusals, notices }: { slug: string; refusals: RefusalRow[]; notices: NoticeRow[] }) {
  const { t, date, locale } = useT();
  const periods = (keys: string[]) => keys.map((key) => periodKeyLabel(key, locale)).join('; ');
  return (
    <>
      {refusals.length > 0 ? (
        <section aria-labelledby="refusals">
          <h2 id="refusals">{t('agency.refusals')}</h2>
          <p className="muted">{t('agency.refusalsIntro')}</p>
          <TableRegion labelledBy="refusals">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('agency.refusals.date')}</th>
                  <th scope="col">{t('agency.extensions.requirement')}</th>
                  <th scope="col">{t('agency.refusals.periods')}</th>
                  <th scope="col">{t('agency.refusals.statement')}</th>
                  <th scope="col">{t('agency.refusals.letter')}</th>
                </tr>
              </thead>
              <tbody>
                {refusals.map((refusal) => (
                  <tr key={refusal.id}>
                    <td>{date(refusal.declinedOn)}</td>
                    <td>{refusal.requirementTitle}</td>
                    <td>{periods(refusal.periodKeys)}</td>
                    <td className="prewrap">{refusal.statement}</td>
                    <td>
                      {refusal.letter ? (
                        <a href={`/agencies/${slug}/refusals/${refusal.id}/file`} download>
                          {refusal.letter.fileName}
                        </a>
                      ) : (
                        t('agency.refusals.noLetter')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}
      {notices.length > 0 ? (
        <section aria-labelledby="notices">
          <h2 id="notices">{t('agency.notices')}</h2>
          <p className="muted">{t('agency.noticesIntro')}</p>
          <TableRegion labelledBy="notices">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('agency.notices.generated')}</th>
                  <th scope="col">{t('agency.extensions.requirement')}</th>
                  <th scope="col">{t('agency.refusals.periods')}</th>
                  <th scope="col">{t('agency.notices.respondBy')}</th>
                  <th scope="col">{t('agency.notices.sent')}</th>
                  <th scope="col">{t('agency.notices.letter')}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((notice) => (
                  <tr key={notice.id}>
                    <td>{date(notice.generatedOn)}</td>
                    <td>{notice.requirementTitle}</td>
                    <td>{periods(notice.periodKeys)}</td>
                    <td>{date(notice.respondBy)}</td>
                    <td>{notice.sentOn ? t('agency.notices.sentOn', { date: date(notice.sentOn), how: notice.sentHow ?? '' }) : t('agency.notices.notSent')}</td>
                    <td>
                      <a href={`/agencies/${slug}/notices/${notice.id}.pdf`}>{t('agency.notices.pdf')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}
    </>
  );
}
