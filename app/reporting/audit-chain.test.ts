import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalJson,
  entryHash,
  entryHashParts,
  verifyChain,
  type AuditEntryContent,
  type StoredEntry,
} from './audit-chain';

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

const CONTENTS: AuditEntryContent[] = [
  { seq: 1, at: '2025-10-01T13:05:00.000Z', kind: 'submission', actor: 'u-filer', subject: 'report:r1', data: { period: '2025-Q3', values: { detainers: 12, transfers: 4 } } },
  { seq: 2, at: '2025-10-02T09:00:00.000Z', kind: 'attachment', actor: 'u-filer', subject: 'report:r1', data: { file: 'detainers.pdf', sha256: 'ab'.repeat(32), bytes: 48213 } },
  { seq: 3, at: '2025-10-03T15:30:00.000Z', kind: 'amendment', actor: 'u-filer', subject: 'report:r1', data: { changed: [{ metric: 'detainers', from: 12, to: 13 }], reason: 'Recount – “corrected”' } },
  { seq: 4, at: '2025-10-04T16:00:00.000Z', kind: 'certification', actor: 'u-sheriff', subject: 'report:r1', data: { cost: '1234.56', certified: true } },
  { seq: 5, at: '2025-10-05T04:00:00.000Z', kind: 'reminder', actor: null, subject: 'agency:a7', data: null },
];

/** Builds a chain the way the writer will: each prevHash is the hash before it. */
function buildChain(contents: AuditEntryContent[]): StoredEntry[] {
  const chain: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (const content of contents) {
    const hash = entryHash(prevHash, content);
    chain.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return chain;
}

/** A deep copy, to tamper with. */
function copy(chain: StoredEntry[]): StoredEntry[] {
  return structuredClone(chain);
}

/* ---------------------------------------------------------------------- */
/* canonicalJson                                                           */
/* ---------------------------------------------------------------------- */

describe('canonicalJson', () => {
  it('sorts keys, nested objects too, and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ z: { y: 1, x: [3, 1, 2] }, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"z":{"x":[3,1,2],"y":1}}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('orders keys by code unit: capitals before lower case, prefixes first, ASCII before accents', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, aa: 4, _: 5, '1': 6, '': 7 })).toBe('{"":7,"1":6,"B":2,"_":5,"a":3,"aa":4,"b":1}');
    expect(canonicalJson({ é: 1, z: 2, e: 3, Z: 4 })).toBe('{"Z":4,"e":3,"z":2,"é":1}');
  });

  it('writes non-ASCII characters as they are, emoji included', () => {
    expect(canonicalJson({ name: 'Cañón', note: 'Raleigh – “ok” 😀', ja: '日本' })).toBe('{"ja":"日本","name":"Cañón","note":"Raleigh – “ok” 😀"}');
    expect(canonicalJson('\u2028\u2029\u007f/')).toBe('"\u2028\u2029\u007f/"');
  });

  it('escapes quotes, backslashes and control characters as JSON.stringify does', () => {
    expect(canonicalJson('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(canonicalJson('\b\t\n\f\r')).toBe('"\\b\\t\\n\\f\\r"');
    expect(canonicalJson('\u0000\u0001\u001f')).toBe('"\\u0000\\u0001\\u001f"');
    expect(canonicalJson({ 'a\nb': 1 })).toBe('{"a\\nb":1}');
  });

  it('writes the other values plainly', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson([false, null, 0, -7, 9007199254740991])).toBe('[false,null,0,-7,9007199254740991]');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 1 }))).toBe('{"a":1,"b":1}');
  });

  it('rejects NaN, infinities and numbers that are not safe integers', () => {
    expect(() => canonicalJson(NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow(/\.a\[1\] is NaN/);
    expect(() => canonicalJson(Infinity)).toThrow(Error);
    expect(() => canonicalJson(-Infinity)).toThrow(Error);
    expect(() => canonicalJson({ amount: 1234.56 })).toThrow(/decimals as strings/);
    expect(() => canonicalJson(1.5)).toThrow(Error);
    expect(() => canonicalJson(2 ** 53)).toThrow(Error);
  });

  it('rejects undefined, functions, bigint and symbols wherever they are', () => {
    expect(() => canonicalJson(undefined)).toThrow(/undefined/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/\.a is a undefined/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalJson([1, , 3])).toThrow(/undefined/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ n: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson(Symbol('s'))).toThrow(/symbol/);
    expect(() => canonicalJson({ [Symbol('s')]: 1 })).toThrow(/symbol keys/);
  });

  it('rejects objects that are not plain, and cycles', () => {
    expect(() => canonicalJson({ at: new Date('2025-01-01T00:00:00Z') })).toThrow(/Date/);
    expect(() => canonicalJson(new Map())).toThrow(/Map/);
    class Money {
      cents = 1;
    }
    expect(() => canonicalJson(new Money())).toThrow(/Money/);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/refers to itself/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}'); // shared, not cyclic
  });

  it('rejects lone surrogates, and keys outside the Basic Multilingual Plane', () => {
    expect(() => canonicalJson('\uD800')).toThrow(/lone UTF-16 surrogate/);
    expect(() => canonicalJson('a\uDC00')).toThrow(/lone UTF-16 surrogate/);
    expect(() => canonicalJson({ '😀': 1 })).toThrow(/Basic Multilingual Plane/);
    expect(canonicalJson({ '\uFFFF': '😀' })).toBe('{"\uFFFF":"😀"}');
  });
});

/* ---------------------------------------------------------------------- */
/* entryHash                                                               */
/* ---------------------------------------------------------------------- */

describe('entryHash', () => {
  it('matches a hash computed independently (ASCII)', () => {
    // printf '%s\n%s' 0000000000000000000000000000000000000000000000000000000000000000 \
    //   '{"actor":"user-1","at":"2025-07-01T14:00:00.000Z","data":{"late":false,"metrics":{"detainers":3}},"kind":"submission","seq":1,"subject":"report:2025-Q2"}' \
    //   | sha256sum
    const content: AuditEntryContent = {
      seq: 1,
      at: '2025-07-01T14:00:00.000Z',
      kind: 'submission',
      actor: 'user-1',
      subject: 'report:2025-Q2',
      data: { metrics: { detainers: 3 }, late: false },
    };
    expect(entryHash(GENESIS_HASH, content)).toBe('55696ed51710b89743f190e5ac1b9004331e2419c215f7af6efdfef9680f259e');
  });

  it('matches a hash computed independently (UTF-8, null actor, decimal as a string)', () => {
    // In a UTF-8 shell:
    // printf '%s\n%s' 0000000000000000000000000000000000000000000000000000000000000000 \
    //   '{"actor":null,"at":"2025-10-31T03:59:59.999Z","data":{"amount":"1234.56","note":"Cañón – “ok” 😀"},"kind":"certification","seq":1,"subject":"Condado de Peñasco"}' \
    //   | sha256sum
    const content: AuditEntryContent = {
      seq: 1,
      at: '2025-10-31T03:59:59.999Z',
      kind: 'certification',
      actor: null,
      subject: 'Condado de Peñasco',
      data: { note: 'Cañón – “ok” 😀', amount: '1234.56' },
    };
    expect(entryHash(GENESIS_HASH, content)).toBe('17d720bbb01232dbebc54eb65331f809c76ef6e22db34740f752bf4b618830fd');
  });

  it('covers the previous hash', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    const other = 'f'.repeat(64);
    expect(entryHash(other, CONTENTS[0])).not.toBe(entryHash(GENESIS_HASH, CONTENTS[0]));
  });

  it('hashes only the six content fields (a stored entry hashes like its content)', () => {
    const [stored] = buildChain(CONTENTS);
    expect(entryHash(GENESIS_HASH, stored)).toBe(stored.hash);
    const withExtra = { ...CONTENTS[0], id: 'row-1', createdAt: 'whenever' } as AuditEntryContent;
    expect(entryHash(GENESIS_HASH, withExtra)).toBe(stored.hash);
  });

  it('rejects a malformed previous hash and malformed content', () => {
    expect(() => entryHash('0'.repeat(63), CONTENTS[0])).toThrow(/prevHash/);
    expect(() => entryHash('A'.repeat(64), CONTENTS[0])).toThrow(/prevHash/);
    expect(() => entryHash(GENESIS_HASH, { ...CONTENTS[0], seq: 0 })).toThrow(/seq/);
    expect(() => entryHash(GENESIS_HASH, { ...CONTENTS[0], data: { amount: 12.5 } })).toThrow(/decimals as strings/);
    expect(() => entryHash(GENESIS_HASH, { ...CONTENTS[0], data: undefined })).toThrow(/undefined/);
  });
});

/* ---------------------------------------------------------------------- */
/* verifyChain                                                             */
/* ---------------------------------------------------------------------- */

describe('entryHashParts', () => {
  it('put together with seq and at, gives the canonical JSON and the hash of each entry (as the database does at commit)', () => {
    let prev = GENESIS_HASH;
    for (const content of [
      ...CONTENTS,
      { seq: 123456, at: '2026-12-31T23:59:59.999Z', kind: 'k"\\', actor: 'ñ\u0000\n', subject: '“s”😀', data: [1, 'x', null, true, { b: 1, a: [] }] },
    ]) {
      const parts = entryHashParts(content);
      const joined = `${parts.beforeAt}"${content.at}"${parts.beforeSeq}${content.seq}${parts.afterSeq}`;
      expect(joined).toBe(canonicalJson({ seq: content.seq, at: content.at, kind: content.kind, actor: content.actor, subject: content.subject, data: content.data }));
      expect(createHash('sha256').update(`${prev}\n${joined}`, 'utf8').digest('hex')).toBe(entryHash(prev, content));
      prev = entryHash(prev, content);
    }
  });

  it('refuses content canonical JSON cannot represent, before anything is written', () => {
    expect(() => entryHashParts({ kind: 'k', actor: null, subject: 's', data: { x: 1.5 } })).toThrow(/only integers/);
    expect(() => entryHashParts({ kind: 'k', actor: 7 as unknown as string, subject: 's', data: null })).toThrow(/actor/);
  });
});

describe('verifyChain', () => {
  const chain = buildChain(CONTENTS);

  it('accepts an intact chain of 5 and gives its last hash', () => {
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(chain)).toEqual({ valid: true, count: 5, lastHash: chain[4].hash });
  });

  it('accepts the empty chain', () => {
    expect(verifyChain([])).toEqual({ valid: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('accepts a chain that went through JSON (as in the public export)', () => {
    expect(verifyChain(JSON.parse(JSON.stringify(chain)) as StoredEntry[])).toEqual({ valid: true, count: 5, lastHash: chain[4].hash });
  });

  it('reads any iterable, e.g. a generator of rows', () => {
    function* rows() {
      yield* chain;
    }
    expect(verifyChain(rows())).toEqual({ valid: true, count: 5, lastHash: chain[4].hash });
  });

  it('names the entry whose data, at, kind, actor or subject was altered (hash_mismatch)', () => {
    const alterations: Array<(e: StoredEntry) => void> = [
      (e) => ((e.data as { changed: Array<{ to: number }> }).changed[0].to = 14),
      (e) => (e.at = '2025-10-03T15:30:00.001Z'),
      (e) => (e.kind = 'submission'),
      (e) => (e.actor = 'u-someone-else'),
      (e) => (e.subject = 'report:r2'),
    ];
    for (const alter of alterations) {
      const tampered = copy(chain);
      alter(tampered[2]);
      expect(verifyChain(tampered)).toEqual({ valid: false, count: 2, firstBad: { seq: 3, reason: 'hash_mismatch' } });
    }
  });

  it('names the altered entry itself when its hash field is changed', () => {
    const tampered = copy(chain);
    tampered[2].hash = 'a'.repeat(64);
    expect(verifyChain(tampered)).toEqual({ valid: false, count: 2, firstBad: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('names the next entry when an entry was rewritten with a freshly computed hash', () => {
    const tampered = copy(chain);
    tampered[2].data = { changed: [], reason: 'nothing to see' };
    tampered[2].hash = entryHash(tampered[2].prevHash, tampered[2]);
    expect(verifyChain(tampered)).toEqual({ valid: false, count: 3, firstBad: { seq: 4, reason: 'prev_hash_mismatch' } });
  });

  it('names an entry whose prevHash was changed, the first one included', () => {
    const tampered = copy(chain);
    tampered[3].prevHash = chain[1].hash;
    expect(verifyChain(tampered)).toEqual({ valid: false, count: 3, firstBad: { seq: 4, reason: 'prev_hash_mismatch' } });

    const notGenesis = copy(chain);
    notGenesis[0].prevHash = '1'.repeat(64);
    expect(verifyChain(notGenesis)).toEqual({ valid: false, count: 0, firstBad: { seq: 1, reason: 'prev_hash_mismatch' } });
  });

  it('reports a missing entry as a seq gap at the entry after it', () => {
    const missingThird = chain.filter((e) => e.seq !== 3);
    expect(verifyChain(missingThird)).toEqual({ valid: false, count: 2, firstBad: { seq: 4, reason: 'seq_gap' } });
    expect(verifyChain(chain.slice(1))).toEqual({ valid: false, count: 0, firstBad: { seq: 2, reason: 'seq_gap' } });
  });

  it('reports reordered, duplicated and renumbered entries as seq gaps', () => {
    expect(verifyChain([chain[0], chain[2], chain[1], chain[3], chain[4]])).toEqual({
      valid: false,
      count: 1,
      firstBad: { seq: 3, reason: 'seq_gap' },
    });
    expect(verifyChain([chain[0], chain[1], chain[1], chain[2]])).toEqual({
      valid: false,
      count: 2,
      firstBad: { seq: 2, reason: 'seq_gap' },
    });
    const renumbered = copy(chain);
    renumbered[4].seq = 6;
    expect(verifyChain(renumbered)).toEqual({ valid: false, count: 4, firstBad: { seq: 6, reason: 'seq_gap' } });
  });

  it('reports content that cannot be hashed as a hash mismatch instead of throwing', () => {
    const tampered = copy(chain);
    tampered[1].data = { bytes: 48213.5 };
    expect(verifyChain(tampered)).toEqual({ valid: false, count: 1, firstBad: { seq: 2, reason: 'hash_mismatch' } });
  });

  it('cannot see entries dropped from the end on its own: compare lastHash with the published head', () => {
    const truncated = verifyChain(chain.slice(0, 4));
    expect(truncated).toEqual({ valid: true, count: 4, lastHash: chain[3].hash });
    expect(truncated.valid && truncated.lastHash).not.toBe(chain[4].hash);
  });
});
