/**
 * /data/ice-lists: every copy of ICE's lists the portal fetched, as received, with its SHA-256,
 * size, time and source, and whether it was imported: where the registry's figures come from.
 * (data_: a page of its own, not rendered inside /data.)
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { requestLocale } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { iceListArchive } from '~/registry/ice-archive.server';
import { fetchMessageText } from '~/registry/ice-fetch-messages';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('iceLists.title')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const t = translator(locale);
  // Times in North Carolina's zone, formatted here so the page reads the same without JavaScript.
  const when = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });
  const files = await iceListArchive(prisma());
  return {
    files: files.map((file) => ({
      id: file.id,
      listKind: file.listKind,
      fetchedAt: file.fetchedAt.toISOString(),
      fetched: when.format(file.fetchedAt),
      url: file.url,
      httpStatus: file.httpStatus,
      size: file.size,
      sha256: file.sha256,
      fileName: file.fileName,
      result: file.result,
      listDate: file.listDate,
      reason: file.reasonMessage ? fetchMessageText(t, file.reasonMessage) : file.reason,
    })),
  };
}

export default function IceListArchive() {
  const { files } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const result = (file: (typeof files)[number]) => {
    if (file.result === 'imported' && file.listDate) return t('iceLists.result.imported', { date: date(file.listDate) });
    if (file.result === 'alreadyImported' && file.listDate) return t('iceLists.result.alreadyImported', { date: date(file.listDate) });
    return t('iceLists.result.notImported', { reason: file.reason ?? '' });
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/data">{t('data.title')}</Link>
      </p>
      <h1>{t('iceLists.title')}</h1>
      <p className="lead">{t('iceLists.intro')}</p>
      <p>{t('iceLists.schedule')}</p>
      <p>{t('iceLists.json', { url: '/api/v1/ice-lists' })}</p>

      <section aria-labelledby="files">
        <h2 id="files">{t('iceLists.filesTitle')}</h2>
        {files.length ? (
          <TableRegion labelledBy="files">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('iceLists.col.fetched')}</th>
                  <th scope="col">{t('iceLists.col.list')}</th>
                  <th scope="col">{t('iceLists.col.file')}</th>
                  <th scope="col">{t('iceLists.col.sha256')}</th>
                  <th scope="col">{t('iceLists.col.source')}</th>
                  <th scope="col">{t('iceLists.col.status')}</th>
                  <th scope="col">{t('iceLists.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr key={file.id}>
                    <th scope="row">
                      <time dateTime={file.fetchedAt}>{file.fetched}</time>
                    </th>
                    <td>{t(`admin.imports.kind.${file.listKind}`)}</td>
                    <td>
                      <a href={`/data/ice-lists/${file.id}`} download={file.fileName} aria-label={t('iceLists.download', { file: file.fileName })}>
                        {file.fileName}
                      </a>
                      <br />
                      {t('iceLists.bytes', { count: number(file.size) })}
                    </td>
                    <td className="digest">
                      <code>{file.sha256}</code>
                    </td>
                    <td className="digest">{file.url}</td>
                    <td>{file.httpStatus}</td>
                    <td>{result(file)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t('iceLists.none')}</p>
        )}
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
