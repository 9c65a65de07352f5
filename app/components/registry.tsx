import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { describeEventSource } from '~/i18n/registry-text';
import { useT } from '~/i18n/use-t';
import { webAddress } from '~/registry/ice-list-links';
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
            <WebLink href={source.url}>{title}</WebLink>
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

/** A link to an address that came from outside (an ICE list, a recorded source): only to a web address (http, https), else the text alone. */
function WebLink({ href, children }: { href: string | null | undefined; children: ReactNode }) {
  const url = webAddress(href);
  return url ? (
    <a href={url} rel="noreferrer">
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}

/** An agreement's MOA: a link to it when ICE's list gave a web address for it, else whether it is pending or missing. */
export function MoaStatus({ moaLink, moaUrl }: { moaLink: 'LINKED' | 'PENDING' | 'NONE'; moaUrl: string | null }) {
  const { t } = useT();
  const url = moaLink === 'LINKED' ? webAddress(moaUrl) : null;
  if (url) return <WebLink href={url}>{t('agency.moaLinked')}</WebLink>;
  return <>{moaLink === 'PENDING' ? t('agency.moaPending') : t('agency.moaNone')}</>;
}
