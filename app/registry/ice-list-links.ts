/**
 * Which addresses may become links. An MOA link in ICE's spreadsheet comes from outside, and a
 * spreadsheet's hyperlink can be anything (`javascript:…`, `data:…`, `file:…`): only a web
 * address (http or https) is kept when a list is read, and only one is rendered as a link, so
 * that an address stored before this check was made is not rendered as one either. Plain
 * TypeScript, safe in the browser.
 */

/** The address as given if it is an http(s) address without spaces or control characters; otherwise null. */
export function webAddress(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  // The URL parser would drop tabs and line breaks ("java\tscript:"), so none are accepted.
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(value)) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}
