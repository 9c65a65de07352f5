import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

/** A labelled input with its error message tied to it for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string | null; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
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
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
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
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={5} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...textarea} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
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
