/**
 * Which queries a connection sends as named (prepared) statements. PostgreSQL parses and plans
 * an unnamed statement every time; for the portal's short queries that is most of their cost
 * (a token lookup: 0.5 ms of planning, 0.03 ms of execution). A named statement is parsed once
 * per connection, and after five runs PostgreSQL may keep a generic plan for it.
 *
 * Only statements the process has sent a few times are prepared, and at most a few hundred per
 * connection: the app's own queries are a fixed set, but some are built with lists of varying
 * length, and a one-off query is not worth keeping. Not behind a pooler that hands a client a
 * different server session per transaction (DATABASE_POOLER=transaction): a statement prepared
 * on one would be missing on the next.
 */
import crypto from 'node:crypto';

/** Runs of a statement (by its text, in this process) before it is prepared. */
export const PREPARE_AFTER_RUNS = 3;
/** Statements prepared per connection, at most. */
export const MAX_PREPARED_PER_CONNECTION = 200;
const MAX_TEXTS_COUNTED = 5_000;

interface Seen {
  runs: number;
  name: string;
}
const seen = new Map<string, Seen>();

export const preparedStatementsEnabled = () => process.env.DATABASE_POOLER !== 'transaction';

/**
 * The name to send `text` under on a connection that has already prepared `prepared` (pg's
 * record: name → text), or null to send it unnamed.
 */
export function statementName(text: string, prepared: Record<string, string | undefined>): string | null {
  let known = seen.get(text);
  if (!known) {
    if (seen.size >= MAX_TEXTS_COUNTED) seen.clear(); // forget the counts, not the prepared statements
    known = { runs: 0, name: `portal_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}` };
    seen.set(text, known);
  }
  known.runs += 1;
  if (prepared[known.name] !== undefined) return known.name;
  if (known.runs < PREPARE_AFTER_RUNS) return null;
  return Object.keys(prepared).length < MAX_PREPARED_PER_CONNECTION ? known.name : null;
}
