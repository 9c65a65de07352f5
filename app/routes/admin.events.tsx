import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SECURITY_EVENT_KINDS, securityEvents } from '~/admin/events.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { parseWith } from '~/utils/forms.server';
import { EventsQuery } from '~/admin/operator-forms.server';

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.events.title') })) }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const query = parseWith(EventsQuery, new URL(request.url).searchParams);
  const { kind, page } = query.ok ? query.data : { kind: null, page: 1 };
  const result = await securityEvents(prisma(), { page, kind });
  return { ...result, kind: kind ?? '', kinds: SECURITY_EVENT_KINDS };
}

export default function SecurityEvents() {
  const { events, page, pages, total, kind, kinds } = useLoaderData<typeof loader>();
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
          <caption id="events-caption">{t('admin.events.count', { total, page, pages })}</caption>
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
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
