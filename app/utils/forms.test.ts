import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '~/i18n/i18n';
import { translateErrors } from './forms';
import { formEntries, listOf, parseForm, parseWith } from './forms.server';

const Schema = z.object({
  email: z.string('signIn.emailRequired').trim().min(1, 'signIn.emailRequired'),
  count: z.coerce.number().int().min(0), // no key: zod's own wording must not leak
  metrics: listOf(z.string()),
});

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe('parseWith', () => {
  it('returns the parsed data, a repeated field as a list', () => {
    const result = parseWith(Schema, form([['email', ' a@b.org '], ['count', '3'], ['metrics', 'x'], ['metrics', 'y']]));
    expect(result).toEqual({ ok: true, data: { email: 'a@b.org', count: 3, metrics: ['x', 'y'] } });
  });

  it('reads a field sent once, or not at all, as a list', () => {
    expect(parseWith(Schema, form([['email', 'a'], ['count', '0'], ['metrics', 'x']]))).toMatchObject({ ok: true, data: { metrics: ['x'] } });
    expect(parseWith(Schema, form([['email', 'a'], ['count', '0']]))).toMatchObject({ ok: true, data: { metrics: [] } });
  });

  it("gives each failing field the schema's message key, and form.invalid where the schema has none", () => {
    const result = parseWith(Schema, form([['email', '  '], ['count', '-1']]));
    expect(result).toEqual({ ok: false, errors: { email: 'signIn.emailRequired', count: 'form.invalid' }, values: { email: '  ', count: '-1' }, lists: {} });
  });

  it('refuses control characters in any text field, and still checks the others', () => {
    const result = parseWith(Schema, form([['email', 'a\u0000b@c.org'], ['count', '-1'], ['metrics', 'x\u001b']]));
    expect(result).toMatchObject({ ok: false, errors: { email: 'form.controlCharacters', metrics: 'form.controlCharacters', count: 'form.invalid' } });
    expect(parseWith(Schema, form([['email', 'ok'], ['count', '1'], ['metrics', '\u0085']]))).toMatchObject({ ok: false, errors: { metrics: 'form.controlCharacters' } });
  });

  it('gives back what a refused form sent, ticked boxes included, to show it again', () => {
    const result = parseWith(Schema, form([['email', ''], ['count', '1'], ['metrics', 'x'], ['metrics', 'y']]));
    if (result.ok) throw new Error('expected a failure');
    expect(result.values).toEqual({ email: '', count: '1' });
    expect(result.lists).toEqual({ metrics: ['x', 'y'] });
    expect(z.object({ metrics: listOf(z.string()) }).parse({ ...result.values, ...result.lists }).metrics).toEqual(['x', 'y']);
  });

  it('keeps tabs and line breaks, which people do type', () => {
    expect(parseWith(z.object({ note: z.string() }), { note: 'one\r\n\ttwo' })).toEqual({ ok: true, data: { note: 'one\r\n\ttwo' } });
  });

  it('reads a JSON body the same way, and puts a whole-body failure under _form', () => {
    expect(parseWith(Schema, { email: 'a', count: 2 })).toEqual({ ok: true, data: { email: 'a', count: 2, metrics: [] } });
    expect(parseWith(Schema, 'not an object')).toEqual({ ok: false, errors: { _form: 'form.invalid' }, values: {}, lists: {} });
  });

  it('translates the errors into the reader’s language', () => {
    const result = parseWith(Schema, form([['email', ''], ['count', 'x']]));
    if (result.ok) throw new Error('expected a failure');
    expect(translateErrors(translator('es'), result.errors)).toEqual({
      email: translator('es')('signIn.emailRequired'),
      count: translator('es')('form.invalid'),
    });
    expect(translator('es')('form.invalid')).not.toBe(translator('en')('form.invalid'));
  });
});

describe('formEntries', () => {
  it('keeps files as files', () => {
    const data = new FormData();
    data.append('file', new File(['x'], 'a.csv'));
    expect(formEntries(data).file).toBeInstanceOf(File);
  });
});

describe('parseForm', () => {
  it('answers a body that is not a form with one _form error', async () => {
    const request = new Request('http://x/', { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=zz' }, body: 'garbage' });
    expect(await parseForm(request, Schema)).toEqual({ ok: false, errors: { _form: 'form.unreadable' }, values: {}, lists: {} });
  });
});
