import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { formatDate, formatNumber } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { cellText, countKey } from '~/reporting/meeting-summary';
import { loadMeetingSummary } from '~/reporting/meeting-summary.server';
import { periodLabel } from '~/reporting/period-label';

export const meta: MetaFunction<typeof loader> = pageMeta<typeof loader>(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? `${t('meetingSummary.documentTitle')}: ${data.place.name}, ${data.period.key}` : t('meetingSummary.documentTitle')) }];
});

// A document to print: nothing for JavaScript to do.
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => isOperator(person) || reviewedJurisdictionIds(person).length > 0);
  const url = new URL(request.url);
  const result = await loadMeetingSummary(prisma(), actor, url.searchParams.get('place'), url.searchParams.get('period'));
  // The error page says what was wrong (a 400 with its message key).
  if (!result.ok) throw Response.json({ message: result.message }, { status: result.status });
  return result.summary;
}

/**
 * Letter paper; the page number at the foot where the browser supports margin boxes. The words
 * are the catalog's (no quotes in them), so they can sit in a CSS string.
 */
function printCss(pageOf: string): string {
  return `@page { size: letter; margin: 0.75in 0.75in 0.9in; @bottom-right { content: "${pageOf}"; font-size: 9pt; } }
@media print { .meeting-summary-actions { display: none; } }
.meeting-summary-table { width: 100%; }`;
}

export default function MeetingSummaryPage() {
  const summary = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const label = periodLabel(summary.period.start, summary.period.end, locale);
  const query = `place=${summary.place.id}&period=${encodeURIComponent(summary.period.key)}`;
  const pageOf = t('meetingSummary.pageOf', { page: '" counter(page) "', pages: '" counter(pages) "' });
  return (
    <article className="meeting-summary">
      <style dangerouslySetInnerHTML={{ __html: printCss(pageOf) }} />
      <p className="meeting-summary-actions">
        <Link to="/review/compliance">{t('meetingSummary.back')}</Link> ·{' '}
        <a href={`/review/compliance/summary.pdf?${query}`}>{t('meetingSummary.pdf')}</a>
      </p>
      <h1>{t('meetingSummary.title', { place: summary.place.name, period: label })}</h1>
      <p>{t('meetingSummary.period', { label, key: summary.period.key })}</p>
      <p data-generated={summary.generatedOn}>{t('meetingSummary.generated', { date: formatDate(summary.generatedOn, locale) })}</p>
      <h2>{t('meetingSummary.policies')}</h2>
      {summary.policies.length === 0 ? (
        <p>{t('meetingSummary.noPolicy')}</p>
      ) : (
        <ul>
          {summary.policies.map((policy, i) => (
            <li key={i}>{t('meetingSummary.policy', { title: policy.title, statute: policy.statute, date: formatDate(policy.adoptedOn, locale) })}</li>
          ))}
        </ul>
      )}
      <table className="meeting-summary-table">
        <thead>
          <tr>
            <th scope="col">{t('meetingSummary.agency')}</th>
            <th scope="col">{t('meetingSummary.status')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.agencyId} data-agency={row.agencyId}>
              <th scope="row">{row.agencyName}</th>
              <td data-status={row.cells.map((cell) => cell.status).join(' ')}>{row.cells.map((cell) => cellText(cell, t, locale)).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('meetingSummary.counts')}</h2>
      <ul className="meeting-summary-counts">
        {summary.counts.map(({ key, count }) => (
          <li key={key} data-count={key}>
            {t('meetingSummary.count', { label: t(countKey(key)), count: formatNumber(count, locale) })}
          </li>
        ))}
      </ul>
    </article>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
