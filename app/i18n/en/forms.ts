/** What any form says when its input cannot be read (app/utils/forms.ts). */
export const forms = {
  'form.invalid': 'This value cannot be used. Check it and try again.',
  'form.controlCharacters': 'This contains invisible control characters (such as a NUL byte). Type or paste it again as plain text.',
  'form.controlCharactersSent': 'The form sent invisible control characters (such as a NUL byte), which no page of the portal sends. Reload the page and send it again.',
  'form.idTooLarge': 'This number is too large: at most 2,147,483,647.',
  'form.tooDeep': 'The data is nested too deeply: at most 20 levels of lists and objects.',
  'form.unreadable': 'The form could not be read. Reload the page and send it again.',
  'form.fixErrors': 'Correct the fields marked below and send the form again.',

  // An address refused before it reaches any page (server/input-guard.ts)
  'input.title': 'This address cannot be read',
  'input.badEncoding': 'The address has a broken %-escape. Check the link, or type the address again.',
  'input.controlCharacters': 'The address contains invisible control characters (such as a NUL byte). Check the link, or type the address again.',
  'input.home': 'Go to the home page',

  // A request that cannot be read, on the error page (badRequest, utils/forms.server.ts)
  'error.badRequest': 'This request cannot be read',
} as const;
