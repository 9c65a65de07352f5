import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { FilingIssue } from '~/reporting/filing-checks';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { CheckedField } from './checked-field';
import { EXPLANATION_PREFIX, VALUE_PREFIX } from './form-names';
import type { FilingPageData } from './route';

/** The figures, one fieldset per category or breakdown, and an explanation for each rule the figures trip. */
export function FigureFields({
  sections,
  values,
  explanations,
  explainable,
  about,
}: {
  sections: FilingPageData['sections'];
  values: Record<string, string>;
  explanations: Record<string, string>;
  explainable: FilingIssue[];
  about: (field: string) => FilingIssue[];
}) {
  const { t } = useT();
  return (
    <>
    {sections.map((section) => (
      <fieldset key={section.id}>
        <legend>{section.breakdown ? t(`breakdown.${section.id}` as MessageKey) : t(`filing.category.${section.category}`)}</legend>
        {section.metricKeys.map((key) => (
          <CheckedField
            key={key}
            name={`${VALUE_PREFIX}${key}`}
            label={t(`metric.${key}.label` as MessageKey)}
            hint={t(`metric.${key}.definition` as MessageKey)}
            defaultValue={values[key] ?? ''}
            issues={about(key)}
            inputMode="decimal"
            autoComplete="off"
          />
        ))}
      </fieldset>
    ))}

    {explainable.length > 0 ? (
      <fieldset>
        <legend>{t('filing.explanationsTitle')}</legend>
        <p>{t('filing.explanationsIntro')}</p>
        {explainable.map((issue) => (
          <CheckedField
            key={issue.rule}
            name={`${EXPLANATION_PREFIX}${issue.rule}`}
            label={`${t('filing.explanation')}: ${describeFilingMessage(t, issue.message)}`}
            defaultValue={explanations[issue.rule!] ?? ''}
            issues={[]}
            multiline
          />
        ))}
      </fieldset>
    ) : null}
    </>
  );
}
