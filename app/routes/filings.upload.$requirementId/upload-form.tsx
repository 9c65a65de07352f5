import { Form, useNavigation } from '@remix-run/react';
import { Field } from '~/components/forms';
import { useT } from '~/i18n/use-t';
import type { Refused, UploadPageData } from './route';

/** The head's form: the file, who certifies it, and the certification under the policy's oath. */
export function UploadForm({ oathText, limits, refused }: { oathText: string; limits: UploadPageData['limits']; refused: Refused | null }) {
  const { t } = useT();
  const busy = useNavigation().state === 'submitting';
  const errors = refused?.errors ?? {};
  return (
    <section aria-labelledby="csv-upload">
      <h2 id="csv-upload">{t('filingsCsv.formTitle')}</h2>
      <p>{t('filingsCsv.formIntro')}</p>
      <blockquote>{oathText}</blockquote>
      <Form method="post" encType="multipart/form-data" noValidate className="form">
        <Field
          label={t('filingsCsv.file')}
          hint={t('filingsCsv.fileHint', { rows: limits.rows, megabytes: limits.megabytes })}
          name="file"
          type="file"
          accept=".csv,text/csv"
          error={errors.file}
          required
        />
        <Field label={t('filingsCsv.certifiedName')} name="certifiedName" defaultValue={refused?.posted.certifiedName ?? ''} error={errors.certifiedName} autoComplete="name" required />
        <Field
          label={t('filingsCsv.certifiedTitle')}
          hint={t('filingsCsv.certifiedTitleHint')}
          name="certifiedTitle"
          defaultValue={refused?.posted.certifiedTitle ?? ''}
          error={errors.certifiedTitle}
          autoComplete="organization-title"
          required
        />
        <div className="checkbox-field">
          <input
            type="checkbox"
            id="field-certify"
            name="certify"
            required
            aria-invalid={errors.certify ? true : undefined}
            aria-describedby={errors.certify ? 'field-certify-error' : undefined}
          />{' '}
          <label htmlFor="field-certify">{t('filingsCsv.certify')}</label>
          {errors.certify ? (
            <p id="field-certify-error" className="field-error">
              {errors.certify}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t('filingsCsv.checking') : t('filingsCsv.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}
