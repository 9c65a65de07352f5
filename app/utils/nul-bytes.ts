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
