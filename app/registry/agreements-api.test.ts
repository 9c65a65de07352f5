import { describe, expect, it } from 'vitest';
import { parseAgreementQuery } from './agreements-api';

const parse = (query: string) => parseAgreementQuery(new URLSearchParams(query));

describe('open-data agreement filters', () => {
  it('accepts known values in any case and normalises them', () => {
    expect(parse('state=nc&status=Active&model=WSO')).toEqual({ ok: true, filter: { state: 'NC', status: 'ACTIVE', model: 'WSO' } });
    expect(parse('')).toEqual({ ok: true, filter: { state: undefined, status: undefined, model: undefined } });
  });

  it('refuses unknown values and unknown filters with a message naming them', () => {
    expect(parse('state=ZZ')).toEqual({ ok: false, message: 'state must be a two-letter USPS code such as NC. Got "ZZ".' });
    expect(parse('status=old')).toMatchObject({ ok: false, message: expect.stringMatching(/status must be one of active, pending, ended/) });
    expect(parse('sort=name')).toMatchObject({ ok: false, message: expect.stringMatching(/Unknown filter "sort"/) });
    expect(parse('state=NC&state=SC')).toEqual({ ok: false, message: 'Give state only once.' });
  });
});
