import { Form, useLoaderData } from '@remix-run/react';
import { TableRegion } from '~/components/table-region';
import { Field } from '~/components/forms';
import { useT } from '~/i18n/use-t';
import { ACCEPT_ATTRIBUTE, describeAttachmentProblem, formatSize } from '~/reporting/attachment-types';
import type { loader } from './route';

/** The report's documents: list, download, remove from a draft, attach another (its own form). */
export function Attachments({ filingId, isAmendment }: { filingId: number; isAmendment: boolean }) {
  const { attachments } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const { items, maxBytes, problem, attachedNotice, removedNotice } = attachments;
  const action = `/filings/${filingId}/attachments`;
  const message = problem ? describeAttachmentProblem(t, problem) : null;
  const removalRefused = problem?.code === 'sealed';
  return (
    <section id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      <p>{t('attachments.intro')}</p>
      {attachedNotice ? (
        <p className="notice" role="status">
          {t('attachments.attachedNotice', { file: attachedNotice })}
        </p>
      ) : null}
      {removedNotice ? (
        <p className="notice" role="status">
          {t('attachments.removedNotice')}
        </p>
      ) : null}
      {removalRefused ? (
        <p className="alert" role="alert">
          {message}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('attachments.none')}</p>
      ) : (
        <TableRegion labelledBy="attachments-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('attachments.name')}</th>
                <th scope="col">{t('attachments.type')}</th>
                <th scope="col">{t('attachments.size')}</th>
                <th scope="col">{t('attachments.uploaded')}</th>
                <th scope="col">{t('attachments.state')}</th>
                <th scope="col">{t('attachments.action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={`${action}/${item.id}`} aria-label={t('attachments.download', { file: item.fileName })}>
                      {item.fileName}
                    </a>
                  </th>
                  <td>{item.kind ? t(`attachments.type.${item.kind}`) : item.mediaType}</td>
                  <td>{formatSize(t, item.size)}</td>
                  <td>{item.uploadedBy ? t('attachments.uploadedValue', { date: date(item.uploadedOn), name: item.uploadedBy }) : date(item.uploadedOn)}</td>
                  <td>
                    {item.revisionNumber !== null
                      ? t('attachments.submittedWith', { revision: item.revisionNumber })
                      : t(isAmendment ? 'attachments.draftAmendment' : 'attachments.draftFirst')}
                  </td>
                  <td>
                    {item.revisionNumber === null ? (
                      <Form method="post" action={action} reloadDocument>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="attachmentId" value={item.id} />
                        <button type="submit" aria-label={t('attachments.removeLabel', { file: item.fileName })}>
                          {t('attachments.remove')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Form method="post" action={action} encType="multipart/form-data" reloadDocument>
        <h3>{t('attachments.uploadTitle')}</h3>
        <input type="hidden" name="intent" value="upload" />
        <Field
          type="file"
          name="file"
          label={t('attachments.fileLabel')}
          hint={t('attachments.fileHint', { limit: formatSize(t, maxBytes) })}
          error={removalRefused ? null : message}
          accept={ACCEPT_ATTRIBUTE}
          required
        />
        <p>
          <button type="submit">{t('attachments.upload')}</button>
        </p>
      </Form>
    </section>
  );
}

