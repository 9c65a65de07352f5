import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

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
