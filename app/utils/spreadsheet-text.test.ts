import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetText, guessDelimiter, looksBinary } from './spreadsheet-text';

describe('reading spreadsheet text', () => {
  it('guesses the delimiter from the header line, outside quotes', () => {
    expect(guessDelimiter('a,b;c\n;;;;')).toBe(',');
    expect(guessDelimiter('a;b;"c,d,e"\n')).toBe(';');
    expect(guessDelimiter('a\tb\tc')).toBe('\t');
  });

  it('decodes UTF-8 with a BOM, UTF-16 (either byte order) and Windows-1252', () => {
    expect(decodeSpreadsheetText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe2, 0x80, 0x99]))).toBe('a\u2019');
    expect(decodeSpreadsheetText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x19, 0x20]))).toBe('a\u2019');
    expect(decodeSpreadsheetText(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x20, 0x19]))).toBe('a\u2019');
    expect(decodeSpreadsheetText(new Uint8Array([0x61, 0x92, 0x80]))).toBe('a\u2019\u20ac');
  });

  it('tells binary content from text', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('STATE,AGENCY\r\nNC,"Gaston County Sheriff\'s Office"\r\n'))).toBe(false);
  });
});
