import type { FilingIssue } from '~/reporting/filing-checks';
import { describeFilingMessage, issueLabelKey } from '~/reporting/filing-messages';
import { useT } from '~/i18n/use-t';

/** A field's problems, worded in the reader's language, tied to the field for screen readers. */
export function IssueList({ id, issues }: { id: string; issues: FilingIssue[] }) {
  const { t } = useT();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="plain">
      {issues.map((issue, i) => (
        <li key={i} className={issueLabelKey(issue) === 'filing.error' ? 'field-error' : 'hint'}>
          {t(issueLabelKey(issue), { message: describeFilingMessage(t, issue.message) })}
        </li>
      ))}
    </ul>
  );
}

/** The id of a form field of the page, from its name: what labels, hints and summary links point at. */
export const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Like Field, but with all of a field's errors and warnings (there may be several), tied to it for screen readers. */
export function CheckedField({
  name,
  label,
  hint,
  defaultValue,
  issues,
  multiline = false,
  ...rest
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  issues: FilingIssue[];
  multiline?: boolean;
  inputMode?: 'decimal';
  autoComplete?: string;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, issues.length > 0 ? `${id}-issues` : null].filter(Boolean).join(' ') || undefined;
  // Invalid only for what must change: a warning, explainable or not, leaves the value as it may be right.
  const invalid = issues.some((issue) => issueLabelKey(issue) === 'filing.error') || undefined;
  const common = { id, name, defaultValue, 'aria-describedby': describedBy, 'aria-invalid': invalid };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} {...rest} />}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}
