import { Link } from '@remix-run/react';
import { describeEventSource } from '~/i18n/registry-text';
import { useT } from '~/i18n/use-t';
import type { AgencyView, SourceView } from '~/registry/registry-queries.server';
import { agencyPath } from '~/paths';

export function StatusTag({ status }: { status: 'ACTIVE' | 'PENDING' | 'ENDED' }) {
  const { t } = useT();
  return <span className={`tag tag-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

/** An agency with its agreements, as a short list for search results and place pages. */
export function AgencyCard({ agency, headingLevel = 3 }: { agency: AgencyView; headingLevel?: 2 | 3 }) {
  const { t, date } = useT();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card">
      <Heading>
        <Link to={agencyPath(agency)}>{agency.name}</Link>
      </Heading>
      <p className="muted">{t(`agencyKind.${agency.kind}`)}</p>
      <ul className="plain">
        {agency.agreements.map((agreement) => (
          <li key={agreement.publicId}>
            <StatusTag status={agreement.status} /> {t(`model.${agreement.model}`)}
            {agreement.signedOn ? ` — ${t('agency.signedOn', { date: date(agreement.signedOn) })}` : ''}
            {agreement.onIceList ? null : (
              <>
                {' '}
                <NotOnIceListTag />
              </>
            )}
            <SourceList sources={agreement.sources} />
          </li>
        ))}
      </ul>
    </article>
  );
}

export function NotOnIceListTag() {
  const { t } = useT();
  return (
    <span className="tag tag-unlisted" title={t('agreement.notOnIceListExplain')}>
      {t('agreement.notOnIceList')}
    </span>
  );
}

/** Where the registry's knowledge of an agreement comes from, each source with its own date. */
export function SourceList({ sources }: { sources: SourceView[] }) {
  const { t, date } = useT();
  if (sources.length === 0) return null;
  return (
    <p className="muted sources">
      {t('agreement.sources')}:{' '}
      {sources.map((source, index) => {
        const title = source.kind === 'ICE_LIST' ? describeEventSource(source.title, t, date) : `${t(`source.${source.kind}`)}: ${source.title}`;
        return (
          <span key={`${source.kind}-${index}`}>
            {index > 0 ? '; ' : null}
            {source.url ? (
              <a href={source.url} rel="noreferrer">
                {title}
              </a>
            ) : (
              title
            )}
            {source.signedOn ? ` (${t('source.dated', { date: date(source.signedOn) })})` : null}
            {source.documentId ? (
              <>
                {' '}
                (<a href={`/sources/${source.documentId}`}>{t('source.document')}</a>)
              </>
            ) : null}
          </span>
        );
      })}
    </p>
  );
}
