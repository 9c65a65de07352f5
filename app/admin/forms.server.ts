/**
 * What an operator page puts back into its form after a refusal. Reading and checking a form is
 * parseWith's (app/utils/forms.server.ts).
 */

/** The submitted text fields, as typed, to put back into the form after a validation error. */
export function typedValues<K extends string>(form: Record<string, FormDataEntryValue>, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, typeof form[name] === 'string' ? (form[name] as string) : ''])) as Record<K, string>;
}
