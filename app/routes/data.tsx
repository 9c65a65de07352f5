/**
 * /data: where to take the numbers: every download and feed, and the data dictionary generated
 * from the metric catalogue, in the reader's language.
 */
import { TableRegion } from '~/components/table-region';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { MessageKey } from '~/i18n/i18n';
import { requestLocale } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { columnDictionary } from '~/open-data/columns';
import { dataDictionary } from '~/open-data/data-dictionary';
import { METRIC_CATALOGUE_VERSION } from '~/reporting/metrics';
import { pageMeta } from '~/components/error-page';

export function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  return { entries: dataDictionary(locale), columns: columnDictionary(locale), version: METRIC_CATALOGUE_VERSION };
}

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('data.title')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

const DOWNLOADS: { what: MessageKey; formats: { label: string; href: string }[] }[] = [
  { what: 'data.agreements', formats: [{ label: 'CSV', href: '/api/v1/agreements.csv?state=NC' }, { label: 'JSON', href: '/api/v1/agreements?state=NC' }] },
  { what: 'data.statewide', formats: [{ label: 'JSON', href: '/api/v1/places/nc' }, { label: 'CSV', href: '/api/v1/places/nc/counties.csv' }] },
  { what: 'data.compare', formats: [{ label: 'JSON', href: '/api/v1/compare?metric=gross_cost' }, { label: 'CSV', href: '/api/v1/compare.csv?metric=gross_cost' }] },
  { what: 'data.allFigures', formats: [{ label: 'CSV', href: '/api/v1/figures.csv' }] },
  { what: 'data.dictionaryDownload', formats: [{ label: 'CSV', href: '/api/v1/metrics.csv' }, { label: 'JSON', href: '/api/v1/metrics' }] },
  { what: 'data.audit', formats: [{ label: 'JSON', href: '/api/v1/audit-log' }] },
  { what: 'data.feeds', formats: [{ label: 'Atom', href: '/feeds/nc.atom' }] },
  { what: 'iceLists.dataRow', formats: [{ label: 'JSON', href: '/api/v1/ice-lists' }] },
];

export default function OpenData() {
  const { entries, columns, version } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const lang = locale === 'es' ? (href: string) => (href.includes('?') ? `${href}&lang=es` : `${href}?lang=es`) : (href: string) => href;
  return (
    <>
      <h1>{t('data.title')}</h1>
      <p className="lead">{t('data.intro')}</p>

      <section aria-labelledby="downloads">
        <h2 id="downloads">{t('data.downloads')}</h2>
        <TableRegion labelledBy="downloads">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('data.col.what')}</th>
                <th scope="col">{t('data.col.formats')}</th>
              </tr>
            </thead>
            <tbody>
              {DOWNLOADS.map((download) => (
                <tr key={download.what}>
                  <th scope="row">{t(download.what)}</th>
                  <td>
                    {download.formats.map((format, i) => (
                      <span key={format.href}>
                        {i > 0 ? ' · ' : null}
                        {/* CSV headers and dictionary text follow the page's language; JSON keys never change. */}
                        <a href={format.label === 'CSV' || download.what === 'data.dictionaryDownload' ? lang(format.href) : format.href} aria-label={`${t(download.what)} (${format.label})`}>
                          {format.label}
                        </a>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <p>{t('data.perPlace')}</p>
        <p>
          {t('iceLists.dataLink')} <Link to="/data/ice-lists">{t('iceLists.title')}</Link>
        </p>
        <p>{t('data.apiDocs', { url: '/api/v1/openapi.json' })}</p>
      </section>

      <section aria-labelledby="dictionary">
        <h2 id="dictionary">{t('data.dictionary')}</h2>
        <p>{t('data.dictionaryIntro', { version })}</p>
        <TableRegion labelledBy="dictionary">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('data.col.label')}</th>
                <th scope="col">{t('data.col.key')}</th>
                <th scope="col">{t('data.col.definition')}</th>
                <th scope="col">{t('data.col.unit')}</th>
                <th scope="col">{t('data.col.category')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.key}>
                  <th scope="row">{entry.label}</th>
                  <td>
                    <code>{entry.key}</code>
                  </td>
                  <td>
                    {entry.definition}
                    {entry.formula ? <> {t('data.derived', { formula: entry.formula })}</> : null}
                    {entry.groupLabel && entry.breakdownOf ? <> {t('data.partOf', { group: entry.groupLabel, total: t(`metric.${entry.breakdownOf}.label` as MessageKey) })}</> : null}
                  </td>
                  <td>{t(`unit.${entry.unit}` as MessageKey)}</td>
                  <td>{t(`metricCategory.${entry.category}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
      <ColumnDictionary columns={columns} />
    </>
  );
}

/** Every column of every download (open-data/columns.ts), with its files and its deprecated name. */
function ColumnDictionary({ columns }: { columns: ReturnType<typeof columnDictionary> }) {
  const { t } = useT();
  return (
    <section aria-labelledby="columns">
      <h2 id="columns">{t('data.columns')}</h2>
      <p>{t('data.columnsIntro')}</p>
      <TableRegion labelledBy="columns">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('data.col.column')}</th>
              <th scope="col">{t('data.col.meaning')}</th>
              <th scope="col">{t('data.col.files')}</th>
              <th scope="col">{t('data.col.legacy')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.name}>
                <th scope="row">
                  <code>{column.name}</code>
                </th>
                <td>{column.description}</td>
                <td>
                  {column.files.map((file, i) => (
                    <span key={file}>
                      {i > 0 ? ', ' : null}
                      <code>{file}</code>
                    </span>
                  ))}
                </td>
                <td>{column.legacyNames.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
