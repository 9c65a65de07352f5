import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { TableRegion } from '~/components/table-region';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import { requestLocale, requestTranslator } from '~/i18n/locale.server';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { filingsOverview, openFilingAs, type PeriodRow } from '~/reporting/filing-pages.server';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { OpenForm } from '~/reporting/filing-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('filings.title')) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // After a CSV upload (filings.upload.$requirementId): how many periods it filed.
  const filed = Number(new URL(request.url).searchParams.get('filed'));
  return { agencies: await filingsOverview(prisma(), actor, requestLocale(request)), filed: Number.isSafeInteger(filed) && filed > 0 ? filed : null };
}

/** Opening a period creates its filing on first use, so it is a POST, not a link. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = await parseForm(request, OpenForm);
  const t = requestTranslator(request);
  // Only a crafted form gets here (an id too large, a NUL byte): said, before any query.
  if (!parsed.ok) return data({ refused: Object.values(translateErrors(t, parsed.errors)).join(' ') }, { status: 400 });
  const opened = await openFilingAs(prisma(), actor, parsed.data);
  if (opened.ok) throw redirect(`/filings/${opened.filingId}`);
  // A period this requirement does not expect (an outdated page, or a crafted form): say so.
  return data({ refused: opened.messages.map((message) => describeFilingMessage(t, message)).join(' ') }, { status: 400 });
}

function StatusText({ period }: { period: PeriodRow }) {
  const { t } = useT();
  const status = t(`filings.status.${period.status}`);
  if (period.returned) return <strong>{t('filings.status.returned', { number: period.latestRevision ?? 1 })}</strong>;
  if (period.accepted) return <>{t('filings.status.accepted', { status: status.toLowerCase(), number: period.latestRevision ?? 1 })}</>;
  const text = period.draftSaved ? t('filings.status.draft', { status: status.toLowerCase() }) : status;
  return <>{period.latestRevision ? `${text} (${t('filings.revision', { number: period.latestRevision })})` : text}</>;
}

/** The row of a period, for the overdue summary's links. */
const rowId = (period: PeriodRow) => `period-${period.requirementId}-${period.key}`;

type Overview = ReturnType<typeof useLoaderData<typeof loader>>['agencies'];

/** The periods of every requirement that match, with their requirement. */
const periodsWhere = (agencies: Overview, match: (period: PeriodRow) => boolean) =>
  agencies.flatMap((agency) => agency.requirements.flatMap((requirement) => requirement.periods.filter(match).map((period) => ({ period, requirement }))));

/**
 * What the filer most needs to act on, first, each a link to its row: reports overdue, reports
 * the reviewers returned, and reports due soon (the period ended, the deadline not yet passed).
 */
function AttentionSummary({ agencies }: { agencies: Overview }) {
  const { t, date } = useT();
  const overdue = periodsWhere(agencies, (period) => period.status === 'overdue');
  const returned = periodsWhere(agencies, (period) => period.returned);
  const dueSoon = periodsWhere(agencies, (period) => period.status === 'due' && !period.latestRevision);
  return (
    <>
      {overdue.length > 0 ? (
        <section className="alert" aria-labelledby="overdue-summary">
          <h2 id="overdue-summary">{t('filings.overdueSummary', { count: overdue.length })}</h2>
          <PeriodLinks items={overdue} />
        </section>
      ) : null}
      {returned.length > 0 ? (
        <section className="alert" aria-labelledby="returned-summary">
          <h2 id="returned-summary">{t('filings.returnedSummary', { count: returned.length })}</h2>
          <PeriodLinks items={returned} />
        </section>
      ) : null}
      {dueSoon.length > 0 ? (
        <section className="notice" aria-labelledby="due-summary">
          <h2 id="due-summary">{t('filings.dueSummary', { count: dueSoon.length })}</h2>
          <PeriodLinks items={dueSoon} due={(period) => date(period.dueOn)} />
        </section>
      ) : null}
    </>
  );
}

function PeriodLinks({ items, due }: { items: ReturnType<typeof periodsWhere>; due?: (period: PeriodRow) => string }) {
  const { t } = useT();
  return (
    <ul>
      {items.map(({ period, requirement }) => (
        <li key={rowId(period)}>
          <a href={`#${rowId(period)}`}>
            {due
              ? t('filings.dueLink', { period: period.label, requirement: requirement.title, date: due(period) })
              : t('filings.overdueLink', { period: period.label, requirement: requirement.title })}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default function Filings() {
  const { agencies, filed } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.refused;
  const { t, date } = useT();
  return (
    <>
      <h1>{t('filings.title')}</h1>
      <p className="lead">{t('filings.intro')}</p>
      {refused ? (
        <div className="alert" role="alert">
          <p>{refused}</p>
        </div>
      ) : null}
      {filed ? (
        <p className="notice" role="status">
          {t('filingsCsv.filedNotice', { count: filed })}
        </p>
      ) : null}
      <AttentionSummary agencies={agencies} />
      {agencies.map((agency) => (
        <section key={agency.id} aria-labelledby={`agency-${agency.id}`}>
          <h2 id={`agency-${agency.id}`}>{t('filings.agency', { agency: agency.name })}</h2>
          {agency.requirements.length === 0 ? <p>{t('filings.noRequirements', { agency: agency.name })}</p> : null}
          {agency.requirements.map((requirement) => (
            <section key={requirement.id} aria-labelledby={`requirement-${requirement.id}`}>
              <h3 id={`requirement-${requirement.id}`}>{t('filings.requirement', { title: requirement.title, policy: requirement.policyTitle })}</h3>
              <ul className="plain">
                <li>
                  <a href={`/filings/template/${requirement.id}.csv`} download aria-label={t('filingsCsv.templateLinkLabel', { title: requirement.title })}>
                    {t('filingsCsv.templateLink')}
                  </a>
                </li>
                <li>
                  <Link to={`/filings/upload/${requirement.id}`} aria-label={t('filingsCsv.uploadLinkLabel', { title: requirement.title })}>
                    {t('filingsCsv.uploadLink')}
                  </Link>
                </li>
              </ul>
              {requirement.periods.length === 0 ? (
                <p>{t('filings.noPeriods')}</p>
              ) : (
                <TableRegion labelledBy={`requirement-${requirement.id}`}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('filings.period')}</th>
                        <th scope="col">{t('filings.dueOn')}</th>
                        <th scope="col">{t('filings.status')}</th>
                        <th scope="col">{t('filings.action')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {requirement.periods.map((period) => (
                        <tr key={period.key} id={rowId(period)}>
                          <th scope="row">{period.label}</th>
                          <td>{date(period.dueOn)}</td>
                          <td>
                            <StatusText period={period} />
                            {period.amendmentDraft && period.filingId ? (
                              <>
                                <br />
                                <Link to={`/filings/${period.filingId}`} aria-label={t('filings.amendmentDraftLabel', { period: period.label })}>
                                  {t('filings.amendmentDraft')}
                                </Link>
                              </>
                            ) : null}
                          </td>
                          <td>
                            {period.filingId ? (
                              <Link to={`/filings/${period.filingId}`} aria-label={t('filings.openLabel', { period: period.label })}>
                                {t('filings.open')}
                              </Link>
                            ) : (
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="requirementId" value={period.requirementId} />
                                <input type="hidden" name="periodKey" value={period.key} />
                                <button type="submit" className="secondary" aria-label={t('filings.openLabel', { period: period.label })}>
                                  {t('filings.open')}
                                </button>
                              </Form>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
              )}
            </section>
          ))}
        </section>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
