/**
 * The rules of a reporting requirement as form fields (how often, days allowed, late reports,
 * in force from, metrics), shared by the form that records a policy and the one that amends a
 * requirement. Reading those fields back from a posted form is the server's
 * (requirement-rules.server.ts).
 */
import { Field, SelectField } from '~/components/forms';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import { BREAKDOWN_GROUPS, METRICS, type Category } from '~/reporting/metrics';
import { FREQUENCIES } from '~/reporting/calendar';

const CATEGORIES: Category[] = ['COST', 'ACTIVITY', 'PEOPLE', 'ACCOUNTABILITY'];
/** A breakdown is offered as one checkbox standing for all its cells: nobody reports half an age breakdown. */
const GROUP_PREFIX = 'group:';

/** The rule fields as typed (RulesForm, requirement-rules.server.ts, reads them from a posted form). */
export interface RulesValues {
  frequency: string;
  dueDaysAfterEnd: string;
  acceptsLate: boolean;
  /** Days after the due date a period locks; empty: never. */
  lockDaysAfterDue: string;
  effectiveFrom: string;
  /** Metric keys and group:… choices. */
  metricKeys: string[];
}

/**
 * The rules as the policy services take them. Numbers that cannot be read are left undefined,
 * not guessed: the service's schema then names the field with its own message.
 */
export function rulesInput(values: RulesValues) {
  const due = values.dueDaysAfterEnd.trim();
  const lock = values.lockDaysAfterDue.trim();
  return {
    frequency: values.frequency,
    dueDaysAfterEnd: due === '' ? undefined : Number(due),
    acceptsLate: values.acceptsLate,
    // Empty: the period never locks. Text that is not a number reaches the service as NaN, which it names.
    lockDaysAfterDue: lock === '' ? null : Number(lock),
    effectiveFrom: values.effectiveFrom,
    metricKeys: values.metricKeys.flatMap((key) =>
      key.startsWith(GROUP_PREFIX) ? METRICS.filter((metric) => metric.group === key.slice(GROUP_PREFIX.length)).map((metric) => metric.key) : [key],
    ),
  };
}

/** Stored metric keys as the form's choices (a whole breakdown as its group). */
export function metricChoices(keys: string[]): string[] {
  const chosen = new Set(keys);
  const groups = BREAKDOWN_GROUPS.filter((group) => METRICS.some((metric) => metric.group === group.id && chosen.has(metric.key))).map((group) => `${GROUP_PREFIX}${group.id}`);
  return [...keys.filter((key) => !METRICS.find((metric) => metric.key === key)?.group), ...groups];
}

function MetricChoices({ chosen, error }: { chosen: Set<string>; error?: string }) {
  const { t } = useT();
  const models = (list: readonly string[]) => t('policies.form.appliesTo', { models: list.join(', ') });
  return (
    <fieldset aria-describedby={error ? 'field-metricKeys-hint field-metricKeys-error' : 'field-metricKeys-hint'} aria-invalid={error ? true : undefined}>
      <legend>{t('policies.form.metrics')}</legend>
      <p id="field-metricKeys-hint" className="hint">
        {t('policies.form.metricsHint')}
      </p>
      {error ? (
        <p id="field-metricKeys-error" className="field-error">
          {error}
        </p>
      ) : null}
      {CATEGORIES.map((category) => (
        <fieldset key={category}>
          <legend>{t(`metricCategory.${category}`)}</legend>
          {category === 'PEOPLE'
            ? BREAKDOWN_GROUPS.map((group) => {
                const cells = METRICS.filter((metric) => metric.group === group.id);
                return (
                  <div key={group.id}>
                    <label>
                      <input type="checkbox" name="metricKeys" value={`${GROUP_PREFIX}${group.id}`} defaultChecked={chosen.has(`${GROUP_PREFIX}${group.id}`)} />{' '}
                      {t('policies.form.breakdown', { heading: t(`breakdown.${group.id}` as MessageKey), count: cells.length })}{' '}
                      <span className="muted">({models(cells[0]?.models ?? [])})</span>
                    </label>
                  </div>
                );
              })
            : METRICS.filter((metric) => metric.category === category && !metric.derived).map((metric) => (
                <div key={metric.key}>
                  <label title={t(`metric.${metric.key}.definition` as MessageKey)}>
                    <input type="checkbox" name="metricKeys" value={metric.key} defaultChecked={chosen.has(metric.key)} /> {t(`metric.${metric.key}.label` as MessageKey)}{' '}
                    <span className="muted">({models(metric.models)})</span>
                  </label>
                </div>
              ))}
        </fieldset>
      ))}
    </fieldset>
  );
}

export function RequirementRulesFields({ values, errors }: { values: RulesValues; errors: Record<string, string | undefined> }) {
  const { t } = useT();
  return (
    <>
      <SelectField label={t('policies.form.frequency')} name="frequency" defaultValue={values.frequency} error={errors.frequency}>
        <option value="">{t('policies.form.chooseFrequency')}</option>
        {FREQUENCIES.map((frequency) => (
          <option key={frequency} value={frequency}>
            {t(`frequency.${frequency}`)}
          </option>
        ))}
      </SelectField>
      <Field label={t('policies.form.dueDays')} name="dueDaysAfterEnd" inputMode="numeric" defaultValue={values.dueDaysAfterEnd} error={errors.dueDaysAfterEnd} />
      <div className="field-check">
        <label>
          <input type="checkbox" name="acceptsLate" defaultChecked={values.acceptsLate} /> {t('policies.form.acceptsLate')}
        </label>
      </div>
      <Field
        label={t('policies.form.lockDays')}
        hint={t('policies.form.lockDaysHint')}
        name="lockDaysAfterDue"
        inputMode="numeric"
        defaultValue={values.lockDaysAfterDue}
        error={errors.lockDaysAfterDue}
      />
      <Field label={t('policies.form.effectiveFrom')} name="effectiveFrom" type="date" defaultValue={values.effectiveFrom} error={errors.effectiveFrom} />
      <MetricChoices chosen={new Set(values.metricKeys)} error={errors.metricKeys} />
    </>
  );
}
