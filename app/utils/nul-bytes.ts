/**
 * NUL bytes and the other control characters, in what the portal sends and what it is sent.
 * Plain module: the Express server (server/input-guard.ts), the form helper and the route
 * parameter parsers share it, so all three refuse the same characters.
 */

/**
 * NUL and the C0/C1 controls other than tab, line feed and carriage return: never typed, often
 * hostile (they break CSV, PDFs and terminals), and PostgreSQL refuses NUL in text outright, so
 * a query carrying one fails instead of finding nothing.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether the text holds a control character a person does not type (tab and line breaks are fine). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** The text without those characters: what a refused form shows again, so sending it again works. */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), '');
}

/**
 * react-dom 18.3's Node stream renderer (writeStringChunk) flushes its whole 2 KB buffer when a
 * string does not fit, including the one or two bytes a multi-byte character (an en dash, a
 * curly apostrophe) could not fill: those arrive as NUL bytes, e.g. "April\0–June". The text
 * itself is complete, and HTML never contains NUL, so dropping NUL bytes repairs the page.
 */
export function withoutNulBytes(chunk: Uint8Array): Uint8Array {
  if (!chunk.includes(0)) return chunk;
  return chunk.filter((byte) => byte !== 0);
}
