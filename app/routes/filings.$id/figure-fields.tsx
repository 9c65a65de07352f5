import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { FilingIssue } from '~/reporting/filing-checks';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { CheckedField } from './checked-field';
import { EXPLANATION_PREFIX, VALUE_PREFIX, type FilingPageData } from './route';

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
        <legend>{section.heading === null ? t(`filing.category.${section.category}`) : t(`breakdown.${section.id}` as MessageKey)}</legend>
        {section.metrics.map((metric) => (
          <CheckedField
            key={metric.key}
            name={`${VALUE_PREFIX}${metric.key}`}
            label={t(`metric.${metric.key}.label` as MessageKey)}
            hint={t(`metric.${metric.key}.definition` as MessageKey)}
            defaultValue={values[metric.key] ?? ''}
            issues={about(metric.key)}
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
