import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds } from '~/auth/permissions';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { periodLabel } from '~/reporting/period-label';
import { cellWordKeys } from '~/reporting/meeting-summary';
import { cellCounts, type ComplianceCell, type ComplianceGrid } from '~/reporting/review-compliance';
import { reviewCompliance } from '~/reporting/review-pages.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('reviewCompliance.title')) }];
});

// A table and links: nothing for JavaScript to do.
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => reviewedJurisdictionIds(person).length > 0);
  return { places: await reviewCompliance(prisma(), actor) };
}

type Place = ReturnType<typeof useLoaderData<typeof loader>>['places'][number];

export default function ReviewCompliance() {
  const { places } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/review">{t('review.title')}</Link>
      </p>
      <h1>{t('reviewCompliance.title')}</h1>
      <p className="lead">{t('reviewCompliance.intro')}</p>
      <p>
        <a href="/review/compliance.csv" download>
          {t('reviewCompliance.csv')}
        </a>
      </p>
      {places.map((place) => (
        <PlaceGrid key={place.id} place={place} />
      ))}
    </>
  );
}

/** One reviewed place: where its public table is, a tally, and the agencies × periods table. */
function PlaceGrid({ place }: { place: Place }) {
  const { t, locale } = useT();
  const { grid } = place;
  const heading = `compliance-${place.id}`;
  const counts = cellCounts(grid);
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>{place.name}</h2>
      {place.publicTable ? (
        <p>
          <a href={place.publicTable}>{t('reviewCompliance.publicTable', { place: place.name })}</a>
        </p>
      ) : null}
      {grid.periods.length === 0 ? (
        <p>{t('reviewCompliance.noRequirement')}</p>
      ) : (
        <>
          <p>
            {t('reviewCompliance.tally', {
              onTime: counts.on_time,
              late: counts.late,
              returned: counts.returned,
              overdue: counts.overdue,
              accepted: counts.accepted,
              awaiting: counts.awaiting_review,
            })}
          </p>
          <SummaryForm placeId={place.id} grid={grid} />
          <TableRegion labelledBy={`${heading}-caption`}>
            <table className="compliance-grid">
              <caption id={`${heading}-caption`}>{t('reviewCompliance.caption', { place: place.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviewCompliance.agency')}</th>
                  {grid.periods.map((period) => (
                    <th scope="col" key={period.key} title={periodLabel(period.start, period.end, locale)}>
                      {period.key}
                      <span className="visually-hidden"> ({periodLabel(period.start, period.end, locale)})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.agencies.map((agency) => (
                  <tr key={agency.id}>
                    <th scope="row">{agency.name}</th>
                    {agency.cells.map((cells, i) => (
                      <td key={grid.periods[i].key} data-status={cells.map((cell) => cell.status).join(' ')}>
                        {cells.map((cell, j) => (
                          <Cell key={j} cell={cell} />
                        ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

/**
 * The meeting summary of one period of the place, printable or as a PDF (a plain GET form: it
 * works without JavaScript). The newest period that is already due is chosen first.
 */
function SummaryForm({ placeId, grid }: { placeId: number; grid: ComplianceGrid }) {
  const { t, locale } = useT();
  const due = grid.periods.filter((_, i) => grid.agencies.some((agency) => agency.cells[i].some((cell) => cell.status !== 'not_yet_due' && cell.status !== 'no_requirement')));
  const chosen = (due[due.length - 1] ?? grid.periods[grid.periods.length - 1]).key;
  const id = `summary-period-${placeId}`;
  return (
    <form method="get" action="/review/compliance/summary" className="inline-form" aria-label={t('meetingSummary.form')}>
      <input type="hidden" name="place" value={placeId} />
      <label htmlFor={id}>{t('meetingSummary.formPeriod')}</label>{' '}
      <select id={id} name="period" defaultValue={chosen}>
        {grid.periods.map((period) => (
          <option key={period.key} value={period.key}>
            {period.key} ({periodLabel(period.start, period.end, locale)})
          </option>
        ))}
      </select>{' '}
      <button type="submit">{t('meetingSummary.formHtml')}</button>{' '}
      <button type="submit" formAction="/review/compliance/summary.pdf">
        {t('meetingSummary.formPdf')}
      </button>
    </form>
  );
}

/** A cell's status in words, the review decision beside it, and the report to open. */
function Cell({ cell }: { cell: ComplianceCell }) {
  const { t } = useT();
  // The same words as the meeting summary's (reporting/meeting-summary.ts).
  const text = cellWordKeys(cell)
    .map((key) => t(key))
    .join(' · ');
  return (
    <div className={cell.status === 'no_requirement' || cell.status === 'not_yet_due' ? 'muted' : undefined}>
      {cell.filingId !== null && cell.review !== null ? <Link to={`/review/filings/${cell.filingId}`}>{text}</Link> : text}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
