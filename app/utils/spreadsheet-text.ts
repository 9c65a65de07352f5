/**
 * Text files as spreadsheet programs write them, read one way for every upload (ICE's lists as
 * CSV, the filing CSV template): the encoding from the bytes, and the delimiter from the header.
 * Plain TypeScript.
 */

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (undefined: same code point). */
const WINDOWS_1252: (string | undefined)[] = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/**
 * The file's text: UTF-16 with its byte-order mark (Excel's "Unicode text"), else UTF-8 (a BOM
 * dropped), else Windows-1252 (older Excel exports on Windows).
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Decoded by hand: Node's TextDecoder('windows-1252') is Latin-1 and loses Excel's curly quotes and dashes.
    return Array.from(bytes, (byte) => WINDOWS_1252[byte - 0x80] ?? String.fromCharCode(byte)).join('');
  }
}

/** Text files have no NUL bytes and almost no other control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return control > sample.length * 0.01;
}

/** Comma, semicolon (Excel where the decimal mark is a comma) or tab: whichever the header line has most of, outside quotes. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}
