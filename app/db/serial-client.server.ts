/**
 * A pg client that runs the queries it is given one after another, never two at once.
 *
 * Prisma's driver adapter (@prisma/adapter-pg 6.19) sends the queries of one read with
 * relations (an `include`) concurrently; in an interactive transaction they all go to the
 * transaction's one connection, so pg queues the second while the first runs. pg 8 still does
 * that, with the deprecation warning "Calling client.query() when the client is already
 * executing a query" (once per process); pg 9 will refuse it. Outside a transaction each query
 * takes its own pooled connection, and nothing changes. Chaining the promise-style calls here
 * keeps the order the adapter asked for, and each query starts only once pg is ready for it.
 * Callback-style calls (the pool's own) and streams (COPY) keep pg's own path: they are never
 * concurrent on one client in this code.
 */
import pg from 'pg';
import { preparedStatementsEnabled, statementName } from './prepared-statements.server';

/** pg's record of the statements a connection has prepared (name → text); not in its types. */
type WithParsed = { connection: { parsedStatements: Record<string, string | undefined> } };

export class SerialClient extends pg.Client {
  #tail: Promise<unknown> = Promise.resolve();
  readonly #prepare = preparedStatementsEnabled();

  // pg's query() has many overloads; this stands for all of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const [first] = args;
    const submittable = typeof first === 'object' && first !== null && typeof first.submit === 'function';
    // Prisma's adapter sends { text, values, rowMode, types }: named once it has run a few times
    // (prepared-statements.server.ts).
    if (this.#prepare && !submittable && typeof first === 'object' && first !== null && typeof first.text === 'string' && !first.name) {
      const name = statementName(first.text, (this as unknown as WithParsed).connection.parsedStatements);
      if (name) args[0] = { ...first, name };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const run = () => (super.query as (...a: any[]) => any)(...args);
    if (typeof args[args.length - 1] === 'function' || submittable) return run();
    const result = this.#tail.then(run, run);
    // A failed query does not stop the next: its caller gets the error.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
