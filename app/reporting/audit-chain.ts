/**
 * The hash-chained audit log of reporting: every submission, amendment, attachment and
 * certification becomes an entry whose hash covers the previous entry's hash and the entry's
 * canonical content, so that changing, removing or reordering a past entry shows.
 *
 * Plain TypeScript (node:crypto only): no Remix, no Prisma. The format is specified for
 * verifiers in other languages in docs/audit-chain.md; canonicalJson produces exactly what
 * Python's `json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=False)` does,
 * and refuses the values where the two would differ (non-integer numbers, non-BMP characters
 * in object keys, lone surrogates).
 */
import { createHash } from 'node:crypto';

export interface AuditEntryContent {
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  /** ISO instant. */
  at: string;
  /** e.g. 'submission', 'amendment', 'attachment', 'certification'. */
  kind: string;
  /** Who did it; null for the system. */
  actor: string | null;
  /** What it is about, e.g. a report's id. */
  subject: string;
  /** JSON: integers and strings (decimals as strings), booleans, null, arrays, plain objects. */
  data: unknown;
}

export interface StoredEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { valid: true; count: number; lastHash: string }
  | {
      valid: false;
      /** How many entries verified before the first bad one. */
      count: number;
      firstBad: { seq: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' | 'seq_gap' };
    };

/** The prevHash of entry 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_RE = /^[0-9a-f]{64}$/;

/* ---------------------------------------------------------------------- */
/* Canonical JSON                                                          */
/* ---------------------------------------------------------------------- */

// A UTF-16 surrogate not paired with its other half.
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Any surrogate, i.e. a character outside the Basic Multilingual Plane (or a broken one).
const SURROGATE_RE = /[\uD800-\uDFFF]/;

function describePath(path: string): string {
  return path === '' ? 'the value' : path;
}

function canonicalString(value: string, path: string): string {
  if (LONE_SURROGATE_RE.test(value)) {
    throw new Error(`canonicalJson: ${describePath(path)} contains a lone UTF-16 surrogate (not valid Unicode)`);
  }
  // JSON.stringify escapes exactly " \ and U+0000–U+001F (as \b \t \n \f \r or \u00xx, lower-case
  // hex), like Python's json.dumps with ensure_ascii=False; everything else is written as is.
  return JSON.stringify(value);
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return canonicalString(value, path);
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new Error(
          `canonicalJson: ${describePath(path)} is ${value}; only integers up to 2^53−1 are allowed ` +
            '(write decimals as strings, e.g. "1234.56", or as integer cents)',
        );
      }
      return JSON.stringify(value); // -0 is written 0, as JSON.stringify does
    case 'object':
      break;
    default:
      // undefined, bigint, symbol, function
      throw new Error(`canonicalJson: ${describePath(path)} is a ${typeof value}, which JSON cannot represent`);
  }

  const object = value as object;
  if (ancestors.has(object)) throw new Error(`canonicalJson: ${describePath(path)} refers to itself`);
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const items: string[] = [];
      for (let i = 0; i < object.length; i++) items.push(write(object[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto?.constructor as { name?: string } | undefined)?.name ?? 'object';
      throw new Error(`canonicalJson: ${describePath(path)} is a ${name}; only plain objects and arrays are allowed`);
    }
    if (Object.getOwnPropertySymbols(object).length > 0) {
      throw new Error(`canonicalJson: ${describePath(path)} has symbol keys`);
    }
    // Default sort: by UTF-16 code units. Keys are restricted to the BMP, where that order is
    // also the code point order Python's sort_keys uses.
    const keys = Object.keys(object).sort();
    const members: string[] = [];
    for (const key of keys) {
      if (SURROGATE_RE.test(key)) {
        throw new Error(
          `canonicalJson: key ${JSON.stringify(key)} in ${describePath(path)} has a character outside ` +
            'the Basic Multilingual Plane (key order would differ between languages)',
        );
      }
      const member = (object as Record<string, unknown>)[key];
      members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

/**
 * Deterministic JSON: object keys sorted, no whitespace, arrays in order, strings escaped as
 * JSON.stringify does (non-ASCII written as is). Throws on anything that is not plain JSON of
 * integers, strings, booleans, null, arrays and plain objects: NaN, Infinity, non-integer
 * numbers, undefined, functions, bigint, symbols, Dates, Maps, class instances, cycles.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '', new Set());
}

/* ---------------------------------------------------------------------- */
/* Hashes                                                                  */
/* ---------------------------------------------------------------------- */

/** Hex SHA-256 of `${prevHash}\n${canonicalJson(content)}` (UTF-8), over the six content fields only. */
export function entryHash(prevHash: string, content: AuditEntryContent): string {
  if (typeof prevHash !== 'string' || !HASH_RE.test(prevHash)) {
    throw new Error('entryHash: prevHash must be 64 lower-case hex digits');
  }
  const { seq, at, kind, actor, subject, data } = content;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error(`entryHash: seq must be a positive integer, got ${seq}`);
  if (typeof at !== 'string' || typeof kind !== 'string' || typeof subject !== 'string') {
    throw new Error('entryHash: at, kind and subject must be strings');
  }
  if (actor !== null && typeof actor !== 'string') throw new Error('entryHash: actor must be a string or null');
  const canonical = canonicalJson({ seq, at, kind, actor, subject, data });
  return createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

/**
 * An entry's canonical JSON without its seq and at, in the three pieces around them (keys in
 * order: actor, at, data, kind, seq, subject), for the database to chain at commit: there
 * `${beforeAt}"${at}"${beforeSeq}${seq}${afterSeq}` is exactly canonicalJson(content), so
 * SHA-256 of `${prevHash}\n` and it is entryHash(prevHash, content). Throws as canonicalJson
 * does on what it cannot represent, before anything is written.
 */
export function entryHashParts(content: Omit<AuditEntryContent, 'seq' | 'at'>): { beforeAt: string; beforeSeq: string; afterSeq: string } {
  const { kind, actor, subject, data } = content;
  if (typeof kind !== 'string' || typeof subject !== 'string') throw new Error('entryHashParts: kind and subject must be strings');
  if (actor !== null && typeof actor !== 'string') throw new Error('entryHashParts: actor must be a string or null');
  return {
    beforeAt: `{"actor":${canonicalJson(actor)},"at":`,
    beforeSeq: `,"data":${canonicalJson(data)},"kind":${canonicalJson(kind)},"seq":`,
    afterSeq: `,"subject":${canonicalJson(subject)}}`,
  };
}

/** Where a check resumes: the number of entries already verified and the last one's hash. */
export interface VerifiedPrefix {
  count: number;
  lastHash: string;
}

/**
 * Checks a chain read in seq order, starting at 1: for each entry, in this order, that its seq
 * is the previous one + 1 ('seq_gap'), that its prevHash is the previous entry's hash (or
 * GENESIS_HASH for the first; 'prev_hash_mismatch'), and that its hash is entryHash(prevHash,
 * content) ('hash_mismatch', also when the content cannot be hashed at all). Stops at the first
 * bad entry and names its seq. A valid chain's lastHash should then be compared with the
 * published head: dropping entries from the end, or rewriting an entry and every one after it,
 * leaves a chain that is valid on its own.
 *
 * `from` resumes after a prefix already verified (the entries then start at from.count + 1), so
 * a long chain can be checked batch by batch, or only its entries since the last check.
 */
export function verifyChain(entries: Iterable<StoredEntry>, from: VerifiedPrefix = { count: 0, lastHash: GENESIS_HASH }): ChainVerdict {
  let count = from.count;
  let expectedPrev = from.lastHash;
  for (const entry of entries) {
    const fail = (reason: 'prev_hash_mismatch' | 'hash_mismatch' | 'seq_gap'): ChainVerdict => ({
      valid: false,
      count,
      firstBad: { seq: entry.seq, reason },
    });
    if (entry.seq !== count + 1) return fail('seq_gap');
    if (entry.prevHash !== expectedPrev) return fail('prev_hash_mismatch');
    let recomputed: string;
    try {
      recomputed = entryHash(entry.prevHash, entry);
    } catch {
      return fail('hash_mismatch');
    }
    if (entry.hash !== recomputed) return fail('hash_mismatch');
    expectedPrev = entry.hash;
    count++;
  }
  return { valid: true, count, lastHash: expectedPrev };
}
