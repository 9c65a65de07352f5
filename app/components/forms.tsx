import { useEffect, useRef, type InputHTMLAttributes, type MouseEvent, type ReactNode, type TextareaHTMLAttributes } from 'react';

/** The ids a control's hint and error carry, for aria-describedby. */
function describedBy(id: string, hint?: string, error?: string | null) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** Label, hint and error around one control: the markup every field shares. */
function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its error message tied to it for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string | null; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
    </FieldFrame>
  );
}

/** A labelled select with its hint and error tied to it: the select counterpart of Field. */
export function SelectField({
  label,
  name,
  hint,
  error,
  defaultValue,
  idPrefix = 'field',
  required,
  children,
}: {
  label: string;
  name: string;
  hint?: string;
  error?: string | null;
  defaultValue?: string;
  /** Distinguishes the same field in two forms of one page. */
  idPrefix?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const id = `${idPrefix}-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** A labelled textarea, in Field's markup. */
export function TextAreaField({
  label,
  name,
  hint,
  error,
  ...textarea
}: { label: string; name: string; hint?: string; error?: string | null } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = textarea.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={5} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
    </FieldFrame>
  );
}

/** A new password and its confirmation (invitation, reset, change of password). */
export function NewPasswordFields({
  label,
  confirmLabel,
  hint,
  errors,
}: {
  label: string;
  confirmLabel: string;
  hint: string;
  errors: { password?: string; confirm?: string };
}) {
  return (
    <>
      <Field label={label} name="password" type="password" autoComplete="new-password" hint={hint} error={errors.password} required />
      <Field label={confirmLabel} name="confirm" type="password" autoComplete="new-password" error={errors.confirm} required />
    </>
  );
}

/** A select's agencies grouped by the place each is based in, values as ids. */
export function AgencyOptionGroups({ places }: { places: { id: number; name: string; agencies: { id: number; name: string }[] }[] }) {
  return places.map((place) => (
    <optgroup key={place.id} label={place.name}>
      {place.agencies.map((agency) => (
        <option key={agency.id} value={String(agency.id)}>
          {agency.name}
        </option>
      ))}
    </optgroup>
  ));
}

/** Focuses the field a summary link names, its label in view (a bare fragment link would hide the label above the top edge). */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

/** One problem in an error summary: its text, and the id of the field to fix (null: the form as a whole). */
export interface SummaryItem {
  text: string;
  fieldId: string | null;
}

/**
 * The GOV.UK error summary: a titled list of the problems at the top of the form, each a link
 * to its field. `focusAfter` is the answer of the post that found them (action data): each new
 * one moves focus to the summary, so keyboard and screen reader users start from it. Without
 * JavaScript the summary is still the first thing after the page's heading, announced by its
 * role; on a plain visit (focusAfter null) it is neither announced nor focused.
 */
export function ErrorSummary({ title, items, focusAfter, children }: { title: string; items: SummaryItem[]; focusAfter: object | null; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusAfter) ref.current?.focus();
  }, [focusAfter]);
  return (
    <div ref={ref} className="alert error-summary" role={focusAfter ? 'alert' : undefined} tabIndex={-1}>
      <h2 className="error-summary-title">
        {title}
      </h2>
      {children}
      {items.length > 0 ? (
        <ul>
          {items.map((item, i) => (
            <li key={i}>
              {item.fieldId ? (
                <a href={`#${item.fieldId}`} onClick={(event) => focusField(event, item.fieldId!)}>
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
