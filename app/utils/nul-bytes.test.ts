import { describe, expect, it } from 'vitest';
import { withoutNulBytes } from './nul-bytes';

describe('NUL bytes from the streaming renderer', () => {
  it('are dropped, and the text around them is kept byte for byte', async () => {
    const encoded = new TextEncoder().encode('April\0–June, Sheriff’s Office');
    expect(new TextDecoder().decode(withoutNulBytes(encoded))).toBe('April–June, Sheriff’s Office');
    const clean = new TextEncoder().encode('no NUL here – fine');
    expect(withoutNulBytes(clean)).toBe(clean);
    expect(Buffer.from(withoutNulBytes(Buffer.from('a\0\0b\0c'))).toString()).toBe('abc');
  });
});
