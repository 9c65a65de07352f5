import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stripNulBytes, withoutNulBytes } from './nul-bytes';

describe('NUL bytes from the streaming renderer', () => {
  it('are dropped, and the text around them is kept byte for byte', async () => {
    const encoded = new TextEncoder().encode('April\0–June, Sheriff’s Office');
    expect(new TextDecoder().decode(withoutNulBytes(encoded))).toBe('April–June, Sheriff’s Office');
    const clean = new TextEncoder().encode('no NUL here – fine');
    expect(withoutNulBytes(clean)).toBe(clean);

    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from([Buffer.from('a\0\0b'), Buffer.from('\0c')]).pipe(stripNulBytes())) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
  });
});
