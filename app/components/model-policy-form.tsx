/**
 * One page of a model policy's questions (answers.ts field names), for adopting and amending.
 * Plain form posts: `intent=preview` shows the resolution below, `intent=adopt` adopts, and the
 * download buttons post the same answers to the draft route (formaction). No JavaScript needed.
 */
import { Form } from '@remix-run/react';
import { ErrorSummary, Field, TextAreaField } from '~/components/forms';
import { isMessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { METRICS } from '~/reporting/metrics';
import { FREQUENCIES } from '~/reporting/calendar';
import type { ResolutionDocument } from '~/policies/resolution';
import { ResolutionView } from '~/policies/resolution-view';

export interface AnswersFormProps {
  templateId: string;
  fields: Record<string, string | string[]>;
  errors: Record<string, string>;
  warnings: string[];
  preview: ResolutionDocument | null;
  preapproval: boolean;
  submitLabel: string;
  /** The action data, to focus the error summary after a post. */
  result: object | null;
}

const one = (fields: Record<string, string | string[]>, name: string) => {
  const value = fields[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const many = (fields: Record<string, string | string[]>, name: string) => {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

export function AnswersForm({ templateId, fields, errors, warnings, preview, preapproval, submitLabel, result }: AnswersFormProps) {
  const { t } = useT();
  const text = (name: string, label: string, extra: { type?: string; inputMode?: 'numeric' } = {}) => (
    <Field label={label} name={name} defaultValue={one(fields, name)} error={errors[name]} {...extra} />
  );
  const agencyRows = Object.keys(fields).filter((name) => /^agencies\.\d+\.name$/.test(name));
  const errorItems = Object.entries(errors).map(([field, message]) => ({ text: message, fieldId: `field-${field}` }));
  return (
    <Form method="post" reloadDocument noValidate>
      <input type="hidden" name="templateId" value={templateId} />
      {errorItems.length > 0 ? <ErrorSummary title={t('policyPage.errorsTitle')} items={errorItems} focusAfter={result} /> : null}
      <fieldset>
        <legend>{t('policyPage.section.body')}</legend>
        {text('jurisdictionName', t('policyPage.field.jurisdictionName'))}
        {text('adoptingBody', t('policyPage.field.adoptingBody'))}
        {text('resolutionNumber', t('policyPage.field.resolutionNumber'))}
        {text('agencyHead', t('policyPage.field.agencyHead'))}
        {text('presidingOfficer', t('policyPage.field.presidingOfficer'))}
        {text('clerk', t('policyPage.field.clerk'))}
      </fieldset>
      <fieldset>
        <legend>{t('policyPage.section.agencies')}</legend>
        {agencyRows.map((name) => {
          const i = name.split('.')[1];
          return (
            <div key={name}>
              <input type="hidden" name={`agencies.${i}.id`} value={one(fields, `agencies.${i}.id`)} />
              <Field label={`${t('policyPage.field.agency')} ${Number(i) + 1}`} name={name} defaultValue={one(fields, name)} error={errors[name]} />
            </div>
          );
        })}
        {errors.agencies ? <p className="field-error">{errors.agencies}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t('policyPage.section.reporting')}</legend>
        <fieldset>
          <legend>{t('policyPage.field.frequency')}</legend>
          {FREQUENCIES.map((frequency) => (
            <label key={frequency} className="choice">
              <input type="radio" name="frequency" value={frequency} defaultChecked={one(fields, 'frequency') === frequency} /> {t(`frequency.${frequency}`)}
            </label>
          ))}
        </fieldset>
        {text('dueDaysAfterEnd', t('policyPage.field.dueDaysAfterEnd'), { inputMode: 'numeric' })}
        <fieldset>
          <legend>{t('policyPage.field.acceptsLate')}</legend>
          {(['yes', 'no'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="acceptsLate" value={value} defaultChecked={one(fields, 'acceptsLate') === value} /> {t(`policyPage.field.acceptsLate.${value}`)}
            </label>
          ))}
        </fieldset>
        {text('effectiveFrom', t('policyPage.field.effectiveFrom'))}
        <TextAreaField label={t('policyPage.field.oathText')} name="oathText" defaultValue={one(fields, 'oathText')} error={errors.oathText} rows={3} />
      </fieldset>
      <Choices fields={fields} errors={errors} preapproval={preapproval} text={text} />
      <fieldset>
        <legend>{t('policyPage.section.clauses')}</legend>
        <TextAreaField
          label={t('policyPage.field.additionalClauses')}
          hint={t('policyPage.field.additionalClauses.hint')}
          name="additionalClauses"
          defaultValue={one(fields, 'additionalClauses')}
          error={errors.additionalClauses}
        />
      </fieldset>
      <fieldset>
        <legend>{t('policyPage.section.adoption')}</legend>
        {text('adoptedOn', t('policyPage.field.adoptedOn'))}
        {text('votesFor', t('policyPage.field.votesFor'), { inputMode: 'numeric' })}
        {text('votesAgainst', t('policyPage.field.votesAgainst'), { inputMode: 'numeric' })}
        {text('votesAbstaining', t('policyPage.field.votesAbstaining'), { inputMode: 'numeric' })}
      </fieldset>

      <FormEnd warnings={warnings} preview={preview} submitLabel={submitLabel} />
    </Form>
  );
}

/** The measures to report and, for pre-approval, the hearing rules and application items. */
function Choices({
  fields,
  errors,
  preapproval,
  text,
}: {
  fields: Record<string, string | string[]>;
  errors: Record<string, string>;
  preapproval: boolean;
  text: (name: string, label: string, extra?: { inputMode?: 'numeric' }) => JSX.Element;
}) {
  const { t } = useT();
  const metrics = new Set(many(fields, 'metricKeys'));
  const items = new Set(many(fields, 'requiredItems'));
  const metricLabel = (key: string, fallback: string) => {
    const messageKey = `metric.${key}.label`;
    return isMessageKey(messageKey) ? t(messageKey) : fallback;
  };
  return (
    <>
      <fieldset id="field-metricKeys">
        <legend>{t('policyPage.section.metrics')}</legend>
        {errors.metricKeys ? <p className="field-error">{errors.metricKeys}</p> : null}
        {METRICS.filter((metric) => !metric.derived).map((metric) => (
          <label key={metric.key} className="choice">
            <input type="checkbox" name="metricKeys" value={metric.key} defaultChecked={metrics.has(metric.key)} /> {metricLabel(metric.key, metric.label)}
          </label>
        ))}
      </fieldset>
      {preapproval ? (
        <fieldset>
          <legend>{t('policyPage.section.preapproval')}</legend>
          <fieldset>
            <legend>{t('policyPage.field.hearingRequired')}</legend>
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="hearingRequired" value={value} defaultChecked={one(fields, 'hearingRequired') === value} /> {t(`policyPage.field.hearingRequired.${value}`)}
              </label>
            ))}
          </fieldset>
          {text('noticeDays', t('policyPage.field.noticeDays'), { inputMode: 'numeric' })}
          {text('commentPeriodDays', t('policyPage.field.commentPeriodDays'), { inputMode: 'numeric' })}
          <fieldset id="field-requiredItems">
            <legend>{t('policyPage.field.requiredItems')}</legend>
            {errors.requiredItems ? <p className="field-error">{errors.requiredItems}</p> : null}
            {APPLICATION_ITEMS.map((item) => (
              <label key={item} className="choice">
                <input type="checkbox" name="requiredItems" value={item} defaultChecked={items.has(item)} /> {t(`policyPage.item.${item}`)}
              </label>
            ))}
          </fieldset>
        </fieldset>
      ) : null}
    </>
  );
}

/** The lawfulness warnings with their acknowledgement, the buttons, and the preview. */
function FormEnd({ warnings, preview, submitLabel }: { warnings: string[]; preview: ResolutionDocument | null; submitLabel: string }) {
  const { t } = useT();
  return (
    <>
      {warnings.length > 0 ? (
        <section className="alert warning" aria-labelledby="policy-warnings">
          <h2 id="policy-warnings">{t('policyPage.warningsTitle')}</h2>
          <p>{t('policyPage.warningsIntro')}</p>
          <ul>
            {warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
          <p>{t('modelPolicy.guardrail.notLegalAdvice')}</p>
          <label className="choice">
            <input type="checkbox" name="acknowledged" value="yes" id="field-acknowledged" /> {t('policyPage.acknowledge')}
          </label>
        </section>
      ) : preview ? (
        <p>{t('policyPage.noWarnings')} {t('modelPolicy.guardrail.notLegalAdvice')}</p>
      ) : null}

      <div className="actions">
        <button type="submit" name="intent" value="preview">
          {t('policyPage.preview')}
        </button>
        <button type="submit" name="intent" value="adopt">
          {submitLabel}
        </button>
      </div>
      <div className="actions">
        <button type="submit" formAction="/review/policies/draft/html">
          {t('policyPage.download.html')}
        </button>
        <button type="submit" formAction="/review/policies/draft/pdf">
          {t('policyPage.download.pdf')}
        </button>
        <button type="submit" formAction="/review/policies/draft/docx">
          {t('policyPage.download.docx')}
        </button>
      </div>

      {preview ? (
        <section aria-labelledby="policy-preview">
          <h2 id="policy-preview">{t('policyPage.previewTitle')}</h2>
          <p className="muted">{t('policyPage.public.englishOnly')}</p>
          <ResolutionView document={preview} />
        </section>
      ) : null}
    </>
  );
}
