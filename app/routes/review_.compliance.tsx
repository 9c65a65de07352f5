import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds } from '~/auth/permissions';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { formatNumber } from '~/i18n/i18n';
import { periodLabel } from '~/reporting/period-label';
import { cellText, countKey } from '~/reporting/meeting-summary';
import {
  cellCounts,
  COUNT_KEYS,
  filterQuery,
  isFiltered,
  parseComplianceFilter,
  type ComplianceCell,
  type ComplianceFilter,
  type GridPeriod,
} from '~/reporting/review-compliance';
import { reviewComplianceView, type FilterChoices } from '~/reporting/review-compliance.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('reviewCompliance.title')) }];
});

// A table and links: nothing for JavaScript to do.
export const handle = { hydrate: false };

/** GET /review/compliance?status=&agency=&policy=&requirement=&from=&to=: the filters are a plain GET form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => reviewedJurisdictionIds(person).length > 0);
  const filter = parseComplianceFilter(new URL(request.url).searchParams);
  return { ...(await reviewComplianceView(prisma(), actor, filter)), filter };
}

type Place = ReturnType<typeof useLoaderData<typeof loader>>['places'][number];

export default function ReviewCompliance() {
  const { places, filter, choices } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/review">{t('review.title')}</Link>
      </p>
      <h1>{t('reviewCompliance.title')}</h1>
      <p className="lead">{t('reviewCompliance.intro')}</p>
      <FilterForm filter={filter} choices={choices} />
      <p>
        <a href={`/review/compliance.csv${filterQuery(filter)}`} download>
          {t('reviewCompliance.csv')}
        </a>
      </p>
      {places.map((place) => (
        <PlaceGrid key={place.id} place={place} filtered={isFiltered(filter)} />
      ))}
    </>
  );
}

/** One reviewed place: where its public table is, a tally, and the agencies × periods table. */
function PlaceGrid({ place, filtered }: { place: Place; filtered: boolean }) {
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
      {place.periods.length > 0 ? <SummaryForm placeId={place.id} periods={place.periods} /> : null}
      {grid.periods.length === 0 ? (
        <p>{t(filtered && place.periods.length > 0 ? 'reviewCompliance.filter.none' : 'reviewCompliance.noRequirement')}</p>
      ) : (
        <>
          <p id={`${heading}-counts`}>{t('reviewCompliance.counts')}</p>
          <ul className="meeting-summary-counts" aria-labelledby={`${heading}-counts`}>
            {COUNT_KEYS.filter((key) => counts[key] > 0).map((key) => (
              <li key={key} data-count={key}>
                {t('meetingSummary.count', { label: t(countKey(key)), count: formatNumber(counts[key], locale) })}
              </li>
            ))}
          </ul>
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
 * works without JavaScript). The newest period already ended is chosen first.
 */
function SummaryForm({ placeId, periods }: { placeId: number; periods: GridPeriod[] }) {
  const { t, locale } = useT();
  const today = new Date().toISOString().slice(0, 10);
  const ended = periods.filter((period) => period.end < today);
  const chosen = (ended[ended.length - 1] ?? periods[periods.length - 1]).key;
  const id = `summary-period-${placeId}`;
  return (
    <form method="get" action="/review/compliance/summary" className="inline-form" aria-label={t('meetingSummary.form')}>
      <input type="hidden" name="place" value={placeId} />
      <label htmlFor={id}>{t('meetingSummary.formPeriod')}</label>{' '}
      <select id={id} name="period" defaultValue={chosen}>
        {periods.map((period) => (
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

/** The filters, a plain GET form (works without JavaScript); the CSV link carries the same query. */
function FilterForm({ filter, choices }: { filter: ComplianceFilter; choices: FilterChoices }) {
  const { t } = useT();
  return (
    <form method="get" action="/review/compliance" className="filter-form">
      <fieldset>
        <legend>{t('reviewCompliance.filter.legend')}</legend>
        <label>
          {t('reviewCompliance.filter.status')}{' '}
          <select name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('reviewCompliance.filter.any')}</option>
            {COUNT_KEYS.map((status) => (
              <option key={status} value={status}>
                {t(countKey(status))}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('reviewCompliance.filter.agency')}{' '}
          <select name="agency" defaultValue={filter.agencyId ?? ''}>
            <option value="">{t('reviewCompliance.filter.any')}</option>
            {choices.agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('reviewCompliance.filter.policy')}{' '}
          <select name="policy" defaultValue={filter.policyId ?? ''}>
            <option value="">{t('reviewCompliance.filter.any')}</option>
            {choices.policies.map((policy) => (
              <option key={policy.id} value={policy.id}>
                {policy.title}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('reviewCompliance.filter.requirement')}{' '}
          <select name="requirement" defaultValue={filter.requirementId ?? ''}>
            <option value="">{t('reviewCompliance.filter.any')}</option>
            {choices.requirements.map((requirement) => (
              <option key={requirement.id} value={requirement.id}>
                {requirement.agencyName}: {requirement.title}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('reviewCompliance.filter.from')} <input type="date" name="from" defaultValue={filter.from ?? ''} />
        </label>{' '}
        <label>
          {t('reviewCompliance.filter.to')} <input type="date" name="to" defaultValue={filter.to ?? ''} />
        </label>{' '}
        <button type="submit">{t('reviewCompliance.filter.submit')}</button> <a href="/review/compliance">{t('reviewCompliance.filter.clear')}</a>
      </fieldset>
    </form>
  );
}

/** A cell's status in words, the review decision beside it, and the report to open. */
function Cell({ cell }: { cell: ComplianceCell }) {
  const { t, locale } = useT();
  // The same words as the meeting summary's (reporting/meeting-summary.ts).
  const text = cellText(cell, t, locale);
  return (
    <div className={cell.status === 'no_requirement' || cell.status === 'not_yet_due' ? 'muted' : undefined}>
      {cell.filingId !== null && cell.review !== null ? <Link to={`/review/filings/${cell.filingId}`}>{text}</Link> : text}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
