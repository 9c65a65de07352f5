import { useLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { TableRegion } from '~/components/table-region';
import { Field } from '~/components/forms';
import { useT } from '~/i18n/use-t';
import { ACCEPT_ATTRIBUTE, describeAttachmentProblem, formatSize, type AttachmentProblem } from '~/reporting/attachment-types';
import type { AttachmentOutcome } from './filing-form.server';
import type { loader } from './route';

/** The id of the file input, for the error summary's link to it. */
export const FILE_FIELD_ID = 'field-file';

/**
 * What the attachments section says about the last attach or removal: the form's answer
 * (`outcome`), else what the attachments route redirected back with (the loader's query).
 */
export function attachmentState(outcome: AttachmentOutcome | null | undefined, loaded: FilingAttachments) {
  if (outcome) {
    return {
      attached: 'attached' in outcome ? outcome.attached : null,
      removed: 'removed' in outcome,
      problem: 'problem' in outcome ? outcome.problem : null,
    };
  }
  return { attached: loaded.attachedNotice, removed: loaded.removedNotice, problem: loaded.problem };
}

type FilingAttachments = ReturnType<typeof useLoaderData<typeof loader>>['attachments'];

/**
 * The report's documents: list, download, remove from a draft, attach another. Inside the
 * report's form: Attach and Remove post the whole form, so the figures typed are saved with them.
 */
export function Attachments({
  isAmendment,
  filingId,
  attached,
  removed,
  problem,
  busy,
}: {
  isAmendment: boolean;
  filingId: number;
  attached: string | null;
  removed: boolean;
  problem: AttachmentProblem | null;
  busy: boolean;
}) {
  const { attachments } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  // Attached: the file is no longer waiting in the field (React leaves a file input as it was).
  useEffect(() => {
    const input = document.getElementById(FILE_FIELD_ID);
    if (attached && input instanceof HTMLInputElement) input.value = '';
  }, [attached]);
  const { items, maxBytes } = attachments;
  // A removal refused (a sealed file) is the error summary's to say; an upload's also goes under the file field.
  const uploadMessage = problem && problem.code !== 'sealed' ? describeAttachmentProblem(t, problem) : null;
  return (
    <section id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      <p>{t('attachments.intro')}</p>
      {attached ? (
        <p className="notice" role="status">
          {t('attachments.attachedNotice', { file: attached })}
        </p>
      ) : null}
      {removed ? (
        <p className="notice" role="status">
          {t('attachments.removedNotice')}
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
                    <a href={`/filings/${filingId}/attachments/${item.id}`} aria-label={t('attachments.download', { file: item.fileName })}>
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
                      <button type="submit" name="intent" value={`remove:${item.id}`} disabled={busy} aria-label={t('attachments.removeLabel', { file: item.fileName })}>
                        {t('attachments.remove')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h3>{t('attachments.uploadTitle')}</h3>
      <Field
        type="file"
        id={FILE_FIELD_ID}
        name="file"
        label={t('attachments.fileLabel')}
        hint={t('attachments.fileHint', { limit: formatSize(t, maxBytes) })}
        error={uploadMessage}
        accept={ACCEPT_ATTRIBUTE}
      />
      <p>
        {/* Multipart only for this button: the other buttons post the form as text. */}
        <button type="submit" name="intent" value="upload" formEncType="multipart/form-data" disabled={busy}>
          {t('attachments.upload')}
        </button>
      </p>
    </section>
  );
}
