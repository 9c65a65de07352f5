import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SECURITY_EVENT_KINDS, securityEvents, securityEventTallies } from '~/admin/events.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { parseWith } from '~/utils/forms.server';
import { EventsQuery } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.events.title') })) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const query = parseWith(EventsQuery, new URL(request.url).searchParams);
  const { kind, page } = query.ok ? query.data : { kind: null, page: 1 };
  const [result, counted] = await Promise.all([securityEvents(prisma(), { page, kind }), securityEventTallies(prisma(), { kind })]);
  return { ...result, counted, kind: kind ?? '', kinds: SECURITY_EVENT_KINDS };
}

type Counted = Awaited<ReturnType<typeof securityEventTallies>>;

/** Anonymous refusals, counted per address and hour rather than recorded one by one. */
function CountedRefusals({ counted }: { counted: Counted }) {
  const { t } = useT();
  return (
    <section aria-labelledby="counted-title">
      <h2 id="counted-title">{t('admin.events.tallyTitle')}</h2>
      <p>{t('admin.events.tallyIntro')}</p>
      {counted.tallies.length ? (
        <TableRegion labelledBy="counted-caption">
          <table>
            <caption id="counted-caption">{t('admin.events.tallyCount', { total: counted.total, shown: counted.tallies.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.events.when')}</th>
                <th scope="col">{t('admin.events.what')}</th>
                <th scope="col">{t('admin.events.tallyTimes')}</th>
                <th scope="col">{t('admin.events.where')}</th>
              </tr>
            </thead>
            <tbody>
              {counted.tallies.map((tally) => (
                <tr key={tally.id}>
                  <td>{tally.firstAt === tally.lastAt ? tally.lastAt : `${tally.firstAt} – ${tally.lastAt}`}</td>
                  <th scope="row">
                    {t(`admin.eventKind.${tally.kind}` as MessageKey)}
                    {tally.lastEmail ? <div className="muted">{t('admin.events.tallyLastEmail', { email: tally.lastEmail })}</div> : null}
                  </th>
                  <td>{tally.count}</td>
                  <td>
                    {tally.source}
                    {tally.lastUserAgent ? <div className="muted">{tally.lastUserAgent}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t('admin.events.none')}</p>
      )}
    </section>
  );
}

export default function SecurityEvents() {
  const { events, page, pages, total, kind, kinds, counted } = useLoaderData<typeof loader>();
  const { t } = useT();
  const label = (k: string) => t(`admin.eventKind.${k}` as MessageKey);
  const pageLink = (n: number) => `/admin/events?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(n) })}`;
  const person = (p: { id: number; name: string | null; email: string | null } | null) =>
    p ? (p.name ? `${p.name} (${p.email})` : t('admin.events.deletedUser', { id: p.id })) : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.events.title')}</h1>
      <p>{t('admin.events.intro')}</p>

      <Form method="get" className="form">
        <div className="field">
          <label htmlFor="kind">{t('admin.events.kind')}</label>
          <select id="kind" name="kind" defaultValue={kind} key={kind}>
            <option value="">{t('admin.events.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {label(k)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('admin.events.filter')}</button>
      </Form>

      <TableRegion labelledBy="events-caption">
        <table>
          <caption id="events-caption">{t('admin.events.count', { count: total, page, pages })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.events.when')}</th>
              <th scope="col">{t('admin.events.what')}</th>
              <th scope="col">{t('admin.events.who')}</th>
              <th scope="col">{t('admin.events.where')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{event.at}</td>
                <th scope="row">
                  {label(event.kind)}
                  {event.subject ? <div>{t('admin.events.subject', { person: person(event.subject)! })}</div> : null}
                  {event.detail ? <div className="muted">{event.detail}</div> : null}
                </th>
                <td>{person(event.actor) ?? event.email ?? '—'}</td>
                <td>
                  {event.ip ?? '—'}
                  {event.userAgent ? <div className="muted">{event.userAgent}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {events.length === 0 ? <p>{t('admin.events.none')}</p> : null}

      {pages > 1 ? (
        <nav aria-label={t('admin.events.pages')}>
          <ul className="plain">
            {page > 1 ? (
              <li>
                <Link to={pageLink(page - 1)} rel="prev">
                  {t('admin.events.newer')}
                </Link>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <Link to={pageLink(page + 1)} rel="next">
                  {t('admin.events.older')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <CountedRefusals counted={counted} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
