/** What any form says when its input cannot be read (app/utils/forms.ts). */
export const forms = {
  'form.invalid': 'This value cannot be used. Check it and try again.',
  'form.controlCharacters': 'This contains invisible control characters (such as a NUL byte). Type or paste it again as plain text.',
  'form.unreadable': 'The form could not be read. Reload the page and send it again.',
  'form.fixErrors': 'Correct the fields marked below and send the form again.',
} as const;
